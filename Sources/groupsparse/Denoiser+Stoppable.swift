import GroupSparse

extension Denoiser {
    /// The denoised image and the sigma used, abandoned with `CancellationError` at the next batch
    /// of patches once `stop` has received a signal, so a preempted task does not spend its grace
    /// period on an image it would have to throw away.
    func denoiseStoppably(_ image: Image, level: NoiseLevel, strength: Double, threads: Int, colour: ColourHandling,
                          stop: StopRequest) throws -> (image: Image, sigma: Double) {
        let sigma = try level.sigma(for: image)
        let clean = try denoise(image, sigma: .value(sigma), strength: strength, threads: threads, colour: colour,
                                shouldContinue: { _ in stop.shouldContinue })
        return (clean, sigma)
    }
}
