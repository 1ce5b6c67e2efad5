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
        var offsets: [Int32] = [], positions: [Int32] = []
        memberships(offsets: &offsets, positions: &positions)
        return (offsets, positions)
    }

    /// ``memberships()`` written into `offsets` (`N + 1`) and `positions` (`N x K`), whose storage is
    /// kept when they already have these sizes.
    func memberships(offsets: inout [Int32], positions: inout [Int32]) {
        let count = patchCount
        if offsets.count != count + 1 { offsets = [Int32](repeating: 0, count: count + 1) }
        if positions.count != indices.count { positions = [Int32](repeating: 0, count: indices.count) }
        offsets.withUnsafeMutableBufferPointer { o in
        positions.withUnsafeMutableBufferPointer { p in
            o.update(repeating: 0)
            for neighbour in indices { o[Int(neighbour) + 1] += 1 }
            for index in 0..<count { o[index + 1] += o[index] }
            // o[l] serves as the cursor of patch l and ends at the start of l + 1; shifting the
            // table up by one then restores the starts without a second array.
            for (position, neighbour) in indices.enumerated() {
                p[Int(o[Int(neighbour)])] = Int32(position)
                o[Int(neighbour)] += 1
            }
            for index in stride(from: count, to: 0, by: -1) { o[index] = o[index - 1] }
            o[0] = 0
        }
        }
    }
}
