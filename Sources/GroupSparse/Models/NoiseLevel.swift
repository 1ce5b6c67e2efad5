/// The noise standard deviation a denoiser assumes, on the 0-255 scale of 8-bit images.
///
/// Integer and floating-point literals stand for ``value(_:)``, so a known level reads naturally:
///
/// ```swift
/// let clean = try denoiser.denoise(noisy, sigma: 25)
/// let blind = try denoiser.denoise(noisy, sigma: .estimate)
/// ```
public enum NoiseLevel: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
    /// Measure the noise level of each image before denoising it.
    case estimate
    /// A known standard deviation on the 0-255 scale; it must be finite and non-negative.
    case value(Double)

    /// A known level written as an integer literal, such as `25`.
    public init(integerLiteral value: Int) {
        self = .value(Double(value))
    }

    /// A known level written as a floating-point literal, such as `12.5`.
    public init(floatLiteral value: Double) {
        self = .value(value)
    }

    /// The standard deviation this level stands for in `image`, on the 0-255 scale.
    ///
    /// ``estimate`` asks ``NoiseEstimator`` for the overall level of the image.
    ///
    /// - Throws: ``DenoiserError/invalidSigma(_:)`` for a negative or non-finite value.
    public func sigma(for image: Image) throws -> Double {
        switch self {
        case .value(let sigma):
            guard sigma.isFinite, sigma >= 0 else { throw DenoiserError.invalidSigma(sigma) }
            return sigma
        case .estimate:
            return NoiseEstimator.estimate(image).sigma
        }
    }
}
