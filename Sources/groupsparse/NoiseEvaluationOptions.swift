import ArgumentParser

/// The options of `evaluate` that concern the noise level: measuring the estimator itself, or
/// denoising blind with its estimate instead of the true sigma.
struct NoiseEvaluationOptions: ParsableArguments {
    @Flag(name: .customLong("estimate-noise"), help: ArgumentHelp(
        "Score the noise-level estimator instead of a model: its mean absolute error and mean bias per sigma."))
    var estimateNoise = false

    @Flag(help: ArgumentHelp(
        "Denoise with the estimated noise level instead of the true sigma (blind denoising)."))
    var blind = false

    mutating func validate() throws {
        if estimateNoise && blind {
            throw ValidationError("--estimate-noise and --blind cannot be combined: the first scores no model")
        }
    }

    /// The paragraphs of `evaluate --help` that describe these options.
    static let discussion = """
        --estimate-noise scores the noise-level estimator alone: every noisy image (the same noise as \
        the denoising run, float or --png8) is measured with NoiseEstimator, and each sigma reports \
        the mean absolute error and the mean bias (estimate minus the sigma that was added, 0-255 \
        scale). --json adds the estimate of every image. No model is loaded.

        --blind denoises each noisy image with its estimated sigma, as `denoise --sigma auto` does, \
        and reports the estimate next to the scores; the seconds include the estimation. Comparing a \
        --blind run with a plain one (same data, sigmas and seed: the noise is identical) shows what \
        not knowing sigma costs.
        """
}
