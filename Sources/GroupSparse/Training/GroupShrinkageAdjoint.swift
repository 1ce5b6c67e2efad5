import CKernels

/// The adjoint of ``GroupShrinkage``. With `s_i = sum_l S_il`, `n_i = sum_l S_il beta_l^2`,
/// `r_i = sqrt(n_i + eps)` and `f_i = 1 - lambda sqrt(s_i) / r_i` (per atom), on the rows where
/// `f_i > 0` and `h_i = G_alpha_i * beta_i`:
///
///     G_beta_i   += G_alpha_i * f_i
///     G_lambda   -= h_i * sqrt(s_i) / r_i
///     G_n_i       = h_i * lambda * sqrt(s_i) / (2 r_i^3)
///     G_s_i      -= h_i * lambda / (2 sqrt(s_i) r_i)          (summed over atoms)
///     G_S_il     += G_s_i + sum_j G_n_i[j] * beta_l[j]^2
///     G_beta_l   += 2 beta_l * sum_{i : l in N(i)} S_il * G_n_i  (gathered through the memberships)
///
/// Every sum runs in a fixed order, so results do not depend on the thread count.
enum GroupShrinkageAdjoint {
    /// Overwrites `betaGradient` with dL/dbeta, and adds dL/dlambda (one row of `p` per segment) to
    /// `thresholdGradient` and dL/dS to `weightGradient`.
    ///
    /// `partialThresholdGradients` is scratch of `GroupShrinkage.chunks(of: segments).count x p`
    /// floats, owned by the caller so that the unfoldings allocate nothing.
    static func backward(
        betas: UnsafePointer<Float>, groups: PatchGroups, memberships: (offsets: [Int32], positions: [Int32]),
        atomCount p: Int, thresholds: UnsafePointer<Float>, segments: [NoiseSegment],
        codeGradient: UnsafePointer<Float>, betaGradient: UnsafeMutablePointer<Float>,
        thresholdGradient: UnsafeMutablePointer<Float>, weightGradient: UnsafeMutablePointer<Float>,
        energyGradient: UnsafeMutablePointer<Float>, weightSumGradient: UnsafeMutablePointer<Float>,
        partialThresholdGradients partials: UnsafeMutablePointer<Float>
    ) {
        let rows = groups.patchCount
        let chunks = GroupShrinkage.chunks(of: segments)
        partials.update(repeating: 0, count: chunks.count * p)

        memberships.offsets.withUnsafeBufferPointer { offsets in
        memberships.positions.withUnsafeBufferPointer { positions in
        GroupShrinkage.withTable(betas: betas, groups: groups, atomCount: p) { table in

            // Pass 1: the direct term, the threshold gradient, and dL/dn, dL/ds of every row.
            GroupShrinkage.forEachChunk(of: segments) { chunk, segment, range in
                gs_group_shrinkage_adjoint(
                    table, thresholds + segment * p, GroupShrinkage.epsilon, range.lowerBound, range.count,
                    codeGradient, betaGradient, partials + chunk * p, energyGradient, weightSumGradient)
            }

            // Pass 2: dL/dS_il, gathered per row.
            GroupShrinkage.forEachChunk(of: segments) { _, range in
                gs_group_weight_gradient(
                    table, range.lowerBound, range.count, energyGradient, weightSumGradient, weightGradient)
            }

            // Pass 3: the energy term of dL/dbeta_l, gathered over the groups that contain l.
            GroupShrinkage.forEachChunk(of: [NoiseSegment(rows: 0..<rows, sigma: 0)]) { _, range in
                gs_group_energy_gather(
                    table, offsets.baseAddress, positions.baseAddress, range.lowerBound, range.count,
                    energyGradient, betaGradient)
            }
        }
        }
        }

        // Chunk partials of the threshold gradient, added in chunk order.
        for (chunk, piece) in chunks.enumerated() {
            let target = thresholdGradient + piece.segment * p
            for atom in 0..<p { target[atom] += partials[chunk * p + atom] }
        }
    }
}
