import CKernels
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

    /// `codes <- shrink(betas)` for every row of every segment, by the formula above; the reference
    /// the vector versions reproduce bit for bit is `group_shrinkage_value` in
    /// `Sources/CKernels/group_shrinkage.c`. Each group sum runs over the members in order.
    static func forward(
        betas: UnsafePointer<Float>, groups: PatchGroups, atomCount p: Int,
        thresholds: UnsafePointer<Float>, segments: [NoiseSegment],
        into codes: UnsafeMutablePointer<Float>
    ) {
        withTable(betas: betas, groups: groups, atomCount: p) { table in
            forEachChunk(of: segments) { segment, rows in
                gs_group_shrinkage(table, thresholds + segment * p, epsilon, rows.lowerBound, rows.count, codes)
            }
        }
    }

    /// Runs `body` with the kernels' view of `groups` over the codes `betas` (`N x p`).
    static func withTable<Result>(
        betas: UnsafePointer<Float>, groups: PatchGroups, atomCount p: Int,
        _ body: (UnsafePointer<gs_group_table>) -> Result
    ) -> Result {
        groups.indices.withUnsafeBufferPointer { indices in
            groups.weights.withUnsafeBufferPointer { weights in
                var table = gs_group_table(
                    betas: betas, indices: indices.baseAddress, weights: weights.baseAddress,
                    neighbour_count: groups.neighbourCount, atom_count: p)
                return withUnsafePointer(to: &table, body)
            }
        }
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
