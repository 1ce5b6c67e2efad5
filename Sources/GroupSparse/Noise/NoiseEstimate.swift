/// The standard deviation of the additive white Gaussian noise found in an image, on the 0-255 scale.
///
/// Produced by ``NoiseEstimator/estimate(_:options:)``. The scale is that of an 8-bit image whatever the
/// image's storage: a value of 25 means noise whose standard deviation is 25 / 255 on the [0, 1] scale of
/// ``Image``, the same convention as `addingGaussianNoise(sigma:seed:)`.
public struct NoiseEstimate: Sendable, Equatable {
    /// The noise level of the whole image: the root mean square of ``channels``, which is the standard
    /// deviation of the noise over all colour samples taken together. Equal to the single channel's value
    /// for a grey image.
    public var sigma: Double
    /// The noise level of each colour channel, in channel order; alpha is never measured.
    public var channels: [Double]

    /// Creates an estimate from its parts.
    public init(sigma: Double, channels: [Double]) {
        self.sigma = sigma
        self.channels = channels
    }
}
