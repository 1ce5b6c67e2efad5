/// The nearest patches of every patch of a grid, as found by ``BlockMatcher``.
///
/// Row `p` of the table lists the `neighbourCount` members of patch `p`'s group: the patch itself
/// first, then its nearest candidates by increasing squared distance, equal distances by increasing
/// patch index. When the search window holds fewer than `neighbourCount - 1` other patches, the
/// remaining entries of the row repeat the patch itself at distance 0, so that every group has the
/// same size and a short group simply gives more weight to its own patch.
public struct NeighbourTable: Sendable, Equatable {
    /// Members per group, `K`, the patch itself included.
    public let neighbourCount: Int
    /// The patch indices of each group, in the grid's numbering: `patchCount x K`, row-major.
    public var indices: [Int32]
    /// The squared distance from each patch to each member of its group, laid out as `indices`.
    ///
    /// A distance is the plain sum, over the `k * k * channels` samples, of squared differences; it
    /// is not divided by the number of samples.
    public var squaredDistances: [Float]

    /// Creates a table from its row-major entries.
    ///
    /// - Precondition: `neighbourCount > 0` and both arrays hold a whole number of rows of the same
    ///   count.
    public init(neighbourCount: Int, indices: [Int32], squaredDistances: [Float]) {
        precondition(neighbourCount > 0, "a group holds at least the patch itself")
        precondition(indices.count % neighbourCount == 0 && indices.count == squaredDistances.count,
                     "indices and distances must hold the same whole number of rows")
        self.neighbourCount = neighbourCount
        self.indices = indices
        self.squaredDistances = squaredDistances
    }

    /// Number of patches, that is of rows.
    public var patchCount: Int { indices.count / neighbourCount }
}
