import Foundation

/// Trains a sparse coder end to end on random noisy crops of a folder of PNG images.
///
/// Each step draws `batchSize` crops (random place, random symmetry), adds Gaussian noise of a sigma
/// drawn per crop, runs the unrolled coder forward, averages the patches into images, and takes one
/// Adam step on the gradient of the weighted mean squared error. Every `stepsPerEpoch` steps the model
/// is scored on held-out images; a drop of more than a decibel (or a non-finite loss) is undone by
/// going back to the last good state with half the learning rate.
public final class Trainer {
    /// The run's settings.
    public let configuration: TrainingConfiguration

    /// A trainer for `configuration`.
    public init(configuration: TrainingConfiguration) throws {
        let c = configuration
        guard c.model.patchSize > 0, c.model.atomCount > 0, c.model.unfoldingCount > 0, c.dictionaryLearningRounds > 0 else {
            throw TrainingError.invalidSetting("patch size, atoms, unfoldings and dictionary rounds must be positive")
        }
        guard c.validationCropSize >= c.model.patchSize else {
            throw TrainingError.invalidSetting("validation crop \(c.validationCropSize) is smaller than the patch size \(c.model.patchSize)")
        }
        guard c.cropSize >= c.model.patchSize else {
            throw TrainingError.invalidSetting("crop size \(c.cropSize) is smaller than the patch size \(c.model.patchSize)")
        }
        guard c.batchSize > 0, c.stepCount > 0, c.stepsPerEpoch > 0, c.learningRate > 0, c.learningRateHalfLife > 0 else {
            throw TrainingError.invalidSetting("batch size, steps, epoch length, learning rate and half-life must be positive")
        }
        guard c.warmupSteps >= 0, c.warmupSteps < c.stepCount else {
            throw TrainingError.invalidSetting("warm-up of \(c.warmupSteps) steps must be non-negative and shorter than the run (\(c.stepCount) steps)")
        }
        guard c.finalLearningRateRatio > 0, c.finalLearningRateRatio <= 1 else {
            throw TrainingError.invalidSetting("final learning-rate ratio \(c.finalLearningRateRatio) is not in (0, 1]")
        }
        if let nonLocal = c.nonLocal {
            guard nonLocal.neighbourCount > 0, nonLocal.refreshInterval > 0, nonLocal.searchRadius >= 0 else {
                throw TrainingError.invalidSetting("neighbours and refresh interval must be positive, the search radius non-negative")
            }
        }
        guard c.minimumSigma >= 0, c.maximumSigma >= c.minimumSigma else {
            throw TrainingError.invalidSetting("sigma range \(c.minimumSigma)...\(c.maximumSigma) is not a range of non-negative values")
        }
        guard c.validationImageCount > 0, !c.validationSigmas.isEmpty else {
            throw TrainingError.invalidSetting("validation needs at least one image and one sigma")
        }
        self.configuration = configuration
    }

