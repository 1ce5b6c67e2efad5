import Foundation

/// The variance that Gaussian noise keeps after an 8-bit image clips it to [0, 255].
///
/// A flat patch of true level `mu` with noise `sigma` stores `clip(mu + sigma Z, 0, 255)`: samples beyond
/// the range pile up at its ends, so dark and bright regions show less noise than was added. The samples
/// stay independent, so the clipped noise is still white, only with the smaller variance
/// `v(mu, sigma)` computed here from the moments of the censored normal distribution. The patch shows
/// `mu` only through its clipped mean, which is inverted first.
struct NoiseEstimatorClipping {
    /// Spacing of the table, in levels.
    private let step: Float
    /// Variance kept by clipping, for observed means `0, step, 2 step, ..., 255`; the variance is smooth in
    /// the mean, so linear interpolation between whole levels is accurate far below the noise variance.
    private let table: [Float]
    /// Observed means outside (lowerMean, upperMean) belong to true levels outside [0, 255], which only
    /// texture or heavy clipping can produce; such patches are left out.
    let lowerMean: Float
    /// See ``lowerMean``.
    let upperMean: Float

    /// Tabulates the kept variance for noise of standard deviation `sigma` (0-255 scale, positive).
    init(sigma: Double) {
        let entries = 256
        let step = 255.0 / Double(entries - 1)
        var table = [Float](repeating: 0, count: entries)
        for index in 0..<entries {
            let observed = Double(index) * step
            table[index] = Float(Self.moments(level: Self.level(observedMean: observed, sigma: sigma), sigma: sigma).variance)
        }
        self.step = Float(step)
        self.table = table
        let edge = Self.moments(level: 0, sigma: sigma).mean
        lowerMean = Float(edge)
        upperMean = Float(255 - edge)
    }

    /// The variance kept by a flat patch whose clipped samples average `observedMean`.
    func keptVariance(observedMean: Float) -> Float {
        let position = min(max(observedMean / step, 0), Float(table.count - 1))
        let index = min(Int(position), table.count - 2)
        let fraction = position - Float(index)
        return table[index] + fraction * (table[index + 1] - table[index])
    }

    /// Mean and variance of `clip(level + sigma Z, 0, 255)`.
    static func moments(level: Double, sigma: Double) -> (mean: Double, variance: Double) {
        let a = -level / sigma, b = (255 - level) / sigma
        let belowA = normalCDF(a), belowB = normalCDF(b)
        let densityA = normalDensity(a), densityB = normalDensity(b)
        let inside = belowB - belowA
        let mean = 255 * (1 - belowB) + level * inside + sigma * (densityA - densityB)
        let secondMoment = 255 * 255 * (1 - belowB) + level * level * inside
            + 2 * level * sigma * (densityA - densityB)
            + sigma * sigma * (inside + a * densityA - b * densityB)
        return (mean, max(0, secondMoment - mean * mean))
    }

    /// The true level whose clipped mean is `observedMean`, by bisection: the clipped mean increases
    /// with the level. Levels are searched within five standard deviations beyond the range, to well
    /// under a thousandth of a level.
    static func level(observedMean: Double, sigma: Double) -> Double {
        var low = -5 * sigma, high = 255 + 5 * sigma
        for _ in 0..<40 {
            let middle = 0.5 * (low + high)
            if moments(level: middle, sigma: sigma).mean < observedMean { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }

    private static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    private static func normalDensity(_ z: Double) -> Double { exp(-0.5 * z * z) / (2 * Double.pi).squareRoot() }
}
