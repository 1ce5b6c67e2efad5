extension SparseCoderWeights {
    /// The estimate of a clean image from `image` under noise of standard deviation `sigma` on the
    /// [0, 1] scale: patch by patch for a coder without groups, with groups of similar patches (in
    /// overlapping tiles for a large image) for a group-sparse coder.
    ///
    /// `image` holds one or more members of the model's channel count, each coded on its own.
    ///
    /// - Parameters:
    ///   - sharesGroups: a group-sparse coder codes every member with the groups and weights found on
    ///     the first member; a coder without groups ignores it.
    ///   - shouldContinue: polled between pieces of work with the fraction of the work done;
    ///     returning `false` abandons it.
    func denoise(_ image: Image, sigma: Float, sharesGroups: Bool = false,
                 shouldContinue: (Double) -> Bool = { _ in true }) throws(CancellationError) -> Image {
        var estimate: Image
        if nonLocal != nil {
            estimate = try GroupSparseDenoising(weights: self)
                .denoise(image, sigma: sigma, sharesGroups: sharesGroups, shouldContinue: shouldContinue)
        } else if image.channels == configuration.channels {
            estimate = try PatchwiseDenoising(weights: self).denoise(image, sigma: sigma, shouldContinue: shouldContinue)
        } else {
            let memberChannels = configuration.channels
            precondition(image.channels % memberChannels == 0, "image channels are not a multiple of the model's")
            var pixels: [Float] = []
            pixels.reserveCapacity(image.pixels.count)
            let memberCount = Double(image.channels / memberChannels)
            for first in stride(from: 0, to: image.channels, by: memberChannels) {
                let member = image.selectingChannels(first..<first + memberChannels)
                let done = Double(first / memberChannels)
                pixels += try PatchwiseDenoising(weights: self)
                    .denoise(member, sigma: sigma, shouldContinue: { shouldContinue((done + $0) / memberCount) })
                    .pixels
            }
            estimate = Image(width: image.width, height: image.height, channels: image.channels, pixels: pixels)
        }
        estimate.alpha = image.alpha
        return estimate
    }
}
