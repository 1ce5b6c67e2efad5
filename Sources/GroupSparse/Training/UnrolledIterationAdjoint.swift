/// The backward pass of ``UnrolledIteration``: walks the unfoldings in reverse and accumulates the
/// gradient of every parameter.
///
/// With `G_Z = G_A ⊙ 1[|Z_t| > lambda_t]` the gradient through the soft threshold at unfolding `t`,
///
///     dlambda_t  = -sum_i G_Z[i] ⊙ sign(Z_t[i])      (dA = dlambda_t, dB = sigma * dlambda_t)
///     G_R        = G_Z C^T
///     dC        += R_t^T G_Z             (t = 0: Y^T G_Z)
///     dD        -= G_R^T A_{t-1}
///     G_A_{t-1}  = G_Z - G_R D
///
/// where `C`, `D` act as in the forward pass (`Z_t = A_{t-1} + R_t C`, `R_t = Y - A_{t-1} D^T`). The
/// kinks of the soft threshold get the zero subgradient.
enum UnrolledIterationAdjoint {
    /// Buffers of ``backpropagate(_:patches:rows:segments:trace:finalCodes:patchGradient:into:workspace:)``,
    /// sized once for a batch shape and kept by the owner of the batch (the trainer's ``BatchLoss``)
    /// so that a step allocates nothing large.
    struct Workspace {
        var codeGradient: [Float]
        var previousCodes: [Float]
        /// dL/dR of one row block.
        var residualGradient: [Float]
        var thresholds: [Float]

        init(rows: Int, configuration: SparseCoderConfiguration) {
            codeGradient = [Float](repeating: 0, count: rows * configuration.atomCount)
            previousCodes = [Float](repeating: 0, count: rows * configuration.atomCount)
            residualGradient = [Float](repeating: 0, count: min(rows, RowBlocks.size) * configuration.patchLength)
            thresholds = [Float](repeating: 0, count: configuration.atomCount)
        }
    }

