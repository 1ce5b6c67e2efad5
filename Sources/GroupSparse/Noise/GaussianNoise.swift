extension Image {
    /// A copy with additive white Gaussian noise of standard deviation `sigma` on the 0-255 scale.
    ///
    /// This is the synthetic noise of the evaluation protocol: every colour sample, plane after plane
    /// and row after row, receives `sigma / 255` times one standard normal draw from a
    /// `SeededGenerator` seeded with `seed`, so the same call always produces the same noisy image. The
    /// result is neither clipped nor quantized, because the benchmark scores denoisers on exactly this
    /// unbounded float image. Alpha is copied unchanged.
    ///
    /// - Precondition: `sigma` is finite and non-negative; the command line validates it before it
    ///   gets here.
    public func addingGaussianNoise(sigma: Double, seed: UInt64) -> Image {
        var generator = SeededGenerator(seed: seed)
        return addingGaussianNoise(sigma: sigma, using: &generator)
    }

    /// A copy with additive white Gaussian noise of standard deviation `sigma` on the 0-255 scale,
    /// drawn from `generator`.
    ///
    /// Drawing from a caller's generator lets a training loop corrupt many images from one seed; the
    /// draw order and scaling are those of `addingGaussianNoise(sigma:seed:)`.
    ///
    /// - Precondition: `sigma` is finite and non-negative.
    public func addingGaussianNoise(sigma: Double, using generator: inout SeededGenerator) -> Image {
        precondition(sigma.isFinite && sigma >= 0, "noise sigma must be finite and non-negative")
        let scale = sigma / 255
        var noisy = self
        noisy.pixels.withUnsafeMutableBufferPointer { samples in
            for index in samples.indices {
                samples[index] += Float(scale * generator.nextGaussian())
            }
        }
        return noisy
    }

    /// A copy rounded to the 256 levels of an 8-bit image: each sample is clipped to [0, 1], then
    /// becomes `(v * 255).rounded() / 255`, with halves rounded away from zero.
    ///
    /// This is what a noisy image goes through when it is saved as an 8-bit PNG, the realistic path
    /// of the evaluation protocol. Alpha is copied unchanged.
    public func quantizedTo8Bit() -> Image {
        var quantized = self
        quantized.pixels.withUnsafeMutableBufferPointer { samples in
            for index in samples.indices {
                let clipped = min(max(samples[index], 0), 1)
                samples[index] = (clipped * 255).rounded() / 255
            }
        }
        return quantized
    }
}
