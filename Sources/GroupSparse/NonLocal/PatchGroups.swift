/// The groups of a batch of patches: for each patch, `K` similar patches (itself first) and the
/// similarity weight `S_il` of each, row-major `N x K` with indices into the same batch.
struct PatchGroups {
    /// Group size `K`.
    let neighbourCount: Int
    /// Neighbour rows, `N x K`.
    var indices: [Int32]
    /// Similarity weights `S_il`, `N x K`.
    var weights: [Float]

    /// Number of patches `N`.
    var patchCount: Int { indices.count / neighbourCount }

    /// For each patch `l`, the flat positions `i * K + k` at which it appears as a neighbour, in
    /// increasing order: the transpose of the group relation, so that adjoints gather instead of
    /// scatter and give the same sums whatever the thread count.
    func memberships() -> (offsets: [Int32], positions: [Int32]) {
        let count = patchCount
        var offsets = [Int32](repeating: 0, count: count + 1)
        for neighbour in indices { offsets[Int(neighbour) + 1] += 1 }
        for index in 0..<count { offsets[index + 1] += offsets[index] }
        var cursor = offsets
        var positions = [Int32](repeating: 0, count: indices.count)
        for (position, neighbour) in indices.enumerated() {
            positions[Int(cursor[Int(neighbour)])] = Int32(position)
            cursor[Int(neighbour)] += 1
        }
        return (offsets, positions)
    }
}
