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
    /// Steps over which the learning rate halves, after the warm-up (with ``LearningRateDecay/halving``).
    public var learningRateHalfLife: Int = 1500
    /// How the learning rate falls after the warm-up; see ``learningRate(step:)``.
    public var learningRateDecay: LearningRateDecay = .halving
    /// Steps over which the learning rate rises linearly from `learningRate / warmupSteps` to
    /// ``learningRate``; 0 starts at the peak.
    public var warmupSteps: Int = 0
    /// The learning rate at the last step as a fraction of ``learningRate``, in (0, 1] (with
    /// ``LearningRateDecay/cosine``).
    public var finalLearningRateRatio: Float = 0.01
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
    /// The settings in which a checkpoint written under `self` differs from `other` and that a resume
    /// may not change, by their names in this type (`batchSize`, `model.atomCount`, ...).
    ///
    /// Everything that shapes the run must agree. The checkpoint interval may change, and so may the
    /// step count while the schedule does not depend on it (``LearningRateDecay/halving``).
    func resumeConflicts(with other: TrainingConfiguration) -> [String] {
        var relaxed = other
        relaxed.checkpointInterval = checkpointInterval
        if learningRateDecay == .halving, other.learningRateDecay == .halving { relaxed.stepCount = stepCount }
        guard relaxed != self, let mine = try? Self.settings(of: self), let theirs = try? Self.settings(of: relaxed) else {
            return []
        }
        return Self.differences(mine, theirs, prefix: "")
    }

    private static func settings(of configuration: TrainingConfiguration) throws -> Any {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(configuration))
    }

    private static func differences(_ a: Any, _ b: Any, prefix: String) -> [String] {
        guard let a = a as? [String: Any], let b = b as? [String: Any] else {
            return String(describing: a) == String(describing: b) ? [] : [String(prefix.dropLast())]
        }
        return Set(a.keys).union(b.keys).sorted().flatMap { key -> [String] in
            switch (a[key], b[key]) {
            case let (x?, y?): return differences(x, y, prefix: prefix + key + ".")
            case (nil, nil): return []
            default: return [prefix + key]
            }
        }
    }
}

extension TrainingConfiguration {
    private enum CodingKeys: String, CodingKey {
        case model, nonLocal, initialWeights, cropSize, batchSize, minimumSigma, maximumSigma, lossWeightFloor
        case stepCount, stepsPerEpoch, learningRate, learningRateHalfLife, learningRateDecay, warmupSteps
        case finalLearningRateRatio, seed, validationImageCount, validationCropSize, validationSigmas
        case dictionaryLearningRounds, checkpointInterval
    }

    /// Decodes a configuration; settings missing from the data (written before they existed) take
    /// their defaults, which reproduce what those runs did.
    public init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func decode<Value: Decodable>(_ key: CodingKeys, into value: inout Value) throws {
            if let decoded = try container.decodeIfPresent(Value.self, forKey: key) { value = decoded }
        }
        try decode(.model, into: &model)
        nonLocal = try container.decodeIfPresent(NonLocalConfiguration.self, forKey: .nonLocal)
        initialWeights = try container.decodeIfPresent(String.self, forKey: .initialWeights)
        try decode(.cropSize, into: &cropSize)
        try decode(.batchSize, into: &batchSize)
        try decode(.minimumSigma, into: &minimumSigma)
        try decode(.maximumSigma, into: &maximumSigma)
        try decode(.lossWeightFloor, into: &lossWeightFloor)
        try decode(.stepCount, into: &stepCount)
        try decode(.stepsPerEpoch, into: &stepsPerEpoch)
        try decode(.learningRate, into: &learningRate)
        try decode(.learningRateHalfLife, into: &learningRateHalfLife)
        try decode(.learningRateDecay, into: &learningRateDecay)
        try decode(.warmupSteps, into: &warmupSteps)
        try decode(.finalLearningRateRatio, into: &finalLearningRateRatio)
        try decode(.seed, into: &seed)
        try decode(.validationImageCount, into: &validationImageCount)
        try decode(.validationCropSize, into: &validationCropSize)
        try decode(.validationSigmas, into: &validationSigmas)
        try decode(.dictionaryLearningRounds, into: &dictionaryLearningRounds)
        try decode(.checkpointInterval, into: &checkpointInterval)
    }
}
