import CKernels

/// Gaussian similarity weights between the members of each group, measured on a pilot estimate:
///
///     S_il = exp( -max(0, sum_q kappa_q^2 * ((x_i - x_l)_q^2 - 2 nu)) )
///
/// with a learned per-pixel scale `kappa` and `nu` the noise variance left in the pilot. Noise adds
/// `2 nu` to every expected squared difference; removing it (as BM3D does with its distances) keeps
/// two noisy copies of one structure at weight near one, whatever sigma. A patch has weight one with
/// itself.
enum SimilarityWeights {
    /// Weights of every group member, `N x K`, from the raw pilot patches (`N x m`), through
    /// `gs_similarity_weights` in `Sources/CKernels/similarity_weights.c`.
    ///
    /// - Parameter noiseVariances: `nu` of each segment's rows.
    static func compute(
        pilot: UnsafePointer<Float>, patchLength m: Int, indices: UnsafePointer<Int32>, neighbourCount k: Int,
        kappa: UnsafePointer<Float>, noiseVariances: [Float], segments: [NoiseSegment],
        into weights: UnsafeMutablePointer<Float>
    ) {
        GroupShrinkage.forEachChunk(of: segments) { segment, range in
            gs_similarity_weights(pilot, m, indices, k, kappa, 2 * noiseVariances[segment],
                                  range.lowerBound, range.count, weights)
        }
    }

    /// Adds `sum_il G_S_il dS_il/dkappa` to `kappaGradient`, where `dS/dkappa_q = -S * 2 kappa_q *
    /// ((x_i - x_l)_q^2 - 2 nu)` while the exponent is positive and zero where it is clamped.
    ///
    /// `partials` is scratch of `GroupShrinkage.chunks(of: segments).count x m` floats: each chunk
    /// sums into its own row, and the rows are added in chunk order, whatever the thread count.
    static func kappaGradient(
        pilot: UnsafePointer<Float>, patchLength m: Int, indices: UnsafePointer<Int32>, neighbourCount k: Int,
        kappa: UnsafePointer<Float>, noiseVariances: [Float], segments: [NoiseSegment],
        weights: UnsafePointer<Float>, weightGradient: UnsafePointer<Float>,
        partials partialBase: UnsafeMutablePointer<Float>, into kappaGradient: UnsafeMutablePointer<Float>
    ) {
        let chunkCount = GroupShrinkage.chunks(of: segments).count
        partialBase.update(repeating: 0, count: chunkCount * m)
        GroupShrinkage.forEachChunk(of: segments) { chunk, segment, range in
            gs_similarity_kappa_gradient(pilot, m, indices, k, kappa, 2 * noiseVariances[segment], weights,
                                         weightGradient, range.lowerBound, range.count, partialBase + chunk * m)
        }
        for chunk in 0..<chunkCount {
            for q in 0..<m { kappaGradient[q] += partialBase[chunk * m + q] }
        }
    }
}
