import Foundation

/// The group shrinkage of GroupSC: a differentiable relaxation of the group lasso's proximal map in
/// which each patch's code is shrunk by the weighted energy of its group.
///
/// For patch `i` with group `N(i)`, weights `S_il` and atom `j`,
///
///     alpha_i[j] = beta_i[j] * max(0, 1 - lambda_j * sqrt(sum_l S_il) / sqrt(sum_l S_il * beta_l[j]^2 + eps))
///
/// which reduces to soft thresholding when every member of the group equals `beta_i`, and lets
/// atoms that the whole group uses survive a threshold that would kill them in one noisy patch.
enum GroupShrinkage {
    /// Keeps the square root defined for an atom that no member of the group uses.
    static let epsilon: Float = 1e-8

    /// Rows per unit of parallel work; fixed so that partial sums do not depend on the thread count.
    static let rowsPerChunk = 256

    /// `codes <- shrink(betas)` for every row of every segment.
    static func forward(
        betas: UnsafePointer<Float>, groups: PatchGroups, atomCount p: Int,
        thresholds: UnsafePointer<Float>, segments: [NoiseSegment],
        into codes: UnsafeMutablePointer<Float>
    ) {
        let k = groups.neighbourCount
        groups.indices.withUnsafeBufferPointer { indexBuffer in
        groups.weights.withUnsafeBufferPointer { weightBuffer in
            let indices = indexBuffer.baseAddress!, weights = weightBuffer.baseAddress!
            forEachChunk(of: segments) { segment, rows in
                let lambda = thresholds + segment * p
                var energy = [Float](repeating: 0, count: p)
                energy.withUnsafeMutableBufferPointer { energyBuffer in
                    let n = energyBuffer.baseAddress!
                    for row in rows {
                        let weightSum = groupEnergy(row: row, betas: betas, indices: indices, weights: weights,
                                                    neighbourCount: k, atomCount: p, into: n)
                        let scale = weightSum.squareRoot()
                        let beta = betas + row * p, alpha = codes + row * p
                        var atom = 0
                        while atom + 8 <= p {
                            let factor = 1 - loadEight(lambda + atom) * scale
                                / (loadEight(n + atom) + epsilon).squareRoot()
                            let shrunk = loadEight(beta + atom) * factor
                            storeEight(shrunk.replacing(with: 0, where: .!(factor .> 0)), at: alpha + atom)
                            atom += 8
                        }
                        while atom < p {
                            let factor = 1 - lambda[atom] * scale / (n[atom] + epsilon).squareRoot()
                            alpha[atom] = factor > 0 ? beta[atom] * factor : 0
                            atom += 1
                        }
                    }
                }
            }
        }
        }
    }

    /// `n[j] = sum_l S_il beta_l[j]^2`; returns `sum_l S_il`.
    @inline(__always)
    static func groupEnergy(
        row: Int, betas: UnsafePointer<Float>, indices: UnsafePointer<Int32>, weights: UnsafePointer<Float>,
        neighbourCount k: Int, atomCount p: Int, into n: UnsafeMutablePointer<Float>
    ) -> Float {
        n.update(repeating: 0, count: p)
        var weightSum: Float = 0
        for member in 0..<k {
            let weight = weights[row * k + member]
            weightSum += weight
            let beta = betas + Int(indices[row * k + member]) * p
            var atom = 0
            while atom + 8 <= p {
                let value = loadEight(beta + atom)
                storeEight(loadEight(n + atom) + weight * value * value, at: n + atom)
                atom += 8
            }
            while atom < p {
                n[atom] += weight * beta[atom] * beta[atom]
                atom += 1
            }
        }
        return weightSum
    }

    /// The fixed chunks of rows the kernels split their work into: `rowsPerChunk` rows at most, never
    /// across a segment boundary, in row order. Partial sums kept per chunk and added in this order
    /// give the same result whatever the thread count.
    static func chunks(of segments: [NoiseSegment]) -> [(segment: Int, rows: Range<Int>)] {
        var chunks: [(segment: Int, rows: Range<Int>)] = []
        for (index, segment) in segments.enumerated() {
            var start = segment.rows.lowerBound
            while start < segment.rows.upperBound {
                let end = min(start + rowsPerChunk, segment.rows.upperBound)
                chunks.append((index, start..<end))
                start = end
            }
        }
        return chunks
    }

    /// Runs `body(chunkIndex, segmentIndex, rows)` over ``chunks(of:)``, in parallel.
    static func forEachChunk(of segments: [NoiseSegment], _ body: (Int, Int, Range<Int>) -> Void) {
        let chunks = chunks(of: segments)
        let workers = max(1, min(Parallelism.threadCount, chunks.count))
        Parallelism.forEach(workers) { worker in
            for chunk in Swift.stride(from: worker, to: chunks.count, by: workers) {
                body(chunk, chunks[chunk].segment, chunks[chunk].rows)
            }
        }
    }

    /// Runs `body(segmentIndex, rows)` over ``chunks(of:)``, in parallel.
    static func forEachChunk(of segments: [NoiseSegment], _ body: (Int, Range<Int>) -> Void) {
        forEachChunk(of: segments) { _, segment, rows in body(segment, rows) }
    }
}
