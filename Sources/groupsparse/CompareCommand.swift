import ArgumentParser
import Foundation
import GroupSparse
import GroupSparseReports

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show a clean image, its noisy copy and each model's result side by side with their PSNR.",
        discussion: """
            Adds Gaussian noise of standard deviation sigma/255 to the clean image (neither clipped \
            nor quantized), denoises it with every model, and writes one PNG: clean, noisy, then one \
            panel per model, each captioned with its name and its PSNR against the clean image. \
            PSNR and SSIM are measured over the whole image, as evaluate measures them, even when \
            --region shows only part of it; the noisy panel's PSNR is that of the noisy image clipped \
            to [0, 1], as it is shown. Standard output gets a one-line Markdown caption, or JSON \
            with --json.

            The noise is the one evaluate adds to image number K (from 0, in name order) of a folder \
            with the same --seed, so `--noise-index K` reproduces the noisy image, and the PSNR, of \
            that image's evaluate row.

            \(ModelArgument.lookupHelp)

            Examples:
              groupsparse compare Set12/09.png --noise-index 8 --sigma 25 -o barbara.png
              groupsparse compare photo.png --models sc,groupsc \\
                  --region 100,60,192,192 -o crop.png
            """)

    @Argument(help: ArgumentHelp("The clean image (.png or .npy).", valueName: "clean"))
    var clean: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The PNG file to write.", valueName: "output.png"))
    var output: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Noise standard deviation on the 0-255 scale.", valueName: "sigma"))
    var sigma = "25"

    @Option(help: ArgumentHelp("Models to compare, separated by commas: bundled names or .safetensors paths.",
                               valueName: "models"))
    var models = PretrainedModel.allCases.map(\.rawValue).joined(separator: ",")

    @Option(help: "Seed of the synthetic noise.")
    var seed: UInt64 = 0

    @Option(name: .customLong("noise-index"), help: ArgumentHelp(
        "Use the noise evaluate draws for image number K of its folder.", valueName: "K"))
    var noiseIndex = 0

    @Option(help: ArgumentHelp("Show only this rectangle: left, top, width, height in pixels.", valueName: "x,y,w,h"))
    var region: String?

    @Option(parsing: .unconditional, help: "Threads for the matrix products (default: \(Parallelism.threadCount)).")
    var threads: Int?

    @Flag(help: "Print JSON on standard output instead of the Markdown caption.")
    var json = false

    func run() throws {
        try reportingFailures {
            guard let sigmaValue = SigmaParsing.sigma(sigma) else {
                throw UsageError("--sigma '\(sigma)' is not a noise level: write a non-negative number on the 0-255 scale, such as 25")
            }
            guard noiseIndex >= 0 else { throw UsageError("--noise-index must be at least 0, not \(noiseIndex)") }
            if let threadCount = try SigmaParsing.threadCount(threads) { Parallelism.threadCount = threadCount }
            let names = try Self.modelList(models)
            let rectangle = try region.map(Self.rectangle)
            let destination = try OutputDestination.checked(output, extensions: ["png"], option: "-o")
            let denoisers = try names.map(ModelArgument.load)

            let cleanImage = try ImageFile.read(URL(fileURLWithPath: clean)).image
            var visible = cleanImage
            visible.alpha = nil
            if let rectangle {
                guard rectangle.x + rectangle.width <= cleanImage.width, rectangle.y + rectangle.height <= cleanImage.height else {
                    throw UsageError("--region \(region!) reaches outside the \(cleanImage.width) x \(cleanImage.height) image")
                }
            }
            let noisy = visible.addingGaussianNoise(
                sigma: sigmaValue, seed: noiseSeed(seed: seed, imageIndex: noiseIndex, sigma: sigmaValue))
            let noisyShown = noisy.clipped()
            var comparison = Comparison(
                image: clean, sigma: sigmaValue, seed: seed, noiseIndex: noiseIndex,
                region: rectangle.map { [$0.x, $0.y, $0.width, $0.height] },
                noisyPSNR: peakSignalToNoiseRatio(noisyShown, reference: visible))
            var panels = [
                ComparisonStrip.Panel(image: Self.cropped(visible, to: rectangle), caption: ["clean", "reference"]),
                ComparisonStrip.Panel(image: Self.cropped(noisyShown, to: rectangle),
                                      caption: ["noisy", "\(String(format: "%.2f", comparison.noisyPSNR)) dB"]),
            ]
            let progress = TerminalProgress()
            for (name, denoiser) in zip(names, denoisers) {
                progress.update("denoising with \(name)")
                let (result, entry): (Image, Comparison.Model)
                do {
                    (result, entry) = try Self.score(
                        denoiser, named: name, noisy: noisy, clean: visible, path: clean, sigma: sigmaValue)
                } catch {
                    progress.clear()
                    throw error
                }
                comparison.models.append(entry)
                panels.append(.init(image: Self.cropped(result, to: rectangle),
                                    caption: [entry.name, "\(String(format: "%.2f", entry.psnr)) dB"]))
            }
            progress.clear()

            try PNGCodec.write(ComparisonStrip(panels: panels).picture().compactImage, to: destination)
            if json {
                print(try JSONOutput.text(comparison))
            } else {
                print(comparison.caption)
            }
        }
    }

    /// The clipped result of one model and its scores against the clean image, as `evaluate`
    /// measures them.
    private static func score(
        _ denoiser: Denoiser, named name: String, noisy: Image, clean: Image, path: String, sigma: Double
    ) throws -> (Image, Comparison.Model) {
        let clock = ContinuousClock(), start = clock.now
        let result: Image
        do {
            result = try denoiser.denoise(noisy, sigma: .value(sigma)).clipped()
        } catch let error as DenoiserError {
            throw CommandFailure("\(path): \(name): \(error.description)")
        }
        let elapsed = clock.now - start
        let ssim = structuralSimilarity(result, reference: clean)
        let entry = Comparison.Model(
            model: name, name: ModelNames.display(name), parameters: denoiser.parameterCount,
            psnr: peakSignalToNoiseRatio(result, reference: clean), ssim: ssim.isNaN ? nil : ssim,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        return (result, entry)
    }

    /// The model names of `--models`: at least one, none repeated.
    static func modelList(_ text: String) throws -> [String] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.contains("") else { throw UsageError("--models '\(text)': give model names separated by commas, such as sc,groupsc") }
        guard Set(names).count == names.count else { throw UsageError("--models '\(text)' names a model twice") }
        return names
    }

    /// The `--region` rectangle: four non-negative integers, width and height at least 1.
    static func rectangle(_ text: String) throws -> (x: Int, y: Int, width: Int, height: Int) {
        let numbers = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard numbers.count == 4, let x = numbers[0], let y = numbers[1], let width = numbers[2], let height = numbers[3],
              x >= 0, y >= 0, width >= 1, height >= 1 else {
            throw UsageError("--region '\(text)' is not x,y,width,height in pixels, such as 100,60,192,192")
        }
        return (x, y, width, height)
    }

    private static func cropped(_ image: Image, to rectangle: (x: Int, y: Int, width: Int, height: Int)?) -> Image {
        guard let rectangle else { return image }
        return image.crop(row: rectangle.y, column: rectangle.x, height: rectangle.height, width: rectangle.width)
    }
}

