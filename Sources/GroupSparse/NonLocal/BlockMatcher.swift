import Dispatch

/// Finds, for every patch of a grid, the most similar patches within a search window around it.
///
/// Non-local models such as LSSC and GroupSC code each patch jointly with the patches that resemble
/// it most. The matcher gives every patch of a ``PatchGrid`` a group of `neighbourCount` members: the
/// patch itself first, then the grid patches nearest to it in squared Euclidean distance among those
/// whose origin lies within `searchRadius` pixels of its own (Chebyshev distance, so the window is a
/// square of side `2 * searchRadius + 1`). Equal distances are ordered by patch index, so ties
/// always go the same way, and a patch stays first in its own group even when another patch is
/// identical to it. When the window holds too few patches (tiny images, large strides) the group is
/// completed with the patch itself at distance 0, as described in ``NeighbourTable``.
///
/// For a colour image the distance sums over all channels; a caller may match on luminance alone by
/// passing a one-channel image with the colour image's grid, since only the grid's geometry is used.
///
/// ## Defaults
///
/// `neighbourCount` is 16 and `searchRadius` 15, a 31 x 31 window of 961 candidates at stride 1.
/// LSSC and GroupSC use groups of 16 to 32 patches searched in windows roughly 30 to 40 pixels wide.
/// Fewer members average less noise away; many more drag in patches that are only loosely similar
/// and make group shrinkage proportionally slower. Far patches are rarely among the nearest, while the
/// cost of computing distances grows with the window's area: radius 20 has 1.75 times as many
/// candidates as radius 15.
///
/// ## Algorithm
///
/// Distances are computed per displacement rather than per pair of patches. For a displacement
/// (dy, dx), one pass over the image forms the squared difference between each pixel and the pixel
/// (dy, dx) away, summed over channels, then sums these over k x k windows, down the columns and then
/// along the rows; the window sum at a grid origin is the distance between the patch there and the
/// patch (dy, dx) away. As d(p, p + v) = d(p + v, p), only displacements with dy > 0, or dy = 0 and
/// dx > 0, are swept, and each distance is offered to both of its patches.
///
/// Differences, squares and window sums are in `Double`, each window sum adding its k terms directly
/// in a fixed order (channels, then patch rows, then patch columns), and the result is rounded once
/// to `Float`. A distance therefore depends only on the contents of its two patches: identical patches
/// are exactly 0 apart, d(p, q) = d(q, p) bit for bit, and rounding does not grow with image size.
///
/// Each patch keeps its best candidates in a small array sorted by (distance, index), beside an
/// array of admission bounds against which eight candidates at a time are rejected. The order is
/// total, so the result does not depend on the order in which candidates arrive; displacements are
/// nevertheless swept shortest first, because nearby patches tend to be similar and early good
/// candidates tighten the bounds. The image is swept in tiles of reference patches, every
/// displacement for one tile before the next, so that the groups a tile updates stay in cache.
///
/// ## Strided grids
///
/// References and candidates are the grid's patches only. A displacement contributes the pairs of
/// grid origins it joins and nothing else; with the last origin pinned to `size - k`, the spacing
/// next to it is irregular, so the pairs of origins at each shift are listed explicitly. Window sums
/// are formed only over the rows and the span of columns that such pairs need.
///
/// ## Parallelism
///
/// The rows of origins are split into one band per thread, and each band owns the groups of its
/// patches. A band computes the pairs with at least one patch in it, so pairs straddling two bands
/// are computed twice, about `searchRadius / bandHeight` of extra work. Every patch still receives
/// every candidate exactly once, and the table is bit-identical for any number of threads.
///
/// ## Cost
///
/// Time is O(V x H x W x (k + c)) for V swept displacements, about (2R + 1)^2 / 2 at stride 1,
/// an H x W image with c channels and patches of side k: 2k additions per pixel and displacement for
/// the window sums plus 2c operations for the differences, and one comparison per candidate. Of the
/// N candidates of a patch, about K (1 + ln(N / K)) enter its group on the way, each insertion a few
/// vector operations per eight members.
///
/// Memory is the table, built in place with its rows padded to one more than a multiple of eight
/// members (8 bytes a member; 136 bytes a patch for K = 16), one `Float` bound per patch, a `Double`
/// copy of the image, and about k + 6 rows of the image width per thread.
public struct BlockMatcher: Sendable {
    /// Side of the patches, `k`; the grid passed to ``match(_:grid:threadCount:)`` must use it.
    public let patchSize: Int
    /// Members of each group, `K`, the patch itself included.
    public let neighbourCount: Int
    /// Largest offset, in pixels along each axis, between a patch's origin and its candidates'.
    public let searchRadius: Int

