/// A deterministic pseudo-random number generator: xoshiro256** seeded through SplitMix64.
///
/// Experiments must be repeatable bit for bit, on any machine and with any Swift release, so this
/// generator fixes every step that the standard library leaves unspecified. The 64-bit stream is
/// xoshiro256** (Blackman and Vigna, 2018), whose 256-bit state is filled from a single `UInt64`
/// seed by four SplitMix64 steps, as its authors recommend. Floating-point draws are derived from
/// that stream by the documented conversions below rather than by `Double.random(in:using:)`, whose
/// algorithm is an implementation detail of the standard library, and Gaussian draws use a logarithm
/// built from correctly rounded IEEE 754 operations only, rather than the platform `log`, whose last
/// bit may differ between C libraries.
///
/// The generator is a value: copying it forks the stream, and both copies then produce the same
/// numbers.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)
    /// The second value of the last polar pair, returned by the next `nextGaussian()` call.
    private var spareGaussian: Double?

    /// Creates a generator whose stream is fully determined by `seed`.
    public init(seed: UInt64) {
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        // Consecutive SplitMix64 outputs are distinct, so the all-zero state xoshiro must avoid cannot occur.
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
        spareGaussian = nil
    }

    /// The next 64 uniformly distributed bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, by: 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, by: 45)
        return result
    }

    /// A uniform `Double` on [0, 1): the top 53 bits of `next()` scaled by 2^-53.
    ///
    /// Every value is a multiple of 2^-53, so all are equally likely and the conversion is exact.
    public mutating func nextUniformDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// A uniform `Float` on [0, 1): the top 24 bits of `next()` scaled by 2^-24.
    ///
    /// Every value is a multiple of 2^-24, so all are equally likely and the conversion is exact.
    public mutating func nextUniformFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A standard normal draw (mean 0, variance 1) by Marsaglia's polar method.
    ///
    /// Each accepted pair of uniform draws yields two independent normal values; the second is kept
    /// and returned by the following call, so draws come in a fixed order for a given seed.
    public mutating func nextGaussian() -> Double {
        if let spare = spareGaussian {
            spareGaussian = nil
            return spare
        }
        while true {
            let u = 2 * nextUniformDouble() - 1
            let v = 2 * nextUniformDouble() - 1
            let s = u * u + v * v
            // s = 0 would divide by zero and s >= 1 falls outside the unit disc the method samples.
            guard s > 0 && s < 1 else { continue }
            let factor = (-2 * portableLogarithm(s) / s).squareRoot()
            spareGaussian = v * factor
            return u * factor
        }
    }
}

@inline(__always)
private func rotateLeft(_ value: UInt64, by amount: UInt64) -> UInt64 {
    (value << amount) | (value >> (64 - amount))
}

/// The natural logarithm of a positive normal `x`, accurate to a few units in the last place.
///
/// Only exact operations (exponent extraction, halving) and correctly rounded additions,
/// multiplications and divisions are used, in a fixed order, so the result is identical on every
/// IEEE 754 platform. With x = m 2^e and m in [sqrt(1/2), sqrt(2)], log m = 2 atanh(f) where
/// f = (m - 1) / (m + 1) has |f| < 0.172, and the odd series of atanh converges below one ulp after
/// eleven terms.
private func portableLogarithm(_ x: Double) -> Double {
    var exponent = Double(x.exponent)
    var mantissa = x.significand
    if mantissa > 1.4142135623730951 {
        mantissa *= 0.5
        exponent += 1
    }
    let f = (mantissa - 1) / (mantissa + 1)
    let f2 = f * f
    var series = 2.0 / 23
    for denominator in stride(from: 21.0, through: 1, by: -2) {
        series = 2 / denominator + f2 * series
    }
    // ln 2 split so that exponent * ln2High is exact for any double exponent.
    let ln2High = 6.93147180369123816490e-01
    let ln2Low = 1.90821492927058770002e-10
    return exponent * ln2High + (f * series + exponent * ln2Low)
}