/// What `compare` measured, for its caption and its JSON.
struct Comparison: Encodable {
    /// One model's result.
    struct Model: Encodable {
        var model: String
        var name: String
        var parameters: Int
        var psnr: Double
        var ssim: Double?
        var seconds: Double
    }

    var image: String
    var sigma: Double
    var seed: UInt64
    var noiseIndex: Int
    var region: [Int]?
    var noisyPSNR: Double
    var models: [Model] = []

    enum CodingKeys: String, CodingKey {
        case image, sigma, seed, region, models
        case noiseIndex = "noise_index"
        case noisyPSNR = "noisy_psnr"
    }

    /// One line of Markdown: the image, the noise and every PSNR.
    var caption: String {
        let scores = (["noisy \(String(format: "%.2f", noisyPSNR)) dB"]
            + models.map { "\($0.name) \(String(format: "%.2f", $0.psnr)) dB" }).joined(separator: ", ")
        let shown = region.map { " The picture shows the \($0[2]) x \($0[3]) region at x = \($0[0]), y = \($0[1])." } ?? ""
        let sigmaText = sigma == sigma.rounded() ? String(Int(sigma)) : String(sigma)
        return "`\(URL(fileURLWithPath: image).lastPathComponent)`, sigma \(sigmaText), noise seed \(seed) "
            + "(image \(noiseIndex)): \(scores) (PSNR over the whole image).\(shown)"
    }
}
