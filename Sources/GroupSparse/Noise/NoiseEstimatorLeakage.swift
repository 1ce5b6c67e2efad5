import Foundation

/// The texture that the weak-texture test lets into the measured band, and its removal.
///
/// The texture test passes a patch when its energy outside the band is within the spread of pure noise.
/// Its thresholds scale with the noise variance, so it cannot see texture much weaker than the noise,
/// and natural images hold texture at every strength: some of it passes, and its energy in the band adds
/// to the noise that is measured there. Measured against the clean images, the leaked variance is a
/// share of the noise variance that grows with the share of texture among the measured patches. That
/// share shows in how many patches pass: a flat plane passes about ``NoiseEstimatorBasis/measurementProbability``
/// of its patches, as pure noise does, and the more of a plane is texture, the fewer pass. With the
/// passing fraction `q` (patches measured over the number pure noise would pass, at most 1), the band
/// measures
///
///     v = sigma^2 (1 + scale * (q^-exponent - 1))
///
/// which is inverted for `sigma^2`. The model leaves a plane that passes as pure noise does (`q = 1`) as
/// measured. On a plane of pure noise `q` falls a little below 1 when the estimate does (fewer patches
/// pass a stricter test); from 128 x 128 samples up it stays above 0.9, where the correction moves sigma
/// by less than 0.15 %.
///
/// ## Calibration
///
/// `scale` and `exponent` were fitted on the BSD400 training images, noise of sigma 2, 5, 10, 15, 25, 35
/// and 50 seeded as `groupsparse evaluate --seed 0` seeds it: for each image, the clean image's variance
/// in the band over the patches the estimator measured, against `sigma^2 (q^-exponent - 1)`. The fit,
/// which printed `scale 0.0749, exponent 0.2950`, is reproduced and compared with the values below by
///
///     GROUPSPARSE_CALIBRATION_DATA=../shared/data/BSD400 swift test -c release --filter NoiseEstimatorCalibrationTests
enum NoiseEstimatorLeakage {
    /// The leaked share of the noise variance per unit of `q^-exponent - 1`.
    static let scale = 0.075
    /// How fast the leaked share grows as fewer patches pass.
    static let exponent = 0.30

    /// The leaked share of the noise variance at passing fraction `q`.
    static func leakedShare(passingFraction q: Double) -> Double {
        guard q > 0 else { return 0 }
        return scale * max(pow(min(q, 1), -exponent) - 1, 0)
    }

    /// The noise variance behind a band variance `measured` whose patches passed at fraction `passingFraction`.
    static func noiseVariance(measured: Double, passingFraction: Double) -> Double {
        measured / (1 + leakedShare(passingFraction: passingFraction))
    }
}
