extension NoiseEstimator {
    /// How the noisy samples were stored, which decides whether the estimator models clipping.
    public enum SampleEncoding: Sendable, Equatable {
        /// Decide from the samples. An image whose every sample lies in [0, 1] is treated as
        /// ``eightBit`` when every sample is a whole number of 1/255 steps, as ``sixteenBit`` when every
        /// sample is a whole number of 1/65535 steps, and as ``unbounded`` otherwise.
        case automatic
        /// The noisy samples were neither clipped nor rounded, as in the float benchmark protocol.
        case unbounded
        /// The noisy samples were clipped to [0, 1] and rounded to 256 levels, as when a noisy image is
        /// saved as an 8-bit PNG. The estimate then describes the noise before clipping and rounding.
        case eightBit
        /// The noisy samples were clipped to [0, 1] and rounded to 65,536 levels, as in a 16-bit PNG.
        /// Rounding is negligible at this depth; clipping is not, and is modelled as for ``eightBit``.
        case sixteenBit
    }

    /// Settings of ``NoiseEstimator/estimate(_:options:)``.
    public struct Options: Sendable, Equatable {
        /// How the noisy samples were stored; see ``SampleEncoding``.
        public var encoding: SampleEncoding

        /// Creates options; the default detects 8-bit samples by itself.
        public init(encoding: SampleEncoding = .automatic) {
            self.encoding = encoding
        }
    }
}

extension NoiseEstimator.SampleEncoding {
    /// How `image` is to be treated: clipped and rounded to a number of levels, or unbounded (`nil`).
    func clippedSamples(of image: Image) -> ClippedSamples? {
        switch self {
        case .unbounded: return nil
        case .eightBit: return .eightBit
        case .sixteenBit: return .sixteenBit
        case .automatic:
            for candidate in [ClippedSamples.eightBit, .sixteenBit] where candidate.holds(image) {
                return candidate
            }
            return nil
        }
    }
}

/// Samples clipped to [0, 1] and rounded to `steps + 1` levels, the storage an integer image format
/// imposes on noisy data.
struct ClippedSamples: Equatable {
    /// Steps between black and white: 255 for 8 bits, 65,535 for 16.
    let steps: Int

    static let eightBit = ClippedSamples(steps: 255)
    static let sixteenBit = ClippedSamples(steps: 65535)

    /// Variance of rounding to whole levels, uniform error over one level, on the 0-255 scale squared.
    var roundingVariance: Float {
        let level = 255 / Float(steps)
        return level * level / 12
    }

    /// Whether every sample of `image` lies in [0, 1] on a whole level.
    func holds(_ image: Image) -> Bool {
        let steps = Float(self.steps)
        // Decoding divides a level by `steps` in single precision, so a decoded sample sits within a few
        // ulps of a whole level: about 1e-5 of a level at 8 bits, 5e-3 at 16. Anything farther carries
        // information finer than the format.
        let tolerance: Float = self.steps > 255 ? 0.02 : 1e-3
        return image.pixels.withUnsafeBufferPointer { samples in
            for value in samples {
                guard value >= 0, value <= 1 else { return false }
                let level = value * steps
                if abs(level - level.rounded()) > tolerance { return false }
            }
            return true
        }
    }
}
