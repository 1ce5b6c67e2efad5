/// Held-out images with fixed noise, scored by mean PSNR; the same noise every time, so scores of
/// different steps compare the models and nothing else.
struct ValidationSet {
    let clean: [Image]
    let noisy: [Image]
    let sigmas: [Float]

    init(images: [Image], cropSize: Int, sigmas: [Float], seed: UInt64) {
        var clean: [Image] = [], noisy: [Image] = [], levels: [Float] = []
        for (index, image) in images.enumerated() {
            let size = min(cropSize, image.width, image.height)
            let crop = image.crop(row: (image.height - size) / 2, column: (image.width - size) / 2,
                                  height: size, width: size)
            for (level, sigma) in sigmas.enumerated() {
                clean.append(crop)
                noisy.append(crop.addingGaussianNoise(
                    sigma: Double(sigma), seed: seed &+ UInt64(1000 * index + level) &+ 0x5EED))
                levels.append(sigma)
            }
        }
        self.clean = clean
        self.noisy = noisy
        self.sigmas = levels
    }

    /// Mean PSNR (dB) of `weights` over every image and sigma.
    func score(_ weights: SparseCoderWeights) -> Double {
        var total: Double = 0
        for index in clean.indices {
            guard let estimate = try? weights.denoise(noisy[index], sigma: sigmas[index] / 255) else { return -.infinity }
            total += peakSignalToNoiseRatio(estimate, reference: clean[index])
        }
        return total / Double(clean.count)
    }
}
