import Foundation

/// Everything that determines a training run; together with the data it reproduces the run exactly.
public struct TrainingConfiguration: Sendable, Equatable, Codable {
    /// The shape of the model to train.
    public var model: SparseCoderConfiguration = SparseCoderConfiguration()
    /// How groups are formed for a group-sparse coder (GroupSC); `nil` trains a coder of independent
    /// patches (SC).
    public var nonLocal: NonLocalConfiguration? = nil
    /// A weight file to start from instead of a learned dictionary (for example an SC model to start
    /// a GroupSC model from); its configuration must match ``model``.
    public var initialWeights: String? = nil
    /// Side of the square training crops.
    public var cropSize: Int = 48
    /// Crops per optimisation step.
    public var batchSize: Int = 12
    /// Smallest training noise level, on the 0-255 scale.
    public var minimumSigma: Float = 0
    /// Largest training noise level, on the 0-255 scale; equal to the minimum for a fixed level.
    public var maximumSigma: Float = 55
    /// Floor added to sigma^2 (0-255 scale) in each crop's loss weight `1 / (sigma^2 + floor)`, so
    /// that low noise levels are not drowned by high ones and sigma = 0 keeps a finite weight.
    public var lossWeightFloor: Float = 100
    /// Number of optimisation steps in the whole run.
    public var stepCount: Int = 3000
    /// Steps between validations (one "epoch").
    public var stepsPerEpoch: Int = 100
    /// Adam's initial step size.
    public var learningRate: Float = 5e-4
    /// Steps over which the learning rate halves.
    public var learningRateHalfLife: Int = 1500
    /// Seed of every random draw: dictionary initialisation, crops, noise.
    public var seed: UInt64 = 0
    /// Images of the training folder (the last ones in name order) held out for validation.
    public var validationImageCount: Int = 20
    /// Side of the centre crop of each validation image.
    public var validationCropSize: Int = 96
    /// Noise levels (0-255) of the validation PSNR, averaged.
    public var validationSigmas: [Float] = [15, 25, 50]
    /// Mini-batch rounds of online dictionary learning for the initial dictionary.
    public var dictionaryLearningRounds: Int = 300
    /// Seconds between checkpoints.
    public var checkpointInterval: Double = 300

    /// The default configuration.
    public init() {}
}

extension TrainingConfiguration {
    /// Whether a checkpoint written under `self` can continue under `other`: everything that shapes
    /// the run must agree; the run's length and the checkpoint interval may change.
    func isResumable(as other: TrainingConfiguration) -> Bool {
        var relaxed = other
        relaxed.stepCount = stepCount
        relaxed.checkpointInterval = checkpointInterval
        return relaxed == self
    }
}
