import Foundation

/// A trained denoising model, ready to clean images.
///
/// ```swift
/// let denoiser = try Denoiser.pretrained(.sc)
/// let noisy = try ImageFile.read(URL(fileURLWithPath: "noisy.png"))
/// let clean = try denoiser.denoise(noisy.image, sigma: 25)
/// try ImageFile.write(clean, to: URL(fileURLWithPath: "clean.png"), matching: noisy)
/// ```
///
/// The model codes every patch of the image on a learned dictionary with thresholds that grow with
/// the noise level, then averages the overlapping patch estimates. A grey model applied to an RGB
/// image denoises it in the opponent-colour space (see ``ColourHandling``). Alpha is never
/// denoised: it passes through unchanged.
///
/// A denoiser is an immutable value; one instance can serve many images and many threads at once.
public struct Denoiser: Sendable {
    /// The model's name: the pretrained name, or the file name without its extension.
    public let name: String
    /// The learned parameters.
    public let weights: SparseCoderWeights
    /// The metadata of the weight file: the configuration under `groupsparse.*` keys and the
    /// training provenance (command, data, seed, ...) under `training.*` keys.
    public let metadata: [String: String]
    /// Where the weights were loaded from, or `nil` for weights given in memory.
    public let source: ModelSource?

    /// Creates a denoiser from weights held in memory.
    ///
    /// Its ``metadata`` holds the configuration only, since in-memory weights carry no provenance.
    public init(weights: SparseCoderWeights, name: String) {
        self.init(weights: weights, name: name, metadata: weights.safetensors().metadata, source: nil)
    }

    init(weights: SparseCoderWeights, name: String, metadata: [String: String], source: ModelSource?) {
        self.name = name
        self.weights = weights
        self.metadata = metadata
        self.source = source
    }

    /// The shape of the model: patch size, channels, atoms and unfoldings.
    public var configuration: SparseCoderConfiguration { weights.configuration }

    /// Number of learned scalars the model uses at inference.
    public var parameterCount: Int { weights.parameterCount }

    /// The estimate of the clean image.
    ///
    /// - Parameters:
    ///   - image: The noisy image, on the [0, 1] scale and unclipped. Its colour channels must
    ///     match the model's, or the model must be grey.
    ///   - sigma: The standard deviation of the noise on the 0-255 scale, or ``NoiseLevel/estimate``
    ///     to measure it from the image.
    ///   - strength: A factor applied to sigma: below 1 keeps more detail and more noise, above 1
    ///     smooths more.
    ///   - threads: Threads for the matrix products during this call; `nil` keeps
    ///     ``Parallelism/threadCount``. The BLAS thread pool is shared by the whole process, so
    ///     concurrent calls asking for different counts affect one another.
    ///   - colour: How a grey model denoises an RGB image: in opponent-colour space (the default) or
    ///     channel by channel. Other images and colour models ignore it.
    ///   - progress: Called on the calling thread between pieces of work with the fraction done, from
    ///     0 up to 1 when the image is finished: enough to drive a progress bar.
    /// - Returns: The denoised image, unclipped, with the input's alpha plane.
    /// - Throws: ``DenoiserError`` when sigma, strength or the thread count is invalid, the channels
    ///   do not fit the model, or the image holds non-finite samples.
    public func denoise(
        _ image: Image, sigma: NoiseLevel = .estimate, strength: Double = 1, threads: Int? = nil,
        colour: ColourHandling = .opponent, progress: ((Double) -> Void)? = nil
    ) throws -> Image {
        let result = try denoise(image, sigma: sigma, strength: strength, threads: threads, colour: colour,
                                 shouldContinue: { fraction in progress?(fraction); return true })
        progress?(1)
        return result
    }

    /// The work of both `denoise` variants; `shouldContinue` is polled between batches of patches
    /// with the fraction of the work done, and stops the work with `CancellationError` when it
    /// returns `false`. Visible to the package's command-line tool, which stops on a signal.
    package func denoise(
        _ image: Image, sigma: NoiseLevel, strength: Double, threads: Int?, colour: ColourHandling,
        shouldContinue: (Double) -> Bool
    ) throws -> Image {
        guard strength.isFinite, strength >= 0 else { throw DenoiserError.invalidStrength(strength) }
        if let threads, threads < 1 { throw DenoiserError.invalidThreadCount(threads) }
        let modelChannels = configuration.channels
        guard image.channels == modelChannels || modelChannels == 1 else {
            throw DenoiserError.channelMismatch(modelChannels: modelChannels, imageChannels: image.channels)
        }
        guard image.pixels.allSatisfy(\.isFinite) else { throw DenoiserError.nonFiniteSamples }
        let scaled = try sigma.sigma(for: image) * strength
        guard scaled.isFinite else { throw DenoiserError.invalidSigma(scaled) }
        let noise = Float(scaled / 255)

        let previousThreadCount = Parallelism.threadCount
        if let threads { Parallelism.threadCount = threads }
        defer { if threads != nil { Parallelism.threadCount = previousThreadCount } }

        // Alpha never enters the coder; the input's plane is put back unchanged at the end.
        let samples = Image(width: image.width, height: image.height, channels: image.channels, pixels: image.pixels)
        var result: Image
        if modelChannels == 1 && image.channels == 3 && colour == .opponent {
            let opponent = try code(OpponentColour.forward(samples), sigma: noise, sharesGroups: true,
                                    shouldContinue: shouldContinue)
            result = OpponentColour.inverse(opponent)
        } else {
            result = try code(samples, sigma: noise, sharesGroups: false, shouldContinue: shouldContinue)
        }
        result.alpha = image.alpha
        return result
    }

    /// Runs the coder on an image of one or more members of the model's channel count and no alpha,
    /// mirroring an image smaller than a patch out to the patch size and cropping the result back.
    private func code(_ image: Image, sigma: Float, sharesGroups: Bool, shouldContinue: (Double) -> Bool) throws -> Image {
        let size = configuration.patchSize
        guard image.width < size || image.height < size else {
            return try weights.denoise(image, sigma: sigma, sharesGroups: sharesGroups, shouldContinue: shouldContinue)
        }
        let padded = image.mirrorPadded(width: max(size, image.width), height: max(size, image.height))
        return try weights.denoise(padded, sigma: sigma, sharesGroups: sharesGroups, shouldContinue: shouldContinue)
            .crop(row: 0, column: 0, height: image.height, width: image.width)
    }
}
