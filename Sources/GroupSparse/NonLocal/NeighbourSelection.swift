/// The running choice of each patch's nearest candidates.
///
/// A patch's row holds the patch itself in slot 0, then its best candidates so far in slots
/// `1 ..< K`, sorted by distance and then by patch index; that order is total, so the kept set
/// depends only on which candidates were offered, never on the order they came in. Empty slots hold
/// (+infinity, `Int32.max`), which every real candidate beats. `bounds[patch]` mirrors the distance
/// in slot `K - 1`: rejecting a candidate, by far the common case, then reads one `Float` from a
/// contiguous array instead of a scattered row.
///
/// Rows are padded to `1 + 8n` slots so that an insertion runs as whole vectors of eight slots,
/// without a data-dependent branch: one pass counts the kept candidates ordered before the new one,
/// a second shifts the later ones up by a slot. Padding slots only ever receive candidates pushed out
/// of slot `K - 1`, so they never precede a kept one and never disturb the count.
///
/// Once every candidate has been offered, ``compact(patch:)`` packs the rows to `K` slots in place,
/// so the working rows become the final table without a second copy of it.
///
/// The storage is borrowed, not owned. Concurrent workers may share one selection as long as each
/// offers candidates only to its own patches, which is why the type is `@unchecked Sendable`.
struct NeighbourSelection: @unchecked Sendable {
    /// Members per group, `K`.
    let neighbourCount: Int
    /// Slots per row, `K` rounded up to one more than a multiple of eight.
    let rowStride: Int
    /// `patchCount x rowStride` squared distances.
    let distances: UnsafeMutablePointer<Float>
    /// `patchCount x rowStride` patch indices.
    let indices: UnsafeMutablePointer<Int32>
    /// The distance a candidate must not exceed to enter each patch's row.
    let bounds: UnsafeMutablePointer<Float>

    /// Marks an empty slot; patch indices stay below it because the grid size is checked on entry.
    static let emptyIndex = Int32.max

    /// The row stride for groups of `neighbourCount`.
    static func rowStride(neighbourCount: Int) -> Int { 1 + (neighbourCount + 6) / 8 * 8 }

    /// Resets `patch`'s row to the patch alone, with every other slot empty.
    func start(patch: Int) {
        let row = patch * rowStride
        indices[row] = Int32(patch)
        distances[row] = 0
        for slot in 1..<rowStride {
            indices[row + slot] = NeighbourSelection.emptyIndex
            distances[row + slot] = .infinity
        }
        // With K = 1 there is no slot to fill, and no distance is below -infinity.
        bounds[patch] = neighbourCount > 1 ? .infinity : -.infinity
    }

    /// Offers `candidate`, at squared distance `distance`, to `patch`'s row.
    ///
    /// A NaN distance never enters. Each candidate must be offered to a patch at most once.
    @inline(__always)
    func offer(_ candidate: Int32, distance: Float, to patch: Int) {
        guard distance <= bounds[patch] else { return }
        insert(candidate, distance: distance, into: patch)
    }

    /// Inserts a candidate that is no farther than slot `K - 1`, unless it loses the tie on index.
    private func insert(_ candidate: Int32, distance: Float, into patch: Int) {
        let rowDistances = distances + patch * rowStride
        let rowIndices = indices + patch * rowStride
        let last = neighbourCount - 1
        if distance == rowDistances[last] && candidate > rowIndices[last] { return }
        // Scalars are spelled out as vectors: comparisons with a scalar operand compile to a loop
        // over lanes.
        let newDistance = SIMD8<Float>(repeating: distance)
        let newIndex = SIMD8<Int32>(repeating: candidate)
        let chunkCount = (rowStride - 1) / 8

        var before = SIMD8<Int32>.zero
        for chunk in 0..<chunkCount {
            let slot = 1 + 8 * chunk
            let keptDistance = loadEight(rowDistances + slot)
            let keptIndex = loadEight(rowIndices + slot)
            let precedes = (keptDistance .< newDistance) .| ((keptDistance .== newDistance) .& (keptIndex .< newIndex))
            before &+= SIMD8<Int32>.zero.replacing(with: SIMD8<Int32>(repeating: 1), where: precedes)
        }
        let position = SIMD8<Int32>(repeating: 1 &+ before.wrappedSum())

        // From the last chunk down, so that each chunk still reads its predecessors unshifted.
        for chunk in stride(from: chunkCount - 1, through: 0, by: -1) {
            let slot = 1 + 8 * chunk
            let lanes = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) &+ SIMD8<Int32>(repeating: Int32(truncatingIfNeeded: slot))
            var shiftedDistance = loadEight(rowDistances + slot)
                .replacing(with: loadEight(rowDistances + slot - 1), where: lanes .> position)
            shiftedDistance.replace(with: newDistance, where: lanes .== position)
            var shiftedIndex = loadEight(rowIndices + slot)
                .replacing(with: loadEight(rowIndices + slot - 1), where: lanes .> position)
            shiftedIndex.replace(with: newIndex, where: lanes .== position)
            storeEight(shiftedDistance, at: rowDistances + slot)
            storeEight(shiftedIndex, at: rowIndices + slot)
        }
        bounds[patch] = rowDistances[last]
    }

    /// Moves `patch`'s group to row `patch` of a table of `K`-wide rows over the same storage, slots
    /// that no candidate reached holding the patch itself at distance 0.
    ///
    /// Patches must be compacted in increasing order, after the last offer: a row's destination
    /// never lies beyond its source, so copying forward only overwrites rows already moved.
    func compact(patch: Int) {
        let source = patch * rowStride, target = patch * neighbourCount
        for slot in 0..<neighbourCount {
            let index = indices[source + slot]
            let empty = index == NeighbourSelection.emptyIndex
            let distance = distances[source + slot]
            indices[target + slot] = empty ? Int32(patch) : index
            distances[target + slot] = empty ? 0 : distance
        }
    }
}
