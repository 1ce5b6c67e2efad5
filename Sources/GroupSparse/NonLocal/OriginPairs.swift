/// Pairs of patch origins along one axis of a grid, grouped by how far apart they lie.
///
/// Block matching sweeps displacements and needs, for each, the grid patches that have another grid
/// patch at that displacement. On a strided grid the last origin is pinned to `size - k` and breaks
/// the regular spacing, so the pairs are listed explicitly instead of being derived from the stride.
struct OriginPairs: Sendable {
    /// The distinct shifts `origin(candidate) - origin(reference)` present, increasing.
    let shifts: [Int]
    /// The pairs of shift `shifts[s]` are entries `starts[s] ..< starts[s + 1]` of the two lists below.
    let starts: [Int]
    /// Index, among the origins, of each pair's reference; increasing within a shift.
    let references: [Int]
    /// Index, among the origins, of each pair's candidate.
    let candidates: [Int]

    /// Lists every pair of `origins` (increasing) whose shift lies in `allowed`.
    init(origins: [Int], allowed: ClosedRange<Int>) {
        var buckets = [[(reference: Int, candidate: Int)]](repeating: [], count: allowed.count)
        // Origins increase, so the first candidate in reach only moves forward as the reference does.
        var first = 0
        for reference in origins.indices {
            while first < origins.count && origins[first] - origins[reference] < allowed.lowerBound { first += 1 }
            var candidate = first
            while candidate < origins.count && origins[candidate] - origins[reference] <= allowed.upperBound {
                buckets[origins[candidate] - origins[reference] - allowed.lowerBound].append((reference, candidate))
                candidate += 1
            }
        }
        var shifts: [Int] = [], starts = [0], references: [Int] = [], candidates: [Int] = []
        for (offset, bucket) in buckets.enumerated() where !bucket.isEmpty {
            shifts.append(allowed.lowerBound + offset)
            references.append(contentsOf: bucket.map(\.reference))
            candidates.append(contentsOf: bucket.map(\.candidate))
            starts.append(references.count)
        }
        self.shifts = shifts
        self.starts = starts
        self.references = references
        self.candidates = candidates
    }

    /// The entries holding the pairs of `shifts[index]` whose reference lies in `referenceRange`.
    func pairs(ofShift index: Int, referencesIn referenceRange: Range<Int>) -> Range<Int> {
        firstEntry(ofShift: index, referenceAtLeast: referenceRange.lowerBound)
            ..< firstEntry(ofShift: index, referenceAtLeast: referenceRange.upperBound)
    }

    /// The first entry of shift `index` whose reference is at least `bound`, by bisection since
    /// references increase within a shift.
    private func firstEntry(ofShift index: Int, referenceAtLeast bound: Int) -> Int {
        var low = starts[index], high = starts[index + 1]
        while low < high {
            let middle = (low + high) / 2
            if references[middle] < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
