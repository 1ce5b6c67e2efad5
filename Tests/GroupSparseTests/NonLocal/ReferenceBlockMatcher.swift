@testable import GroupSparse

/// Block matching by comparing patch vectors pair by pair, the definition the fast matcher must meet.
///
/// Each distance adds the same terms in the same order as the fast matcher's window sums (channels,
/// then patch rows, then patch columns, in `Double`), so the two agree bit for bit.
struct ReferenceBlockMatcher {
    let neighbourCount: Int
    let searchRadius: Int

    func match(_ image: Image, grid: PatchGrid) -> NeighbourTable {
        let lumaGrid = PatchGrid(width: grid.width, height: grid.height, channels: image.channels,
                                 patchSize: grid.patchSize, stride: grid.stride)
        let patches = lumaGrid.patchMatrix(of: image)
        var indices: [Int32] = [], distances: [Float] = []
        for patch in 0..<grid.patchCount {
            let origin = grid.origin(ofPatch: patch)
            var candidates: [(distance: Float, index: Int)] = []
            for (row, top) in grid.rowOrigins.enumerated() where abs(top - origin.row) <= searchRadius {
                for (column, left) in grid.columnOrigins.enumerated() where abs(left - origin.column) <= searchRadius {
                    let other = row * grid.columnOrigins.count + column
                    if other != patch { candidates.append((distance(patches, patch, other, grid: lumaGrid), other)) }
                }
            }
            candidates.sort { $0.distance < $1.distance || ($0.distance == $1.distance && $0.index < $1.index) }
            var row = [(distance: Float(0), index: patch)] + candidates.prefix(neighbourCount - 1)
            while row.count < neighbourCount { row.append((0, patch)) }
            indices += row.map { Int32($0.index) }
            distances += row.map(\.distance)
        }
        return NeighbourTable(neighbourCount: neighbourCount, indices: indices, squaredDistances: distances)
    }

    private func distance(_ patches: Matrix, _ first: Int, _ second: Int, grid: PatchGrid) -> Float {
        let k = grid.patchSize
        var total = 0.0
        for column in 0..<k {
            var columnSum = 0.0
            for row in 0..<k {
                var pixelSum = 0.0
                for channel in 0..<grid.channels {
                    let sample = (channel * k + row) * k + column
                    let difference = Double(patches.values[first * patches.columns + sample])
                        - Double(patches.values[second * patches.columns + sample])
                    pixelSum += difference * difference
                }
                columnSum += pixelSum
            }
            total += columnSum
        }
        return Float(total)
    }
}
