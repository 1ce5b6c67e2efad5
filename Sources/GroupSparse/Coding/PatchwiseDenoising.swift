/// Whole-image denoising with a sparse coder that codes every patch on its own: extract centred
/// patches, run the unrolled iteration, add the means back, average the overlapping estimates.
struct PatchwiseDenoising {
    /// The coder's weights.
    let weights: SparseCoderWeights
    /// Patches coded per batch; bounds the memory of the code matrices (`rows x atoms` floats). By
    /// default one block of the products' row blocking, whose rows stay in cache across a step.
    var batchSize = RowBlocks.size

    /// The estimate of the clean image under noise of standard deviation `sigma` ([0, 1] scale).
    ///
    /// - Parameter shouldContinue: polled between batches with the fraction of the patches done;
    ///   returning `false` abandons the work.
    func denoise(_ image: Image, sigma: Float, stride: Int = 1,
                 shouldContinue: (Double) -> Bool = { _ in true }) throws(CancellationError) -> Image {
        let configuration = weights.configuration
        precondition(image.channels == configuration.channels, "image channels do not match the model")
        let grid = PatchGrid(image: image, patchSize: configuration.patchSize, stride: stride)
        let m = grid.patchLength, p = configuration.atomCount
        let rowsPerBatch = min(batchSize, grid.patchCount)

        var patches = [Float](repeating: 0, count: rowsPerBatch * m)
        var means = [Float](repeating: 0, count: rowsPerBatch * grid.channels)
        var codes = [Float](repeating: 0, count: rowsPerBatch * p)
        var estimates = [Float](repeating: 0, count: rowsPerBatch * m)
        var workspace = UnrolledIteration.Workspace(rows: rowsPerBatch, configuration: configuration, segmentCount: 1)
        var sums = [Float](repeating: 0, count: image.pixels.count)

        var start = 0
        while start < grid.patchCount {
            guard shouldContinue(Double(start) / Double(grid.patchCount)) else { throw CancellationError() }
            let range = start..<min(start + rowsPerBatch, grid.patchCount)
            let rows = range.count
            patches.withUnsafeMutableBufferPointer { patchBuffer in
            means.withUnsafeMutableBufferPointer { meanBuffer in
            codes.withUnsafeMutableBufferPointer { codeBuffer in
            estimates.withUnsafeMutableBufferPointer { estimateBuffer in
            sums.withUnsafeMutableBufferPointer { sumBuffer in
                grid.extractCentred(image, patches: range, into: patchBuffer.baseAddress!, means: meanBuffer.baseAddress!)
                UnrolledIteration.encode(
                    weights, patches: patchBuffer.baseAddress!, rows: rows,
                    segments: [NoiseSegment(rows: 0..<rows, sigma: sigma)],
                    codes: codeBuffer.baseAddress!, workspace: &workspace)
                UnrolledIteration.decode(weights, codes: codeBuffer.baseAddress!, rows: rows,
                                         into: estimateBuffer.baseAddress!)
                PatchwiseDenoising.addMeans(meanBuffer.baseAddress!, to: estimateBuffer.baseAddress!,
                                            rows: rows, grid: grid)
                grid.accumulate(patches: range, from: estimateBuffer.baseAddress!, into: sumBuffer.baseAddress!)
            }
            }
            }
            }
            }
            start = range.upperBound
        }
        grid.normalise(&sums, by: grid.coverage())
        return Image(width: image.width, height: image.height, channels: image.channels,
                     pixels: sums, alpha: image.alpha)
    }

    /// Adds each patch channel's mean back to its estimate.
    static func addMeans(_ means: UnsafePointer<Float>, to patches: UnsafeMutablePointer<Float>,
                         rows: Int, grid: PatchGrid) {
        let count = grid.pixelsPerPatch
        for row in 0..<rows {
            for channel in 0..<grid.channels {
                let mean = means[row * grid.channels + channel]
                let values = patches + row * grid.patchLength + channel * count
                for index in 0..<count { values[index] += mean }
            }
        }
    }
}
