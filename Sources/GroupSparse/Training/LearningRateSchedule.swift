import Foundation

/// How the learning rate falls after its warm-up.
public enum LearningRateDecay: String, Sendable, Codable, CaseIterable {
    /// `peak * 0.5^(s / halfLife)`: needs no horizon, so a run can be lengthened on resume.
    case halving
    /// Half a cosine from `peak` at the end of the warm-up to `peak * finalLearningRateRatio` at the
    /// last step: the shape is set by the run's horizon, which a resume may therefore not change.
    case cosine
}

extension TrainingConfiguration {
    /// The learning rate of step `step` (0-based) before the divergence guard's factor:
    ///
    ///     warm-up (s < W):   peak * (s + 1) / W
    ///     halving:           peak * 0.5^((s - W) / halfLife)
    ///     cosine:            peak * (r + (1 - r) * (1 + cos(pi * (s - W) / (S - W))) / 2)
    ///
    /// with `W` the warm-up steps, `S` the step count and `r` the final ratio. The linear warm-up
    /// keeps Adam's first steps, whose second moments are still poorly estimated, from jolting a
    /// warm-started model.
    public func learningRate(step: Int) -> Float {
        let peak = Double(learningRate)
        let s = Double(step), w = Double(warmupSteps)
        if step < warmupSteps { return Float(peak * (s + 1) / w) }
        switch learningRateDecay {
        case .halving:
            return Float(peak * Foundation.pow(0.5, (s - w) / Double(learningRateHalfLife)))
        case .cosine:
            let span = Double(max(stepCount - warmupSteps, 1))
            let progress = min(max((s - w) / span, 0), 1)
            let r = Double(finalLearningRateRatio)
            return Float(peak * (r + (1 - r) * (1 + Foundation.cos(Double.pi * progress)) / 2))
        }
    }
}
