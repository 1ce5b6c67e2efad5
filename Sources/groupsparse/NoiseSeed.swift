/// The seed of the synthetic noise added to one image at one noise level during `evaluate`.
///
/// Every (image, sigma) pair gets its own noise, reproducible from the run's seed alone:
///
///     noise seed = ((seed * 1_000_000 + index) * 10_000 + round(10 * sigma))  mod 2^64
///
/// where `index` is the image's zero-based position in the name-sorted folder and sigma is on the
/// 0-255 scale. The noise is then `addingGaussianNoise(sigma:seed:)` with that seed. Distinct pairs
/// get distinct seeds for up to a million images and sigmas up to 999.9 in steps of 0.1.
func noiseSeed(seed: UInt64, imageIndex: Int, sigma: Double) -> UInt64 {
    let tenths = UInt64((10 * sigma).rounded())
    return (seed &* 1_000_000 &+ UInt64(imageIndex)) &* 10_000 &+ tenths
}
