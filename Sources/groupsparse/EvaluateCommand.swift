import ArgumentParser
import Foundation
import GroupSparse

struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score a model on a folder of clean PNG images with synthetic Gaussian noise.",
        discussion: """
            Follows the project's evaluation protocol: each clean image (in name order) is read as \
            floats in [0, 1]; Gaussian noise of standard deviation sigma/255 is added, neither clipped \
            nor quantized; the model denoises it knowing sigma; the output is clipped to [0, 1] and \
            scored by PSNR and SSIM against the clean image. Averages are means of per-image scores.

            The noise of image number i (from 0, in name order) at a given sigma is seeded with \
            ((seed * 1000000 + i) * 10000 + round(10 * sigma)) mod 2^64, so a run repeats bit for bit.

            --png8 scores the realistic path instead: the noisy input is clipped and rounded to 8 bits, \
            and so is the output, as when both are saved as 8-bit PNG files.

            A grey model denoises RGB images in opponent-colour space, with groups matched on the \
            luminance; --colour separate denoises R, G and B as separate grey images instead, and \
            --colour opponent,separate scores both on the same noise, with a colour column in the \
            rows and averages. \(ModelArgument.lookupHelp)

            \(NoiseEvaluationOptions.discussion)

            Examples:
              groupsparse evaluate --data ../shared/data/Set12 --sigma 15,25,50 --seed 0
              groupsparse evaluate --data ../shared/data/Set12 --sigma 15,25,50 --seed 0 \\
                  --blind
              groupsparse evaluate --data ../shared/data/Set12 --sigma 5,10,15,25,35,50 \\
                  --estimate-noise --png8
              groupsparse evaluate --data ../shared/data/Color3 --sigma 25 \\
                  --colour opponent,separate
              groupsparse evaluate --data Set12 --model sc \\
                  --output-json sc.json --output-markdown sc.md
            """)

    @Option(help: ArgumentHelp("Folder of clean PNG images.", valueName: "folder"))
    var data: String

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Noise levels on the 0-255 scale, separated by commas.", valueName: "sigmas"))
    var sigma = "15,25,50"

    @Option(help: "Seed of the synthetic noise.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("A bundled model name or a .safetensors path.", valueName: "name|path"))
    var model = PretrainedModel.default.rawValue

    @Flag(help: "Print only JSON on standard output.")
    var json = false

    @Flag(name: .customLong("png8"), help: "Score the 8-bit PNG path: quantize the noisy input and the output.")
    var png8 = false

    @Option(help: ArgumentHelp(
        "How a grey model denoises RGB images: opponent, separate, or both separated by a comma (default: opponent).",
        valueName: "ways"))
    var colour: String?

    @Option(help: ArgumentHelp("Score only the first K images.", valueName: "K"))
    var limit: Int?

    @Option(parsing: .unconditional, help: "Threads for the matrix products (default: \(Parallelism.threadCount)).")
    var threads: Int?

    @OptionGroup var outputFiles: EvaluationFileOptions
    @OptionGroup(title: "Noise level")
    var noise: NoiseEvaluationOptions

    func run() throws {
        try reportingFailures {
            let sigmas = try SigmaParsing.sigmaList(sigma)
            let colourHandlings = try colour.map(ColourOption.list) ?? [.opponent]
            if let limit, limit < 1 { throw UsageError("--limit must be at least 1, not \(limit)") }
            if let threadCount = try SigmaParsing.threadCount(threads) { Parallelism.threadCount = threadCount }
            _ = try outputFiles.destinations()
            var files = try ImageFolder.pngFiles(in: URL(fileURLWithPath: data))
            if let limit { files = Array(files.prefix(limit)) }
            guard !files.isEmpty else { throw CommandFailure("\(data): the folder holds no .png image") }
            if noise.estimateNoise { return try reportNoiseEstimates(files: files, sigmas: sigmas) }
            let denoiser = try ModelArgument.load(model)

            var evaluation = Evaluation(
                model: denoiser.name, parameters: denoiser.parameterCount, data: data, seed: seed,
                protocolName: png8 ? "png8" : "float", blind: noise.blind)
            let progress = TerminalProgress()
            for (index, file) in files.enumerated() {
                let clean = try ImageFile.read(file).image
                for sigma in sigmas {
                    progress.update("evaluating \(index + 1)/\(files.count): \(file.lastPathComponent), sigma \(sigma)")
                    do {
                        for handling in colourHandlings {
                            evaluation.rows.append(try Evaluation.score(
                                clean, name: file.lastPathComponent, index: index, sigma: sigma, seed: seed,
                                png8: png8, blind: noise.blind, denoiser: denoiser, colour: handling,
                                colourLabel: colour == nil ? nil : ColourOption.name(of: handling)))
                        }
                    } catch let error as DenoiserError {
                        progress.clear()
                        throw CommandFailure("\(file.path): \(error.description)")
                    }
                }
            }
            progress.clear()
            try outputFiles.write(evaluation)
            try printReport(evaluation, json: json, table: evaluation.table)
        }
    }
}
