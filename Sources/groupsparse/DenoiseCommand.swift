import ArgumentParser
import Foundation
import GroupSparse

struct DenoiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "denoise",
        abstract: "Remove Gaussian noise from PNG or NPY images.",
        discussion: """
            With one input, OUTPUT is a file and its extension picks the format: .png keeps the input's \
            bit depth (8-bit when the input is NPY); .npy stores float32, unclipped, in the input's \
            layout (H, W) or (H, W, C). With several inputs or a folder, OUTPUT is a folder (created \
            if missing) and every result keeps its input's name and format. Alpha is copied unchanged. \
            Nothing is written unless every image succeeds.

            \(ModelArgument.lookupHelp)

            Examples:
              groupsparse denoise noisy.png -o clean.png --sigma 25
              groupsparse denoise scans/ -o cleaned/ --model sc --strength 0.8
            """)

    @Argument(help: ArgumentHelp("Noisy images (.png or .npy), or folders of them.", valueName: "input"))
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("The output file, or folder for several inputs.", valueName: "output"))
    var output: String

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Noise standard deviation on the 0-255 scale (e.g. 25 or 25.0), or auto to estimate it per image.",
        valueName: "sigma|auto"))
    var sigma = "auto"

    @Option(help: ArgumentHelp("A bundled model name or a .safetensors path.", valueName: "name|path"))
    var model = PretrainedModel.default.rawValue

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Factor applied to sigma: below 1 keeps more detail, above 1 smooths more.", valueName: "factor"))
    var strength = "1"

    @Option(help: ArgumentHelp(
        "How a grey model denoises RGB images: opponent (luminance and chrominance, groups shared) or separate (R, G, B alone).",
        valueName: "opponent|separate"))
    var colour = "opponent"

    @Option(parsing: .unconditional, help: "Threads for the matrix products (default: \(Parallelism.threadCount)).")
    var threads: Int?

    @OptionGroup(title: "Sharded batches (see Docs/Distributed.md)")
    var shards: ShardOptions

    func run() throws {
        if shards.isRequested { return try runShards() }
        try reportingFailures {
            let level = try SigmaParsing.noiseLevel(sigma)
            let factor = try SigmaParsing.strength(strength)
            let threadCount = try SigmaParsing.threadCount(threads)
            let colourHandlings = try ColourOption.list(colour)
            guard colourHandlings.count == 1 else {
                throw UsageError("--colour '\(colour)': denoise takes one colour handling, opponent or separate")
            }
            let denoiser = try ModelArgument.load(model)
            let plan = try OutputPlan(inputs: inputs, output: output)

            let createdFolder = try plan.createFolder()
            let outputs = StagedOutputs()
            let progress = TerminalProgress()
            do {
                for (index, job) in plan.jobs.enumerated() {
                    let label = "denoising \(index + 1)/\(plan.jobs.count): \(job.input.lastPathComponent)"
                    progress.update(label)
                    let noisy = try ImageFile.read(job.input)
                    let clean = try denoise(noisy.image, named: job.input.path, with: denoiser, level: level,
                                            strength: factor, colour: colourHandlings[0], threads: threadCount,
                                            label: label, progress: progress)
                    try outputs.stage(clean, at: job.output, matching: noisy)
                }
                progress.clear()
                try outputs.commit()
            } catch {
                progress.clear()
                outputs.discard()
                if let createdFolder, (try? FileManager.default.contentsOfDirectory(atPath: createdFolder.path))?.isEmpty == true {
                    try? FileManager.default.removeItem(at: createdFolder)
                }
                throw error
            }
        }
    }

    /// The denoised image, with an estimated sigma reported and failures naming the file.
    private func denoise(
        _ image: Image, named path: String, with denoiser: Denoiser, level: NoiseLevel, strength: Double,
        colour: ColourHandling, threads: Int?, label: String, progress: TerminalProgress
    ) throws -> Image {
        do {
            let sigma = try level.sigma(for: image)
            if level == .estimate {
                progress.clear()
                printError("\(path): estimated sigma \(String(format: "%.2f", sigma))")
            }
            return try denoiser.denoise(image, sigma: .value(sigma), strength: strength, threads: threads,
                                        colour: colour, progress: { progress.bar(label, fraction: $0) })
        } catch let error as DenoiserError {
            throw CommandFailure("\(path): \(error.description)")
        }
    }
}
