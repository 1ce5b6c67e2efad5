/// The working buffers of one block-matching worker, allocated once and reused for every
/// displacement so that the sweep itself never allocates.
struct SweepScratch {
    /// `k` rows of squared differences, row `y` of the image kept in slot `y % k`.
    let ring: UnsafeMutablePointer<Double>
    /// The image row held by each slot of `ring`, or -1.
    let ringRows: UnsafeMutablePointer<Int>
    /// The `k` rows of `ring` under the current patch row, top to bottom.
    let windowRows: UnsafeMutablePointer<UnsafePointer<Double>>
    /// Sums of `windowRows` down each column.
    let columnSums: UnsafeMutablePointer<Double>
    /// Sums of `k` consecutive `columnSums`: the distance of the patch at each column of the span.
    let boxSums: UnsafeMutablePointer<Double>
    /// Column index (among the origins) of the reference of each column pair of the displacement.
    let pairReferences: UnsafeMutablePointer<Int>
    /// Column index of the candidate of each column pair.
    let pairCandidates: UnsafeMutablePointer<Int>
    /// Position in `boxSums` of each column pair's distance.
    let pairOffsets: UnsafeMutablePointer<Int>
    /// `boxSums` rounded to `Float`, the precision of the table.
    let boxDistances: UnsafeMutablePointer<Float>

    /// Allocates the buffers for patches of side `patchSize` in images `width` wide whose grid has
    /// `columnCount` columns of origins.
    init(patchSize: Int, width: Int, columnCount: Int) {
        ring = .allocate(capacity: patchSize * width)
        ringRows = .allocate(capacity: patchSize)
        windowRows = .allocate(capacity: patchSize)
        columnSums = .allocate(capacity: width)
        boxSums = .allocate(capacity: width)
        pairReferences = .allocate(capacity: columnCount)
        pairCandidates = .allocate(capacity: columnCount)
        pairOffsets = .allocate(capacity: columnCount)
        boxDistances = .allocate(capacity: width)
    }

    /// Releases the buffers.
    func deallocate() {
        ring.deallocate()
        ringRows.deallocate()
        windowRows.deallocate()
        columnSums.deallocate()
        boxSums.deallocate()
        pairReferences.deallocate()
        pairCandidates.deallocate()
        pairOffsets.deallocate()
        boxDistances.deallocate()
    }
}