    /// Creates a matcher for patches of side `patchSize`.
    ///
    /// - Precondition: `patchSize > 0`, `neighbourCount > 0` and `searchRadius >= 0`.
    public init(patchSize: Int, neighbourCount: Int = 16, searchRadius: Int = 15) {
        precondition(patchSize > 0, "patch size must be positive")
        precondition(neighbourCount > 0, "a group holds at least the patch itself")
        precondition(searchRadius >= 0, "search radius must be non-negative")
        self.patchSize = patchSize
        self.neighbourCount = neighbourCount
        self.searchRadius = searchRadius
    }

    /// The group of every patch of `grid` in `image`.
    ///
    /// - Parameter threadCount: bands of rows matched concurrently; the result does not depend on it.
    /// - Precondition: `grid` has patches of side `patchSize` and the image's width and height, and
    ///   fewer than `Int32.max` patches. The image may have any number of channels.
    public func match(_ image: Image, grid: PatchGrid, threadCount: Int = Parallelism.threadCount) -> NeighbourTable {
        precondition(grid.patchSize == patchSize, "the grid's patch size differs from the matcher's")
        precondition(image.width == grid.width && image.height == grid.height, "image does not match the patch grid")
        precondition(grid.patchCount < Int(Int32.max), "too many patches for 32-bit indices")
        let patchCount = grid.patchCount
        let rowCount = grid.rowOrigins.count
        let columnCount = grid.columnOrigins.count
        let bandCount = max(1, min(threadCount, rowCount))
        let samples = UnsafeMutableBufferPointer<Double>.allocate(capacity: image.pixels.count)
        defer { samples.deallocate() }
        _ = samples.initialize(fromContentsOf: image.pixels.lazy.map(Double.init))
        let sweep = DisplacementSweep(
            grid: grid, channels: image.channels, samples: UnsafePointer(samples.baseAddress!), radius: searchRadius)

        let rowStride = NeighbourSelection.rowStride(neighbourCount: neighbourCount)
        var indices = [Int32](repeating: 0, count: patchCount * rowStride)
        var distances = [Float](repeating: 0, count: patchCount * rowStride)
        var bounds = [Float](repeating: 0, count: patchCount)
        indices.withUnsafeMutableBufferPointer { indexBuffer in
            distances.withUnsafeMutableBufferPointer { distanceBuffer in
                bounds.withUnsafeMutableBufferPointer { boundBuffer in
                    let selection = NeighbourSelection(
                        neighbourCount: neighbourCount, rowStride: rowStride, distances: distanceBuffer.baseAddress!,
                        indices: indexBuffer.baseAddress!, bounds: boundBuffer.baseAddress!)
                    let matchBand: @Sendable (Int) -> Void = { band in
                        let rows = band * rowCount / bandCount..<(band + 1) * rowCount / bandCount
                        for patch in rows.lowerBound * columnCount..<rows.upperBound * columnCount {
                            selection.start(patch: patch)
                        }
                        sweep.run(band: rows, selection: selection)
                    }
                    if bandCount == 1 {
                        matchBand(0)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: bandCount, execute: matchBand)
                    }
                    for patch in 0..<patchCount { selection.compact(patch: patch) }
                }
            }
        }
        indices.removeLast(patchCount * (rowStride - neighbourCount))
        distances.removeLast(patchCount * (rowStride - neighbourCount))
        return NeighbourTable(neighbourCount: neighbourCount, indices: indices, squaredDistances: distances)
    }
}
