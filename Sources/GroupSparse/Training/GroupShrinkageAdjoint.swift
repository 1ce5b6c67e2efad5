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
    static func backward(
        betas: UnsafePointer<Float>, groups: PatchGroups, memberships: (offsets: [Int32], positions: [Int32]),
        atomCount p: Int, thresholds: UnsafePointer<Float>, segments: [NoiseSegment],
        codeGradient: UnsafePointer<Float>, betaGradient: UnsafeMutablePointer<Float>,
        thresholdGradient: UnsafeMutablePointer<Float>, weightGradient: UnsafeMutablePointer<Float>,
        energyGradient: UnsafeMutablePointer<Float>, weightSumGradient: UnsafeMutablePointer<Float>
    ) {
        let k = groups.neighbourCount, rows = groups.patchCount
        let epsilon = GroupShrinkage.epsilon
        let chunks = GroupShrinkage.chunks(of: segments)
        var partialThresholdGradients = [Float](repeating: 0, count: chunks.count * p)

        groups.indices.withUnsafeBufferPointer { indexBuffer in
        groups.weights.withUnsafeBufferPointer { weightBuffer in
        partialThresholdGradients.withUnsafeMutableBufferPointer { partialBuffer in
            let indices = indexBuffer.baseAddress!, weights = weightBuffer.baseAddress!
            let partials = partialBuffer.baseAddress!

            // Pass 1: the direct term, the threshold gradient, and dL/dn, dL/ds of every row.
            GroupShrinkage.forEachChunk(of: segments) { chunk, segment, range in
                let lambda = thresholds + segment * p
                let partial = partials + chunk * p
                var energy = [Float](repeating: 0, count: p)
                energy.withUnsafeMutableBufferPointer { energyBuffer in
                    let n = energyBuffer.baseAddress!
                    for row in range {
                        let weightSum = GroupShrinkage.groupEnergy(
                            row: row, betas: betas, indices: indices, weights: weights,
                            neighbourCount: k, atomCount: p, into: n)
                        let rootSum = weightSum.squareRoot()
                        let beta = betas + row * p, g = codeGradient + row * p
                        let gBeta = betaGradient + row * p, gN = energyGradient + row * p
                        var gSLanes = SIMD8<Float>()
                        var atom = 0
                        while atom + 8 <= p {
                            let r = (loadEight(n + atom) + epsilon).squareRoot()
                            let threshold = loadEight(lambda + atom)
                            let factor = 1 - threshold * rootSum / r
                            let inactive = .!(factor .> 0)
                            let gradient = loadEight(g + atom)
                            let h = gradient * loadEight(beta + atom)
                            storeEight((gradient * factor).replacing(with: 0, where: inactive), at: gBeta + atom)
                            let thresholdTerm = (h * rootSum / r).replacing(with: 0, where: inactive)
                            storeEight(loadEight(partial + atom) - thresholdTerm, at: partial + atom)
                            let energyTerm = h * threshold * rootSum / (2 * r * r * r)
                            storeEight(energyTerm.replacing(with: 0, where: inactive), at: gN + atom)
                            gSLanes -= (h * threshold / (2 * rootSum * r)).replacing(with: 0, where: inactive)
                            atom += 8
                        }
                        var gS = gSLanes.sum()
                        while atom < p {
                            let r = (n[atom] + epsilon).squareRoot()
                            let factor = 1 - lambda[atom] * rootSum / r
                            if factor > 0 {
                                let h = g[atom] * beta[atom]
                                gBeta[atom] = g[atom] * factor
                                partial[atom] -= h * rootSum / r
                                gN[atom] = h * lambda[atom] * rootSum / (2 * r * r * r)
                                gS -= h * lambda[atom] / (2 * rootSum * r)
                            } else {
                                gBeta[atom] = 0
                                gN[atom] = 0
                            }
                            atom += 1
                        }
                        weightSumGradient[row] = gS
                    }
                }
            }

            // Pass 2: dL/dS_il, gathered per row.
            GroupShrinkage.forEachChunk(of: segments) { _, range in
                for row in range {
                    let gN = energyGradient + row * p
                    for member in 0..<k {
                        let beta = betas + Int(indices[row * k + member]) * p
                        var lanes = SIMD8<Float>()
                        var atom = 0
                        while atom + 8 <= p {
                            let value = loadEight(beta + atom)
                            lanes += loadEight(gN + atom) * value * value
                            atom += 8
                        }
                        var sum = lanes.sum()
                        while atom < p {
                            sum += gN[atom] * beta[atom] * beta[atom]
                            atom += 1
                        }
                        weightGradient[row * k + member] += weightSumGradient[row] + sum
                    }
                }
            }

            // Pass 3: the energy term of dL/dbeta_l, gathered over the groups that contain l.
            memberships.offsets.withUnsafeBufferPointer { offsets in
            memberships.positions.withUnsafeBufferPointer { positions in
                GroupShrinkage.forEachChunk(of: [NoiseSegment(rows: 0..<rows, sigma: 0)]) { _, range in
                    for member in range {
                        let beta = betas + member * p, gBeta = betaGradient + member * p
                        for slot in Int(offsets[member])..<Int(offsets[member + 1]) {
                            let position = Int(positions[slot])
                            let weight = 2 * weights[position]
                            let gN = energyGradient + (position / k) * p
                            var atom = 0
                            while atom + 8 <= p {
                                let update = weight * loadEight(beta + atom) * loadEight(gN + atom)
                                storeEight(loadEight(gBeta + atom) + update, at: gBeta + atom)
                                atom += 8
                            }
                            while atom < p {
                                gBeta[atom] += weight * beta[atom] * gN[atom]
                                atom += 1
                            }
                        }
                    }
                }
            }
            }
        }
        }
        }

        // Chunk partials of the threshold gradient, added in chunk order.
        for (chunk, piece) in chunks.enumerated() {
            let target = thresholdGradient + piece.segment * p
            for atom in 0..<p { target[atom] += partialThresholdGradients[chunk * p + atom] }
        }
    }
}