    /// Runs (or resumes) training.
    ///
    /// - Parameters:
    ///   - folder: a folder of PNG images; the last `validationImageCount` in name order are held out.
    ///   - output: where the best weights so far are written (safetensors with provenance).
    ///   - checkpoint: where the full training state is written every `checkpointInterval` seconds.
    ///   - resume: continue from `checkpoint` if it exists.
    ///   - provenance: extra metadata for the output file, such as the command that started the run.
    ///   - progress: called at the end of every epoch.
    ///   - notice: called with one-line messages on the run's life: how it started (fresh or resumed
    ///     from which step) and where it stopped early.
    ///   - initialisationProgress: called with the fraction done while the initial dictionary is
    ///     learned (a fresh run without `initialWeights`), for a progress display.
    ///   - stepCompleted: called after every step with the steps done and the mean seconds per step
    ///     of the epoch so far, for a progress display within an epoch.
    ///   - shouldContinue: polled before every step; returning `false` finishes the current step,
    ///     writes a checkpoint and returns.
    /// - Returns: the best weights by validation PSNR.
    @discardableResult
    public func run(
        folder: URL, output: URL, checkpoint: URL, resume: Bool,
        provenance: [String: String] = [:],
        progress: (TrainingProgress) -> Void = { _ in },
        notice: (String) -> Void = { _ in },
        initialisationProgress: (_ fraction: Double) -> Void = { _ in },
        stepCompleted: (_ step: Int, _ secondsPerStep: Double) -> Void = { _, _ in },
        shouldContinue: () -> Bool = { true }
    ) throws -> SparseCoderWeights {
        let c = configuration
        let (trainingImages, validationImages) = try loadImages(folder)
        let sampler = CropSampler(images: trainingImages, cropSize: c.cropSize)
        let batchLoss = BatchLoss(configuration: c.model, cropSize: c.cropSize, cropCount: c.batchSize)
        let validation = ValidationSet(images: validationImages, cropSize: c.validationCropSize,
                                       sigmas: c.validationSigmas, seed: c.seed)

        var state: TrainingCheckpoint
        if resume, FileManager.default.fileExists(atPath: checkpoint.path) {
            state = try TrainingCheckpoint(contentsOf: checkpoint)
            let conflicts = state.configuration.resumeConflicts(with: c)
            guard conflicts.isEmpty else {
                throw TrainingError.checkpointMismatch(path: checkpoint.path, settings: conflicts)
            }
            state.configuration = c
            notice("resuming from step \(state.step) of \(checkpoint.path) "
                   + "(best validation \(String(format: "%.3f", state.bestValidationPSNR)) dB)")
        } else {
            notice(c.initialWeights.map { "starting from the weights in \($0)" }
                   ?? "learning the initial dictionary (\(c.dictionaryLearningRounds) rounds) from the training images")
            let weights = try initialWeights(trainingImages: trainingImages, sampler: sampler, batchLoss: batchLoss,
                                             progress: initialisationProgress)
            state = TrainingCheckpoint(
                weights: weights,
                optimiser: AdamOptimizer(learningRate: c.learningRate, tensorSizes: weights.tensors.map(\.count)),
                step: 0, learningRateFactor: 1, bestValidationPSNR: validation.score(weights),
                elapsedSeconds: 0, configuration: c)
            try writeModel(weights, to: output, state: state, validationPSNR: state.bestValidationPSNR, provenance: provenance)
            // An interruption before the first interval must not lose the initialisation.
            try state.write(to: checkpoint)
            notice("initial weights: validation \(String(format: "%.3f", state.bestValidationPSNR)) dB; "
                   + "checkpoint written to \(checkpoint.path)")
        }

        var lastGood = state
        var lastCheckpointTime = Date()
        var epochLoss: Double = 0
        var epochSteps = 0
        var stepSeconds: Double = 0
        var stepProcessorSeconds: Double = 0
        let epochCount = (c.stepCount + c.stepsPerEpoch - 1) / c.stepsPerEpoch
        var stopped = false

        while state.step < c.stepCount {
            guard shouldContinue() else { stopped = true; break }
            let stepClock = ProcessorClock()
            let batch = makeBatch(sampler: sampler, step: state.step)
            var gradient = SparseCoderGradient(shapeOf: state.weights)
            let loss = batchLoss.evaluate(state.weights, batch: batch, gradient: &gradient).loss
            state.optimiser.learningRate = learningRate(step: state.step, factor: state.learningRateFactor)
            var tensors = state.weights.tensors
            state.optimiser.update(&tensors, gradients: gradient.tensors)
            state.weights.tensors = tensors
            state.weights.projectThresholds()
            state.step += 1
            let wallSeconds = stepClock.wallSeconds
            stepSeconds += wallSeconds
            stepProcessorSeconds += stepClock.processorSeconds
            state.elapsedSeconds += wallSeconds
            epochLoss += loss
            epochSteps += 1
            stepCompleted(state.step, stepSeconds / Double(epochSteps))

            guard state.step % c.stepsPerEpoch == 0 || state.step == c.stepCount || !loss.isFinite else { continue }
            let validationStart = Date()
            let score = loss.isFinite ? validation.score(state.weights) : -.infinity
            state.elapsedSeconds += Date().timeIntervalSince(validationStart)
            var event: String? = nil
            if !score.isFinite || score < state.bestValidationPSNR - 1 {
                let factor = state.learningRateFactor / 2
                state = lastGood
                state.learningRateFactor = factor
                event = "diverged: back to step \(state.step), learning rate halved"
            } else {
                if score > state.bestValidationPSNR {
                    state.bestValidationPSNR = score
                    try writeModel(state.weights, to: output, state: state, validationPSNR: score, provenance: provenance)
                    event = "best so far"
                }
                lastGood = state
            }
            if Date().timeIntervalSince(lastCheckpointTime) >= c.checkpointInterval || state.step == c.stepCount {
                try state.write(to: checkpoint)
                lastCheckpointTime = Date()
                event = (event.map { $0 + ", " } ?? "") + "checkpoint"
            }
            let secondsPerStep = (stepSeconds + Date().timeIntervalSince(validationStart)) / Double(max(epochSteps, 1))
            progress(TrainingProgress(
                epoch: (state.step + c.stepsPerEpoch - 1) / c.stepsPerEpoch, epochCount: epochCount,
                step: state.step, stepCount: c.stepCount,
                trainingLoss: epochLoss / Double(max(epochSteps, 1)), validationPSNR: score,
                bestValidationPSNR: state.bestValidationPSNR,
                learningRate: learningRate(step: state.step, factor: state.learningRateFactor),
                elapsedSeconds: state.elapsedSeconds,
                remainingSeconds: secondsPerStep * Double(c.stepCount - state.step),
                secondsPerStep: stepSeconds / Double(max(epochSteps, 1)),
                coresObtained: stepSeconds > 0 ? stepProcessorSeconds / stepSeconds : 0, event: event))
            epochLoss = 0
            epochSteps = 0
            stepSeconds = 0
            stepProcessorSeconds = 0
        }
        if stopped {
            try state.write(to: checkpoint)
            notice("stopped at step \(state.step) of \(c.stepCount); checkpoint written to \(checkpoint.path)")
        }
        if !FileManager.default.fileExists(atPath: output.path) {
            // A resumed run that never improved on its checkpoint still leaves a model behind.
            try writeModel(state.weights, to: output, state: state, validationPSNR: state.bestValidationPSNR,
                           provenance: provenance)
        }
        let best = try SafetensorsFile(contentsOf: output)
        return try SparseCoderWeights(safetensors: best)
    }

