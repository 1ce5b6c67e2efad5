/// Equal-sized crops with the noise each was given: the unit the trainer differentiates.
struct TrainingBatch {
    /// The clean crops.
    var clean: [Image]
    /// The same crops with noise added (unclipped, unquantised).
    var noisy: [Image]
    /// The noise standard deviation of each crop, on the [0, 1] scale.
    var sigmas: [Float]
    /// The weight of each crop's mean squared error in the loss.
    var lossWeights: [Float]
}
