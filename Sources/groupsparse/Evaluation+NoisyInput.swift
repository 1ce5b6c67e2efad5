import GroupSparse

extension Evaluation {
    /// The noisy image that `evaluate` gives the denoiser (or the estimator) for image number `index` of
    /// the folder at `sigma`: the protocol's seeded float noise, clipped and rounded to 8 bits for the
    /// `png8` path. Every mode of `evaluate` uses this, so their runs see the same noise.
    static func noisyInput(_ clean: Image, index: Int, sigma: Double, seed: UInt64, png8: Bool) -> Image {
        let noisy = clean.addingGaussianNoise(sigma: sigma, seed: noiseSeed(seed: seed, imageIndex: index, sigma: sigma))
        return png8 ? noisy.quantizedTo8Bit() : noisy
    }
}
