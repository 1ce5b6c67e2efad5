extension GroupSparsePass {
    /// The buffers of ``backward(_:imageGradients:into:)``. The pass makes them on its first backward
    /// call and keeps them while it lives (a trainer keeps one pass for all its steps), so a step
    /// allocates nothing large.
    struct AdjointWorkspace {
        /// dL/dA of the current unfolding and dL/dbeta, swapped after each unfolding.
        var codeGradient: [Float]
        var betaGradient: [Float]
        /// dL/dR of one row block.
        var residualGradient: [Float]
        /// dL/dn and dL/ds of group shrinkage.
        var energyGradient: [Float]
        var weightSumGradient: [Float]
        /// dL/dlambda of the current unfolding, one row of `p` per image.
        var thresholdGradient: [Float]
        /// dL/dS of each refresh's mixed weights, and its two shares in the mix.
        var weightGradients: [[Float]]
        var freshGradient: [Float]
        var previousGradient: [Float]
        /// The transposed group relation of the refresh being walked.
        var membershipOffsets: [Int32] = []
        var membershipPositions: [Int32] = []
        /// Per-chunk partial sums of the threshold and `kappa` gradients.
        var partials: [Float]

        init(pass: GroupSparsePass) {
            let m = pass.configuration.patchLength, p = pass.configuration.atomCount
            let rows = pass.rows, weightCount = rows * pass.nonLocal.neighbourCount
            let chunkCount = GroupShrinkage.chunks(of: pass.segments).count
            codeGradient = [Float](repeating: 0, count: rows * p)
            betaGradient = [Float](repeating: 0, count: rows * p)
            residualGradient = [Float](repeating: 0, count: min(rows, RowBlocks.size) * m)
            energyGradient = [Float](repeating: 0, count: rows * p)
            weightSumGradient = [Float](repeating: 0, count: rows)
            thresholdGradient = [Float](repeating: 0, count: pass.imageCount * p)
            weightGradients = (0..<pass.refreshCount).map { _ in [Float](repeating: 0, count: weightCount) }
            freshGradient = [Float](repeating: 0, count: weightCount)
            previousGradient = [Float](repeating: 0, count: weightCount)
            partials = [Float](repeating: 0, count: chunkCount * max(m, p))
        }
    }
}
