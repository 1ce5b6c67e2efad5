extension SparseCoderWeights {
    /// The estimate of a clean image from `image` (channels as the model's) under noise of standard
    /// deviation `sigma` on the [0, 1] scale: patch by patch for a coder without groups, with groups
    /// of similar patches over the whole image for a group-sparse coder.
    ///
    /// - Parameter shouldContinue: polled between pieces of work; returning `false` abandons it.
    func denoise(_ image: Image, sigma: Float, shouldContinue: () -> Bool = { true }) throws(CancellationError) -> Image {
        guard let nonLocal else {
            return try PatchwiseDenoising(weights: self).denoise(image, sigma: sigma, shouldContinue: shouldContinue)
        }
        let pass = GroupSparsePass(configuration: configuration, nonLocal: nonLocal.configuration,
                                   width: image.width, height: image.height, imageCount: 1, recordsTrace: false)
        var estimate = try pass.forward(self, noisy: [image], sigmas: [sigma], shouldContinue: shouldContinue)[0]
        estimate.alpha = image.alpha
        return estimate
    }
}
