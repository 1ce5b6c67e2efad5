/// One unfolding of the unrolled iteration on a fixed batch of patches, so that the cost of the
/// iteration can be timed apart from patch extraction, decoding and aggregation.
///
/// ```swift
/// @_spi(Benchmarking) import GroupSparse
///
/// let step = UnfoldingStep(weights: denoiser.weights, image: noisy, sigma: 25, rows: 4096)
/// step.run(unfolding: 1)    // Z_1 = A_0 + (Y - A_0 D^T) C, A_1 = S(Z_1)
/// ```
///
/// The batch holds the first `rows` centred patches of the image. The initialiser runs unfolding 0,
/// so every later unfolding starts from real codes and costs what it costs inside a denoising pass:
/// three matrix products over the batch and one soft threshold. Group shrinkage (GroupSC) is not
/// part of this step.
@_spi(Benchmarking)
public final class UnfoldingStep {
    /// The coder whose matrices and thresholds the step uses.
    public let weights: SparseCoderWeights
    /// Patches in the batch.
    public let rows: Int
    private let segments: [NoiseSegment]
    // Buffers owned by the step for its whole life, so that an unfolding borrows nothing: a class's
    // array properties would each be checked for exclusive access on every call.
    private let patches: UnsafeMutableBufferPointer<Float>
    private let codeBuffer: UnsafeMutableBufferPointer<Float>
    private let residuals: UnsafeMutableBufferPointer<Float>
    private let preActivations: UnsafeMutableBufferPointer<Float>
    private let thresholds: UnsafeMutableBufferPointer<Float>

    /// Extracts the batch and runs unfolding 0 on it.
    ///
    /// - Parameters:
    ///   - weights: The coder; the image must have its channel count.
    ///   - image: The image whose first `rows` patches (stride 1, row by row) form the batch.
    ///   - sigma: The noise standard deviation on the 0-255 scale, for the thresholds.
    ///   - rows: Patches in the batch, at most the image's patch count.
    public init(weights: SparseCoderWeights, image: Image, sigma: Double, rows: Int) {
        let configuration = weights.configuration
        let grid = PatchGrid(image: image, patchSize: configuration.patchSize)
        precondition(image.channels == configuration.channels, "image channels do not match the model")
        precondition(rows > 0 && rows <= grid.patchCount, "the image has fewer patches than the batch")
        self.weights = weights
        self.rows = rows
        segments = [NoiseSegment(rows: 0..<rows, sigma: Float(sigma / 255))]
        func buffer(_ count: Int) -> UnsafeMutableBufferPointer<Float> {
            let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: count)
            buffer.initialize(repeating: 0)
            return buffer
        }
        patches = buffer(rows * configuration.patchLength)
        codeBuffer = buffer(rows * configuration.atomCount)
        residuals = buffer(rows * configuration.patchLength)
        preActivations = buffer(rows * configuration.atomCount)
        thresholds = buffer(configuration.atomCount)
        let means = buffer(rows * configuration.channels)
        defer { means.deallocate() }
        grid.extractCentred(image, patches: 0..<rows, into: patches.baseAddress!, means: means.baseAddress!)
        run(unfolding: 0)
    }

    deinit {
        for buffer in [patches, codeBuffer, residuals, preActivations, thresholds] { buffer.deallocate() }
    }

    /// The current codes, `rows x atomCount`, row-major.
    public var codes: [Float] { Array(codeBuffer) }

    /// Runs unfolding `t` on the batch, from the codes the previous call left.
    ///
    /// - Parameter t: The unfolding whose thresholds are used, in `0..<unfoldingCount`; unfolding 0
    ///   is a single product, every other one three.
    public func run(unfolding t: Int) {
        precondition(t >= 0 && t < weights.configuration.unfoldingCount, "no such unfolding")
        weights.analysis.values.withUnsafeBufferPointer { c in
            weights.dictionary.values.withUnsafeBufferPointer { d in
                UnrolledIteration.unfold(
                    t, weights, patches: patches.baseAddress!, rows: rows, segments: segments,
                    codes: codeBuffer.baseAddress!, analysis: c.baseAddress!, dictionary: d.baseAddress!,
                    residuals: residuals.baseAddress!, preActivations: preActivations.baseAddress!,
                    thresholds: thresholds.baseAddress!)
            }
        }
    }
}
