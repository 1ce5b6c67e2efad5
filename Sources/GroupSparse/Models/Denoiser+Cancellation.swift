extension Denoiser {
    /// The estimate of the clean image, computed so that the calling task can cancel it.
    ///
    /// The work runs on the calling task and checks for cancellation between batches of patches, so
    /// a cancelled task stops within one batch instead of finishing the image. The parameters and
    /// result are those of the synchronous ``denoise(_:sigma:strength:threads:colour:progress:)``.
    ///
    /// ```swift
    /// let task = Task { try await denoiser.denoise(photo, sigma: 25) }
    /// task.cancel()  // the call throws CancellationError
    /// ```
    ///
    /// - Throws: `CancellationError` when the task is cancelled before the image is done, and
    ///   ``DenoiserError`` for invalid arguments.
    public func denoise(
        _ image: Image, sigma: NoiseLevel = .estimate, strength: Double = 1, threads: Int? = nil,
        colour: ColourHandling = .opponent
    ) async throws -> Image {
        try Task.checkCancellation()
        return try denoise(image, sigma: sigma, strength: strength, threads: threads, colour: colour,
                           shouldContinue: { _ in !Task.isCancelled })
    }
}
