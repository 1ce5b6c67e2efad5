/// The unrolled LISTA iteration, the heart of the sparse coder.
///
/// With `Y` the `N x m` matrix of centred noisy patches (one per row) and `A` the `N x p` codes,
///
///     A_0 = S_lambda_0( Y C )
///     R_t = Y - A_{t-1} D^T                       (residual of the current approximation)
///     A_t = S_lambda_t( A_{t-1} + R_t C )         t = 1 ... T-1
///
/// and the patch estimates are `A_{T-1} W^T`. This is `alpha <- S(alpha + C^T (y - D alpha))` for every
/// patch at once, written so that each step is one GEMM over the whole batch.
enum UnrolledIteration {
    /// Buffers one pass needs; sized once per batch so the unfoldings allocate nothing.
    struct Workspace {
        var residuals: [Float]
        var preActivations: [Float]
        var thresholds: [Float]

        init(rows: Int, configuration: SparseCoderConfiguration, segmentCount: Int) {
            residuals = [Float](repeating: 0, count: rows * configuration.patchLength)
            preActivations = [Float](repeating: 0, count: rows * configuration.atomCount)
            thresholds = [Float](repeating: 0, count: segmentCount * configuration.atomCount)
        }
    }

    /// Where a training pass keeps `Z_t` (pre-activations, `T x N x p`) and `R_t` (residuals,
    /// `T x N x m`, slot 0 unused) for the backward pass.
    struct Trace {
        var preActivations: UnsafeMutablePointer<Float>
        var residuals: UnsafeMutablePointer<Float>
    }

    /// Runs the `T` unfoldings on `rows` patches and writes the final codes `A_{T-1}` into `codes`.
    ///
    /// When `trace` is given, `Z_t` and `R_t` are written there instead of into the workspace.
    static func encode(
        _ weights: SparseCoderWeights,
        patches: UnsafePointer<Float>, rows: Int, segments: [NoiseSegment],
        codes: UnsafeMutablePointer<Float>,
        workspace: inout Workspace, trace: Trace? = nil
    ) {
        let configuration = weights.configuration
        let m = configuration.patchLength, p = configuration.atomCount
        weights.analysis.values.withUnsafeBufferPointer { analysis in
        weights.dictionary.values.withUnsafeBufferPointer { dictionary in
        workspace.residuals.withUnsafeMutableBufferPointer { residualBuffer in
        workspace.preActivations.withUnsafeMutableBufferPointer { preActivationBuffer in
        workspace.thresholds.withUnsafeMutableBufferPointer { thresholds in
            let c = analysis.baseAddress!, d = dictionary.baseAddress!
            for t in 0..<configuration.unfoldingCount {
                let z = trace.map { $0.preActivations + t * rows * p } ?? preActivationBuffer.baseAddress!
                let r = trace.map { $0.residuals + t * rows * m } ?? residualBuffer.baseAddress!
                unfold(t, weights, patches: patches, rows: rows, segments: segments, codes: codes,
                       analysis: c, dictionary: d, residuals: r, preActivations: z,
                       thresholds: thresholds.baseAddress!)
            }
        }
        }
        }
        }
        }
    }

    /// Unfolding `t` of the iteration: the linear step into `z`, then the soft threshold of each
    /// segment into `codes`. `thresholds` holds `segments.count x p` floats of scratch.
    static func unfold(
        _ t: Int, _ weights: SparseCoderWeights,
        patches: UnsafePointer<Float>, rows: Int, segments: [NoiseSegment],
        codes: UnsafeMutablePointer<Float>,
        analysis c: UnsafePointer<Float>, dictionary d: UnsafePointer<Float>,
        residuals r: UnsafeMutablePointer<Float>, preActivations z: UnsafeMutablePointer<Float>,
        thresholds: UnsafeMutablePointer<Float>
    ) {
        let p = weights.configuration.atomCount
        linearStep(unfolding: t, patches: patches, rows: rows, codes: codes,
                   analysis: c, dictionary: d, configuration: weights.configuration, residuals: r, into: z)
        for (index, segment) in segments.enumerated() {
            let lambda = thresholds + index * p
            weights.thresholds(unfolding: t, sigma: segment.sigma, into: lambda)
            Shrinkage.softThreshold(
                z + segment.rows.lowerBound * p, thresholds: lambda,
                rows: segment.rows.count, atomCount: p, into: codes + segment.rows.lowerBound * p)
        }
    }

    /// The linear half of unfolding `t`, `Z_t = A_{t-1} + (Y - A_{t-1} D^T) C`, or `Z_0 = Y C`;
    /// `residuals` receives `R_t = Y - A_{t-1} D^T` (untouched for `t = 0`).
    static func linearStep(
        unfolding t: Int, patches: UnsafePointer<Float>, rows: Int, codes: UnsafePointer<Float>,
        analysis c: UnsafePointer<Float>, dictionary d: UnsafePointer<Float>,
        configuration: SparseCoderConfiguration,
        residuals r: UnsafeMutablePointer<Float>, into z: UnsafeMutablePointer<Float>
    ) {
        let m = configuration.patchLength, p = configuration.atomCount
        // Every row is independent, so a block runs all its products while its rows are in cache.
        RowBlocks.forEach(rows) { block in
            let count = block.count
            let y = patches + block.lowerBound * m, a = codes + block.lowerBound * p
            let rBlock = r + block.lowerBound * m, zBlock = z + block.lowerBound * p
            if t == 0 {
                BLAS.gemm(.plain, .plain, m: count, n: p, k: m, y, lda: m, c, ldb: p, zBlock, ldc: p)
                return
            }
            rBlock.update(from: y, count: count * m)
            BLAS.gemm(.plain, .transposed, m: count, n: m, k: p, alpha: -1, a, lda: p, d, ldb: p,
                      beta: 1, rBlock, ldc: m)
            zBlock.update(from: a, count: count * p)
            BLAS.gemm(.plain, .plain, m: count, n: p, k: m, rBlock, lda: m, c, ldb: p, beta: 1, zBlock, ldc: p)
        }
    }

    /// Patch estimates `X = A W^T` (without the patch means) for `rows` codes.
    static func decode(
        _ weights: SparseCoderWeights, codes: UnsafePointer<Float>, rows: Int,
        into patches: UnsafeMutablePointer<Float>
    ) {
        let m = weights.configuration.patchLength, p = weights.configuration.atomCount
        weights.reconstruction.values.withUnsafeBufferPointer { reconstruction in
            RowBlocks.forEach(rows) { block in
                BLAS.gemm(.plain, .transposed, m: block.count, n: m, k: p,
                          codes + block.lowerBound * p, lda: p, reconstruction.baseAddress!, ldb: p,
                          patches + block.lowerBound * m, ldc: m)
            }
        }
    }
}
