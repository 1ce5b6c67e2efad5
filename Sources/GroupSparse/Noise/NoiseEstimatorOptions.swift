extension NoiseEstimator {
    /// How the noisy samples were stored, which decides whether the estimator models clipping.
    public enum SampleEncoding: Sendable, Equatable {
        /// Decide from the samples: an image whose every sample lies in [0, 1] and is a whole number of
        /// 1/255 steps is treated as ``eightBit``, any other as ``unbounded``.
        case automatic
        /// The noisy samples were neither clipped nor rounded, as in the float benchmark protocol.
        case unbounded
        /// The noisy samples were clipped to [0, 1] and rounded to 256 levels, as when a noisy image is
        /// saved as an 8-bit PNG. The estimate then describes the noise before clipping and rounding.
        case eightBit
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
    /// Whether `image` is to be treated as clipped and rounded to 8 bits.
    func isEightBit(_ image: Image) -> Bool {
        switch self {
        case .unbounded: return false
        case .eightBit: return true
        case .automatic:
            return image.pixels.withUnsafeBufferPointer { samples in
                for value in samples {
                    guard value >= 0, value <= 1 else { return false }
                    let level = value * 255
                    // Decoding divides a level by 255 in single precision, so a decoded sample sits within a
                    // few ulps of a whole level; anything farther carries information finer than 8 bits.
                    if abs(level - level.rounded()) > 1e-3 { return false }
                }
                return true
            }
        }
    }
}
