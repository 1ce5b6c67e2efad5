import ArgumentParser
import Foundation
import GroupSparse

struct EstimateNoiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate-noise",
        abstract: "Estimate the standard deviation of Gaussian noise in images.",
        discussion: """
            Prints the estimate on the 0-255 scale, overall and per channel, one line per image \
            (prefixed with its path when there are several). The estimator looks for weakly textured \
            patches and measures the noise in their high frequencies; 8- and 16-bit inputs (every \
            sample a whole level) are corrected for clipping at 0 and 255. It assumes additive white \
            Gaussian noise.

            An image that cannot be read or measured is reported on standard error and the others \
            are still measured; the exit status is then 1.

            Examples:
              groupsparse estimate-noise photo.png
              groupsparse estimate-noise scans/ --json
            """)

    @Argument(help: ArgumentHelp("PNG or NPY images, or folders of them.", valueName: "input"))
    var inputs: [String] = []

    @Flag(help: "Print only JSON, one object per image: {\"path\": ..., \"sigma\": ..., \"channels\": [...]}.")
    var json = false

    func run() throws {
        var failed = false
        try reportingFailures {
            let files = try Self.files(from: inputs)
            for file in files {
                do {
                    let estimate = try Self.estimate(file)
                    print(line(for: estimate, path: file.relativePath, prefixed: files.count > 1))
                } catch {
                    printFailure(error)
                    failed = true
                }
            }
        }
        if failed { throw ExitCode.failure }
    }

    /// The images named on the command line, folders expanded in name order.
    private static func files(from inputs: [String]) throws -> [URL] {
        guard !inputs.isEmpty else { throw UsageError("no input image given") }
        var files: [URL] = []
        for input in inputs {
            if let found = try BatchInputs.folderImages(input) {
                guard !found.isEmpty else { throw UsageError("\(input) holds no .png or .npy image") }
                files += found
            } else {
                files.append(URL(fileURLWithPath: input))
            }
        }
        return files
    }

    /// The estimate for one file, with a warning for samples that look like the 0-255 scale.
    private static func estimate(_ file: URL) throws -> NoiseEstimate {
        let path = file.relativePath
        let image = try ImageFile.read(file).image
        guard image.pixels.allSatisfy(\.isFinite) else {
            throw CommandFailure("\(path) holds NaN or infinite samples; no noise level can be measured")
        }
        if let largest = image.pixels.max(), largest > 2 {
            printError("warning: \(path) has samples up to \(String(format: "%g", largest)); images are read "
                       + "on the [0, 1] scale, so this one may be on the 0-255 scale (divide it by 255)")
        }
        return NoiseEstimator.estimate(image)
    }

    private func line(for estimate: NoiseEstimate, path: String, prefixed: Bool) -> String {
        if json {
            let payload = EstimatePayload(path: path, sigma: estimate.sigma, channels: estimate.channels)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return String(decoding: (try? encoder.encode(payload)) ?? Data(), as: UTF8.self)
        }
        let channels = estimate.channels.map { String(format: "%.2f", $0) }.joined(separator: ", ")
        return (prefixed ? "\(path): " : "") + "sigma \(String(format: "%.2f", estimate.sigma)) (channels: \(channels))"
    }
}

/// The JSON form of one image's noise estimate.
private struct EstimatePayload: Encodable {
    var path: String
    var sigma: Double
    var channels: [Double]
}
