extension DisplacementSweep {
    /// Offers the distances of the column pairs listed in `scratch`, between patches
    /// `referenceBase + pairReferences[m]` and `candidateBase + pairCandidates[m]`, to the sides the
    /// band owns.
    func offerListed(
        count: Int, referenceBase: Int, candidateBase: Int, toReferences: Bool, toCandidates: Bool,
        scratch: SweepScratch, selection: NeighbourSelection
    ) {
        for pair in 0..<count {
            let distance = Float(scratch.boxSums[scratch.pairOffsets[pair]])
            let p = referenceBase + scratch.pairReferences[pair]
            let q = candidateBase + scratch.pairCandidates[pair]
            if toReferences { selection.offer(Int32(truncatingIfNeeded: q), distance: distance, to: p) }
            if toCandidates { selection.offer(Int32(truncatingIfNeeded: p), distance: distance, to: q) }
        }
    }

    /// Offers the distances in `scratch.boxSums[0 ..< count]` between patches `references + m` and
    /// `candidates + m`, to the sides the band owns.
    ///
    /// Most candidates fail their patch's bound, so eight pairs are tested against both bounds at
    /// once and the offers made only for the lanes that pass. A lane that passes may meet a tighter
    /// bound by the time it is offered, which ``NeighbourSelection/offer(_:distance:to:)`` checks
    /// again; a lane that fails would fail later too, since bounds only shrink.
    func offerConsecutive(
        count: Int, references: Int, candidates: Int, toReferences: Bool, toCandidates: Bool,
        scratch: SweepScratch, selection: NeighbourSelection
    ) {
        for m in 0..<count { scratch.boxDistances[m] = Float(scratch.boxSums[m]) }
        let lanes = SIMD8<Int32>(1, 2, 4, 8, 16, 32, 64, 128)
        var m = 0
        while m + 8 <= count {
            let distances = loadEight(scratch.boxDistances + m)
            var referenceLanes: Int32 = 0, candidateLanes: Int32 = 0
            // A band reads only the bounds of patches it owns.
            if toReferences {
                let passes = distances .<= loadEight(selection.bounds + references + m)
                referenceLanes = SIMD8<Int32>.zero.replacing(with: lanes, where: passes).wrappedSum()
            }
            if toCandidates {
                let passes = distances .<= loadEight(selection.bounds + candidates + m)
                candidateLanes = SIMD8<Int32>.zero.replacing(with: lanes, where: passes).wrappedSum()
            }
            while referenceLanes != 0 {
                let lane = m + referenceLanes.trailingZeroBitCount
                selection.offer(Int32(truncatingIfNeeded: candidates + lane), distance: scratch.boxDistances[lane],
                                to: references + lane)
                referenceLanes &= referenceLanes &- 1
            }
            while candidateLanes != 0 {
                let lane = m + candidateLanes.trailingZeroBitCount
                selection.offer(Int32(truncatingIfNeeded: references + lane), distance: scratch.boxDistances[lane],
                                to: candidates + lane)
                candidateLanes &= candidateLanes &- 1
            }
            m += 8
        }
        while m < count {
            let distance = scratch.boxDistances[m]
            if toReferences { selection.offer(Int32(truncatingIfNeeded: candidates + m), distance: distance, to: references + m) }
            if toCandidates { selection.offer(Int32(truncatingIfNeeded: references + m), distance: distance, to: candidates + m) }
            m += 1
        }
    }
}
