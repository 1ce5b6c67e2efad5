import ArgumentParser
import Foundation
import GroupSparse

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a sparse-coding model on a folder of PNG images.",
        discussion: """
            Draws random crops, adds Gaussian noise of a sigma drawn per crop, and learns the model end to \
            end with Adam. The last --validation-images images of the folder (in name order) are held out \
            and scored every epoch; the best weights are written to --output, and the full training state \
            to --checkpoint every few minutes so that --resume continues the run exactly.

            Examples:
              groupsparse train --data BSD400 --output sc.safetensors --seed 0
              groupsparse train --data BSD400 --output groupsc.safetensors --groups \\
                  --initial-weights sc.safetensors
            """)

    @Option(help: "Folder of training PNG images.")
    var data: String

    @Option(name: .shortAndLong, help: "Where to write the best weights (safetensors).")
    var output: String

    @Option(help: "Where to write the training state (default: OUTPUT with .checkpoint before the extension).")
    var checkpoint: String?

    @Flag(help: "Continue from the checkpoint if it exists.")
    var resume = false

    @Option(help: "Optimisation steps in the whole run.")
    var steps = TrainingConfiguration().stepCount

    @Option(help: "Steps between validations.")
    var stepsPerEpoch = TrainingConfiguration().stepsPerEpoch

    @Option(help: "Crops per step.")
    var batchSize = TrainingConfiguration().batchSize

    @Option(help: "Side of the square training crops.")
    var cropSize = TrainingConfiguration().cropSize

    @Option(help: "Training noise levels on the 0-255 scale: a range MIN-MAX or one value.")
    var sigma = "0-55"

    @Option(help: "Adam's initial learning rate.")
    var learningRate = TrainingConfiguration().learningRate

    @Option(help: "Steps over which the learning rate halves (with --learning-rate-decay halving).")
    var learningRateHalfLife = TrainingConfiguration().learningRateHalfLife

    @Option(help: ArgumentHelp("How the learning rate falls after the warm-up: halving or cosine.", valueName: "decay"))
    var learningRateDecay = TrainingConfiguration().learningRateDecay.rawValue

    @Option(help: "Steps over which the learning rate rises linearly to --learning-rate.")
    var warmupSteps = TrainingConfiguration().warmupSteps

    @Option(help: "The last step's learning rate as a fraction of --learning-rate (with --learning-rate-decay cosine).")
    var finalLearningRateRatio = TrainingConfiguration().finalLearningRateRatio

    @Option(help: "Unrolled iterations of the coder.")
    var unfoldings = SparseCoderConfiguration().unfoldingCount

    @Option(help: "Dictionary atoms.")
    var atoms = SparseCoderConfiguration().atomCount

    @Option(help: "Patch side.")
    var patchSize = SparseCoderConfiguration().patchSize

    @Flag(help: "Train a group-sparse coder (GroupSC): code groups of similar patches jointly.")
    var groups = false

    @Option(help: "Patches per group, the patch itself included (with --groups).")
    var neighbours = NonLocalConfiguration().neighbourCount

    @Option(help: "Half-width in pixels of the window searched for similar patches (with --groups).")
    var searchRadius = NonLocalConfiguration().searchRadius

    @Option(help: "Unfoldings between refreshes of the groups on the current estimate (with --groups).")
    var refreshInterval = NonLocalConfiguration().refreshInterval

    @Option(help: "Start from this weight file (e.g. an SC model to start a GroupSC model from).")
    var initialWeights: String?

    @Option(help: "Images held out of the training folder for validation.")
    var validationImages = TrainingConfiguration().validationImageCount

    @Option(help: "Seed of every random draw.")
    var seed: UInt64 = 0

    @Option(help: "Seconds between checkpoints.")
    var checkpointInterval = TrainingConfiguration().checkpointInterval

    @Option(help: "Threads for the matrix products.")
    var threads: Int?

    func run() throws {
        try reportingFailures { try train() }
    }

    private func train() throws {
        guard threads.map({ $0 > 0 }) ?? true else { throw ValidationError("--threads must be a positive integer") }
        var configuration = TrainingConfiguration()
        configuration.model = SparseCoderConfiguration(
            patchSize: patchSize, channels: 1, atomCount: atoms, unfoldingCount: unfoldings)
        configuration.stepCount = steps
        configuration.stepsPerEpoch = stepsPerEpoch
        configuration.batchSize = batchSize
        configuration.cropSize = cropSize
        let range = try SigmaRange(parsing: sigma)
        configuration.minimumSigma = range.minimum
        configuration.maximumSigma = range.maximum
        configuration.learningRate = learningRate
        configuration.learningRateHalfLife = learningRateHalfLife
        guard let decay = LearningRateDecay(rawValue: learningRateDecay) else {
            throw UsageError("--learning-rate-decay '\(learningRateDecay)' is not a decay: write halving or cosine")
        }
        configuration.learningRateDecay = decay
        configuration.warmupSteps = warmupSteps
        configuration.finalLearningRateRatio = finalLearningRateRatio
        configuration.validationImageCount = validationImages
        configuration.seed = seed
        configuration.checkpointInterval = checkpointInterval
        configuration.initialWeights = initialWeights
        if groups {
            guard neighbours > 0, searchRadius >= 0, refreshInterval > 0 else {
                throw ValidationError("--neighbours and --refresh-interval must be positive, --search-radius non-negative")
            }
            configuration.nonLocal = NonLocalConfiguration(
                neighbourCount: neighbours, searchRadius: searchRadius, refreshInterval: refreshInterval)
        }
        if let threads { Parallelism.threadCount = threads }

        let outputURL = URL(fileURLWithPath: output)
        let checkpointURL = URL(fileURLWithPath: checkpoint ?? TrainCommand.defaultCheckpointPath(for: output))
        let trainer = try Trainer(configuration: configuration)
        let command = (["groupsparse"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        let parameterCount = configuration.model.parameterCount
            + (configuration.nonLocal == nil ? 0 : configuration.model.patchLength + 1)
        printError("training \(parameterCount) parameters on \(data); "
                   + "best weights -> \(outputURL.path), checkpoints -> \(checkpointURL.path)")
        let terminal = TerminalProgress()
        let stop = StopRequest(announce: { terminal.clear(); printError($0) })
        let weights: SparseCoderWeights
        do {
            weights = try trainer.run(
                folder: URL(fileURLWithPath: data), output: outputURL, checkpoint: checkpointURL, resume: resume,
                provenance: ["training.command": command, "training.data": data],
                progress: { terminal.clear(); printError($0.line) },
                notice: { terminal.clear(); printError($0) },
                initialisationProgress: { terminal.bar("learning the initial dictionary", fraction: $0) },
                stepCompleted: { step, secondsPerStep in
                    terminal.show(step: step, of: configuration, secondsPerStep: secondsPerStep)
                },
                shouldContinue: { stop.shouldContinue })
            terminal.clear()
        } catch let error as TrainingError {
            if case .checkpointMismatch(let path, let settings) = error {
                throw UsageError("cannot resume: \(path) was written with other values of "
                                 + settings.map(TrainCommand.optionName(of:)).joined(separator: ", ")
                                 + "; give the checkpoint's values or start a new run without --resume")
            }
            throw error
        }
        if stop.receivedSignal != nil {
            printError("best weights so far in \(outputURL.path); continue with the same command and --resume")
            throw ExitCode(stop.exitStatus)
        }
        printError("done: \(weights.parameterCount) parameters written to \(outputURL.path)")
    }

    /// The command-line option behind a ``TrainingConfiguration`` setting, for messages.
    static func optionName(of setting: String) -> String {
        let options = [
            "stepCount": "--steps", "minimumSigma": "--sigma", "maximumSigma": "--sigma",
            "validationImageCount": "--validation-images", "model.unfoldingCount": "--unfoldings",
            "model.atomCount": "--atoms", "model.patchSize": "--patch-size", "nonLocal": "--groups",
            "nonLocal.neighbourCount": "--neighbours", "nonLocal.searchRadius": "--search-radius",
            "nonLocal.refreshInterval": "--refresh-interval",
        ]
        if let option = options[setting] { return option }
        guard !setting.contains(".") else { return setting }
        let words = setting.reduce(into: "") { text, character in
            text += character.isUppercase ? "-" + character.lowercased() : String(character)
        }
        return "--" + words
    }

    static func defaultCheckpointPath(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        let base = url.deletingPathExtension().path
        return base + ".checkpoint.safetensors"
    }
}

extension TerminalProgress {
    /// The bar of the epoch under way, with the step, the rate and the time the run has left.
    func show(step: Int, of configuration: TrainingConfiguration, secondsPerStep: Double) {
        let epochLength = configuration.stepsPerEpoch
        let epoch = (step - 1) / epochLength + 1
        let epochCount = (configuration.stepCount + epochLength - 1) / epochLength
        let done = step - (epoch - 1) * epochLength
        let time = TrainingProgress.duration(secondsPerStep * Double(configuration.stepCount - step))
        bar("epoch \(epoch)/\(epochCount)  step \(step)/\(configuration.stepCount)  "
            + "\(String(format: "%.2f", secondsPerStep > 0 ? 1 / secondsPerStep : 0)) steps/s  left \(time)",
            fraction: Double(done) / Double(epochLength))
    }
}

/// A sigma range written `MIN-MAX` or a single value, on the 0-255 scale.
struct SigmaRange {
    var minimum: Float
    var maximum: Float

    init(parsing text: String) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              let low = Float(parts[0]), let high = Float(parts.last!),
              low.isFinite, high.isFinite, low >= 0, high >= low else {
            throw ValidationError("'\(text)' is not a sigma or a range MIN-MAX of non-negative sigmas")
        }
        minimum = low
        maximum = high
    }
}
