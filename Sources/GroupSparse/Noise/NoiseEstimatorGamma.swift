import Foundation

/// Quantiles of the gamma distribution, used to turn a noise level into a texture threshold.
///
/// The gradient energy of a patch of pure white noise is a weighted sum of independent chi-square
/// variables. Matching its first two moments with a gamma distribution (Satterthwaite's approximation)
/// gives a threshold below which a chosen fraction of pure-noise patches falls.
enum NoiseEstimatorGamma {
    /// The `probability` quantile of `sum_k weights[k] * Z_k^2` for independent standard normal `Z_k`,
    /// approximated by the gamma distribution with the same mean and variance.
    static func weightedChiSquareQuantile(weights: [Double], probability: Double) -> Double {
        let first = weights.reduce(0, +)
        let second = weights.reduce(0) { $0 + $1 * $1 }
        guard first > 0 else { return 0 }
        // Mean sum(w) and variance 2 sum(w^2) fix the shape and scale of the matching gamma law.
        let shape = first * first / (2 * second)
        let scale = 2 * second / first
        return scale * quantile(shape: shape, probability: probability)
    }

    /// The `probability` quantile of the unit-scale gamma distribution of `shape`, by bisection on the
    /// regularised lower incomplete gamma function.
    static func quantile(shape: Double, probability: Double) -> Double {
        precondition(shape > 0 && probability > 0 && probability < 1, "gamma quantile out of domain")
        var low = 0.0
        var high = shape + 40 * shape.squareRoot() + 40
        for _ in 0..<200 {
            let middle = 0.5 * (low + high)
            if regularizedLowerGamma(shape: shape, x: middle) < probability { low = middle } else { high = middle }
            if high - low <= 1e-12 * high { break }
        }
        return 0.5 * (low + high)
    }

    /// `P(shape, x)`, the probability that a unit-scale gamma variable of `shape` is below `x`.
    ///
    /// The power series converges for every `x`; the shapes used here are a few tens and `x` stays within a
    /// few standard deviations of the mean, where a few hundred terms suffice.
    static func regularizedLowerGamma(shape: Double, x: Double) -> Double {
        guard x > 0 else { return 0 }
        var term = 1 / shape
        var sum = term
        var index = 1.0
        while index < 10_000 {
            term *= x / (shape + index)
            sum += term
            if term < sum * 1e-16 { break }
            index += 1
        }
        return min(1, sum * exp(-x + shape * log(x) - lgamma(shape)))
    }
}