    /// Accumulates into `gradient` the gradients of a loss whose gradient with respect to the decoded
    /// patches `A_{T-1} W^T` is `patchGradient` (`rows x m`).
    ///
    /// - Parameters:
    ///   - patches: the centred noisy patches `Y` of the forward pass.
    ///   - trace: the `Z_t` and `R_t` the forward pass recorded.
    ///   - finalCodes: `A_{T-1}`.
    static func backpropagate(
        _ weights: SparseCoderWeights,
        patches: UnsafePointer<Float>, rows: Int, segments: [NoiseSegment],
        trace: UnrolledIteration.Trace, finalCodes: UnsafePointer<Float>,
        patchGradient: UnsafePointer<Float>,
        into gradient: inout SparseCoderGradient, workspace: inout Workspace
    ) {
        let configuration = weights.configuration
        let m = configuration.patchLength, p = configuration.atomCount, depth = configuration.unfoldingCount
        precondition(workspace.codeGradient.count == rows * p, "the workspace does not match the batch")

        weights.analysis.values.withUnsafeBufferPointer { analysisBuffer in
        weights.dictionary.values.withUnsafeBufferPointer { dictionaryBuffer in
        weights.reconstruction.values.withUnsafeBufferPointer { reconstructionBuffer in
        workspace.codeGradient.withUnsafeMutableBufferPointer { codeGradientBuffer in
        workspace.previousCodes.withUnsafeMutableBufferPointer { previousBuffer in
        workspace.residualGradient.withUnsafeMutableBufferPointer { residualGradientBuffer in
        workspace.thresholds.withUnsafeMutableBufferPointer { lambda in
        gradient.analysis.withUnsafeMutableBufferPointer { dC in
        gradient.dictionary.withUnsafeMutableBufferPointer { dD in
        gradient.reconstruction.withUnsafeMutableBufferPointer { dW in
        gradient.thresholdOffsets.withUnsafeMutableBufferPointer { dOffsets in
        gradient.thresholdSlopes.withUnsafeMutableBufferPointer { dSlopes in
            let c = analysisBuffer.baseAddress!, d = dictionaryBuffer.baseAddress!
            let w = reconstructionBuffer.baseAddress!
            let gA = codeGradientBuffer.baseAddress!, gR = residualGradientBuffer.baseAddress!
            let previous = previousBuffer.baseAddress!

            decodeAdjoint(patchGradient: patchGradient, codes: finalCodes, rows: rows, reconstruction: w,
                          configuration: configuration, reconstructionGradient: dW.baseAddress!, codeGradient: gA)

            for t in stride(from: depth - 1, through: 0, by: -1) {
                let z = trace.preActivations + t * rows * p
                for segment in segments {
                    weights.thresholds(unfolding: t, sigma: segment.sigma, into: lambda.baseAddress!)
                    let start = segment.rows.lowerBound * p
                    Shrinkage.softThresholdAdjoint(
                        z + start, thresholds: lambda.baseAddress!, sigma: segment.sigma,
                        rows: segment.rows.count, atomCount: p, gradient: gA + start,
                        offsetGradient: dOffsets.baseAddress! + t * p, slopeGradient: dSlopes.baseAddress! + t * p)
                }
                if t > 0 {
                    for segment in segments {
                        weights.thresholds(unfolding: t - 1, sigma: segment.sigma, into: lambda.baseAddress!)
                        let start = segment.rows.lowerBound * p
                        Shrinkage.softThreshold(
                            trace.preActivations + (t - 1) * rows * p + start, thresholds: lambda.baseAddress!,
                            rows: segment.rows.count, atomCount: p, into: previous + start)
                    }
                }
                linearStepAdjoint(
                    unfolding: t, patches: patches, rows: rows, previousCodes: previous,
                    residuals: trace.residuals + t * rows * m, analysis: c, dictionary: d,
                    configuration: configuration, residualGradient: gR, codeGradient: gA,
                    analysisGradient: dC.baseAddress!, dictionaryGradient: dD.baseAddress!)
            }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
        }
    }

    /// The adjoint of ``UnrolledIteration/decode(_:codes:rows:into:)``, `X = A W^T`: adds
    /// `G_X^T A` to `dW` and overwrites `codeGradient` with `G_A = G_X W`.
    ///
    /// The sum over rows in `dW` is taken block by block in row order, so it does not depend on the
    /// thread count.
    static func decodeAdjoint(
        patchGradient gX: UnsafePointer<Float>, codes a: UnsafePointer<Float>, rows: Int,
        reconstruction w: UnsafePointer<Float>, configuration: SparseCoderConfiguration,
        reconstructionGradient dW: UnsafeMutablePointer<Float>, codeGradient gA: UnsafeMutablePointer<Float>
    ) {
        let m = configuration.patchLength, p = configuration.atomCount
        RowBlocks.forEach(rows) { block in
            let count = block.count, x = gX + block.lowerBound * m
            BLAS.gemm(.transposed, .plain, m: m, n: p, k: count, x, lda: m, a + block.lowerBound * p, ldb: p,
                      beta: 1, dW, ldc: p)
            BLAS.gemm(.plain, .plain, m: count, n: p, k: m, x, lda: m, w, ldb: p, gA + block.lowerBound * p, ldc: p)
        }
    }

    /// The adjoint of ``UnrolledIteration/linearStep``: on entry `codeGradient` holds `G_Z`; on exit it
    /// holds `G_A_{t-1} = G_Z - G_R D` (for `t > 0`), and `dC`, `dD` are accumulated.
    ///
    /// The work runs in ``RowBlocks``: `residualGradient` is scratch for one block,
    /// `min(rows, RowBlocks.size) x m`, and the sums over rows in `dC` and `dD` add the blocks in row
    /// order.
    static func linearStepAdjoint(
        unfolding t: Int, patches: UnsafePointer<Float>, rows: Int, previousCodes: UnsafePointer<Float>,
        residuals r: UnsafePointer<Float>, analysis c: UnsafePointer<Float>, dictionary d: UnsafePointer<Float>,
        configuration: SparseCoderConfiguration,
        residualGradient gR: UnsafeMutablePointer<Float>, codeGradient gA: UnsafeMutablePointer<Float>,
        analysisGradient dC: UnsafeMutablePointer<Float>, dictionaryGradient dD: UnsafeMutablePointer<Float>
    ) {
        let m = configuration.patchLength, p = configuration.atomCount
        RowBlocks.forEach(rows) { block in
            let count = block.count, gZ = gA + block.lowerBound * p
            if t == 0 {
                BLAS.gemm(.transposed, .plain, m: m, n: p, k: count, patches + block.lowerBound * m, lda: m,
                          gZ, ldb: p, beta: 1, dC, ldc: p)
                return
            }
            BLAS.gemm(.plain, .transposed, m: count, n: m, k: p, gZ, lda: p, c, ldb: p, gR, ldc: m)
            BLAS.gemm(.transposed, .plain, m: m, n: p, k: count, r + block.lowerBound * m, lda: m, gZ, ldb: p,
                      beta: 1, dC, ldc: p)
            BLAS.gemm(.transposed, .plain, m: m, n: p, k: count, alpha: -1, gR, lda: m,
                      previousCodes + block.lowerBound * p, ldb: p, beta: 1, dD, ldc: p)
            BLAS.gemm(.plain, .plain, m: count, n: p, k: m, alpha: -1, gR, lda: m, d, ldb: p, beta: 1, gZ, ldc: p)
        }
    }
}