    /// The starting point: the weights of ``TrainingConfiguration/initialWeights`` when given (with
    /// non-local parameters added if the run trains groups and the file has none), otherwise a
    /// dictionary learned on the training images.
    private func initialWeights(
        trainingImages: [Image], sampler: CropSampler, batchLoss: BatchLoss, progress: (Double) -> Void
    ) throws -> SparseCoderWeights {
        let c = configuration
        var weights: SparseCoderWeights
        if let path = c.initialWeights {
            weights = try SparseCoderWeights(safetensors: SafetensorsFile(contentsOf: URL(fileURLWithPath: path)))
            guard weights.configuration == c.model else {
                throw TrainingError.invalidSetting("\(path) holds a model of another shape than the one to train")
            }
        } else {
            let calibration = makeBatch(sampler: sampler, step: -1)
            weights = SparseCoderInitialisation.initialWeights(
                configuration: c.model, images: trainingImages, rounds: c.dictionaryLearningRounds,
                calibration: calibration, calibrationLoss: batchLoss, seed: c.seed, progress: progress)
        }
        if let nonLocal = c.nonLocal {
            if weights.nonLocal?.configuration != nonLocal {
                // Unit scales make the first groups nearly uniform, as in simultaneous sparse coding;
                // training sharpens them where similarity matters.
                weights.nonLocal = NonLocalWeights(
                    configuration: nonLocal,
                    similarityScales: [Float](repeating: 1, count: c.model.patchLength), mixing: 0.5)
            }
        } else {
            weights.nonLocal = nil
        }
        return weights
    }

    /// The schedule's rate (``TrainingConfiguration/learningRate(step:)``) times the divergence
    /// guard's factor.
    func learningRate(step: Int, factor: Float) -> Float {
        configuration.learningRate(step: step) * factor
    }

    /// The crops of step `step`; its random draws depend only on the seed and the step, which is what
    /// makes a resumed run identical to an uninterrupted one.
    func makeBatch(sampler: CropSampler, step: Int) -> TrainingBatch {
        let c = configuration
        var generator = SeededGenerator(seed: c.seed &+ UInt64(bitPattern: Int64(step + 2)) &* 0x9E37_79B9_7F4A_7C15)
        var batch = TrainingBatch(clean: [], noisy: [], sigmas: [], lossWeights: [])
        for _ in 0..<c.batchSize {
            let crop = sampler.sample(using: &generator)
            let sigma = c.minimumSigma + (c.maximumSigma - c.minimumSigma) * generator.nextUniformFloat()
            batch.clean.append(crop)
            batch.noisy.append(crop.addingGaussianNoise(sigma: Double(sigma), using: &generator))
            batch.sigmas.append(sigma / 255)
            batch.lossWeights.append(255 * 255 / (sigma * sigma + c.lossWeightFloor))
        }
        return batch
    }

    private func loadImages(_ folder: URL) throws -> (training: [Image], validation: [Image]) {
        let c = configuration
        let urls = try ImageFolder.pngFiles(in: folder)
        let needed = c.validationImageCount + 1
        guard urls.count >= needed else {
            throw TrainingError.notEnoughImages(folder: folder.path, found: urls.count, needed: needed)
        }
        var images: [Image] = []
        for url in urls {
            var image = try ImageFile.read(url).image
            if image.channels != c.model.channels { image = image.luminance() }
            // Validation images are centre-cropped to what they have; training images must hold a crop.
            let needed = images.count < urls.count - c.validationImageCount ? c.cropSize : c.model.patchSize
            guard image.width >= needed, image.height >= needed else {
                throw TrainingError.imageTooSmall(path: url.path, width: image.width, height: image.height, needed: needed)
            }
            images.append(image)
        }
        let split = images.count - c.validationImageCount
        return (Array(images[..<split]), Array(images[split...]))
    }

    private func writeModel(
        _ weights: SparseCoderWeights, to url: URL, state: TrainingCheckpoint, validationPSNR: Double,
        provenance: [String: String]
    ) throws {
        var metadata = provenance
        metadata["training.step"] = String(state.step)
        metadata["training.epochs"] = String(format: "%.2f", Double(state.step) / Double(configuration.stepsPerEpoch))
        metadata["training.seed"] = String(configuration.seed)
        metadata["training.wall_seconds"] = String(format: "%.0f", state.elapsedSeconds)
        metadata["training.validation_psnr"] = String(format: "%.3f", validationPSNR)
        metadata["training.validation"] = "\(configuration.validationImageCount) held-out images, "
            + "centre \(configuration.validationCropSize)x\(configuration.validationCropSize), sigma "
            + configuration.validationSigmas.map { String(format: "%g", $0) }.joined(separator: "/")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        metadata["training.configuration"] = String(decoding: try encoder.encode(configuration), as: UTF8.self)
        try weights.safetensors(metadata: metadata).write(to: url)
    }
}
