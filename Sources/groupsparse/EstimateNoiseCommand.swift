import ArgumentParser
import Foundation
import GroupSparse

struct EstimateNoiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate-noise",
        abstract: "Estimate the standard deviation of Gaussian noise in an image.",
        discussion: """
            Prints the estimate on the 0-255 scale, overall and per channel. The estimator looks for \
            weakly textured patches and measures the noise in their high frequencies; 8-bit inputs \
            (every sample a multiple of 1/255) are corrected for clipping at 0 and 255. It assumes \
            additive white Gaussian noise.

            Examples:
              groupsparse estimate-noise photo.png
              groupsparse estimate-noise scan.npy --json
            """)

    @Argument(help: ArgumentHelp("A PNG or NPY image.", valueName: "input"))
    var input: String

    @Flag(help: "Print only JSON: {\"sigma\": <overall>, \"channels\": [<per channel>]}.")
    var json = false

    func run() throws {
        try reportingFailures {
            let image = try ImageFile.read(URL(fileURLWithPath: input)).image
            guard image.pixels.allSatisfy(\.isFinite) else {
                throw CommandFailure("\(input) holds NaN or infinite samples; no noise level can be measured")
            }
            if let largest = image.pixels.max(), largest > 2 {
                printError("warning: \(input) has samples up to \(String(format: "%g", largest)); images are read "
                           + "on the [0, 1] scale, so this one may be on the 0-255 scale (divide it by 255)")
            }
            let estimate = NoiseEstimator.estimate(image)
            if json {
                let payload = EstimatePayload(sigma: estimate.sigma, channels: estimate.channels)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                print(String(decoding: try encoder.encode(payload), as: UTF8.self))
            } else {
                let channels = estimate.channels.map { String(format: "%.2f", $0) }.joined(separator: ", ")
                print("sigma \(String(format: "%.2f", estimate.sigma)) (channels: \(channels))")
            }
        }
    }
}

/// The JSON form of a noise estimate.
private struct EstimatePayload: Encodable {
    var sigma: Double
    var channels: [Double]
}
