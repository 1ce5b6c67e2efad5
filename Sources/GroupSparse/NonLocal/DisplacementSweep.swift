/// The distance computation of block matching: for each displacement, box sums of squared
/// differences between the image and its shifted copy, offered to the patches they concern.
///
/// A worker is given a band of rows of origins and owns the selections of the patches in it. It
/// sweeps the displacements of the upper half-plane, and for each computes the distances of the pairs
/// with at least one patch in its band, offering each distance to whichever of the two patches it
/// owns. Pairs that straddle two bands are therefore computed by both, but each patch still receives
/// every candidate exactly once.
///
/// The reference patches are visited tile by tile, every displacement for one tile before the next.
/// An insertion touches a patch's row of the table, and sweeping the whole band per displacement
/// would bring each row back from far down the memory hierarchy hundreds of times; a tile and the
/// patches within the search radius of it fit in a core's cache. The price is recomputing the
/// squared differences and column sums along the tile borders, about (k - 1) / tileSide of the work.
///
/// The samples are borrowed and only read, so workers may share one sweep; hence `@unchecked Sendable`.
struct DisplacementSweep: @unchecked Sendable {
    /// Side of a patch, `k`.
    let patchSize: Int
    /// Image width.
    let width: Int
    /// Image height.
    let height: Int
    /// Channels of the matched image.
    let channels: Int
    /// The image as `Double`, plane after plane, each plane row after row.
    let samples: UnsafePointer<Double>
    /// Top rows of the grid's patches.
    let rowOrigins: [Int]
    /// Left columns of the grid's patches.
    let columnOrigins: [Int]
    /// Pairs of rows of origins at vertical shifts `0 ... R`.
    let rowPairs: OriginPairs
    /// Pairs of columns of origins at horizontal shifts `-R ... R`.
    let columnPairs: OriginPairs
    /// The displacements to sweep, as indices into the shifts of `rowPairs` and `columnPairs`.
    let displacements: [(row: Int, column: Int)]

    /// Prepares the sweep of `grid`'s patches of an image with `channels` channels, held as `Double`
    /// in `samples`, over displacements up to `radius` along each axis.
    init(grid: PatchGrid, channels: Int, samples: UnsafePointer<Double>, radius: Int) {
        patchSize = grid.patchSize
        width = grid.width
        height = grid.height
        self.channels = channels
        self.samples = samples
        rowOrigins = grid.rowOrigins
        columnOrigins = grid.columnOrigins
        let rowPairs = OriginPairs(origins: grid.rowOrigins, allowed: 0...radius)
        let columnPairs = OriginPairs(origins: grid.columnOrigins, allowed: -radius...radius)
        var displacements: [(row: Int, column: Int)] = []
        for row in rowPairs.shifts.indices {
            for column in columnPairs.shifts.indices {
                let dy = rowPairs.shifts[row], dx = columnPairs.shifts[column]
                // The lower half-plane is covered by symmetry, and (0, 0) pairs each patch with itself.
                if dy > 0 || dx > 0 { displacements.append((row, column)) }
            }
        }
        // Similar patches tend to lie close together, so visiting short displacements first tightens
        // every patch's admission bound early and spares most later candidates an insertion. The
        // result does not depend on this order.
        func key(_ displacement: (row: Int, column: Int)) -> (Int, Int, Int) {
            let dy = rowPairs.shifts[displacement.row], dx = columnPairs.shifts[displacement.column]
            return (dy * dy + dx * dx, dy, dx)
        }
        displacements.sort { key($0) < key($1) }
        self.rowPairs = rowPairs
        self.columnPairs = columnPairs
        self.displacements = displacements
    }

    // At stride 1, a tile of 16 x 64 reference patches and the candidates within radius 15 of it
    // hold about 2 900 working rows, some 400 KB for groups of 16: well inside a core's L2 cache, and
    // wide enough that the recomputed borders cost little.

    /// Rows of origins per tile.
    static let tileRows = 16
    /// Columns of origins per tile.
    static let tileColumns = 64

    /// Sweeps every displacement for the patches of rows of origins `band`.
    func run(band: Range<Int>, selection: NeighbourSelection) {
        guard !band.isEmpty else { return }
        let scratch = SweepScratch(patchSize: patchSize, width: width, columnCount: columnOrigins.count)
        defer { scratch.deallocate() }
        // Reference rows above the band still pair with candidates in it when within the radius.
        let radius = rowPairs.shifts.last ?? 0
        let firstRow = rowOrigins.firstIndex { $0 >= rowOrigins[band.lowerBound] - radius }!
        for tileTop in stride(from: firstRow, to: band.upperBound, by: DisplacementSweep.tileRows) {
            let tileRows = tileTop..<min(tileTop + DisplacementSweep.tileRows, band.upperBound)
            for tileLeft in stride(from: 0, to: columnOrigins.count, by: DisplacementSweep.tileColumns) {
                let tileColumns = tileLeft..<min(tileLeft + DisplacementSweep.tileColumns, columnOrigins.count)
                for displacement in displacements {
                    let rows = rowPairs.pairs(ofShift: displacement.row, referencesIn: tileRows)
                    let columns = columnPairs.pairs(ofShift: displacement.column, referencesIn: tileColumns)
                    if rows.isEmpty || columns.isEmpty { continue }
                    sweep(dy: rowPairs.shifts[displacement.row], dx: columnPairs.shifts[displacement.column],
                          rows: rows, columns: columns, band: band, scratch: scratch, selection: selection)
                }
            }
        }
    }

    /// Computes and offers the distances of one displacement.
    private func sweep(
        dy: Int, dx: Int, rows: Range<Int>, columns: Range<Int>, band: Range<Int>,
        scratch: SweepScratch, selection: NeighbourSelection
    ) {
        let k = patchSize
        let columnCount = columnOrigins.count
        let pairCount = columns.count
        // Reference origins increase within a shift, so the needed columns form one span.
        let spanStart = columnOrigins[columnPairs.references[columns.lowerBound]]
        let boxCount = columnOrigins[columnPairs.references[columns.upperBound - 1]] - spanStart + 1
        let sampleCount = boxCount + k - 1
        for (pair, entry) in columns.enumerated() {
            let reference = columnPairs.references[entry]
            scratch.pairReferences[pair] = reference
            scratch.pairCandidates[pair] = columnPairs.candidates[entry]
            scratch.pairOffsets[pair] = columnOrigins[reference] - spanStart
        }
        for slot in 0..<k { scratch.ringRows[slot] = -1 }

        for entry in rows {
            let referenceRow = rowPairs.references[entry]
            let candidateRow = rowPairs.candidates[entry]
            let ownsReference = band.contains(referenceRow)
            let ownsCandidate = band.contains(candidateRow)
            guard ownsReference || ownsCandidate else { continue }
            let top = rowOrigins[referenceRow]
            for t in 0..<k {
                let y = top + t
                let slot = y % k
                let differences = scratch.ring + slot * width
                if scratch.ringRows[slot] != y {
                    squaredDifferences(row: y, dy: dy, dx: dx, start: spanStart, count: sampleCount,
                                       into: differences)
                    scratch.ringRows[slot] = y
                }
                scratch.windowRows[t] = UnsafePointer(differences)
            }
            sumWindowRows(scratch.windowRows, rowCount: k, count: sampleCount, into: scratch.columnSums)
            sumAlongRow(scratch.columnSums, length: k, count: boxCount, into: scratch.boxSums)

            let referenceBase = referenceRow * columnCount
            let candidateBase = candidateRow * columnCount
            if pairCount == boxCount {
                // Consecutive origins (stride 1): reference, candidate and box sum advance together.
                let first = scratch.pairReferences[0]
                offerConsecutive(
                    count: pairCount, references: referenceBase + first,
                    candidates: candidateBase + scratch.pairCandidates[0],
                    toReferences: ownsReference, toCandidates: ownsCandidate, scratch: scratch, selection: selection)
            } else {
                offerListed(
                    count: pairCount, referenceBase: referenceBase, candidateBase: candidateBase,
                    toReferences: ownsReference, toCandidates: ownsCandidate, scratch: scratch, selection: selection)
            }
        }
    }

    /// Writes, for columns `start ..< start + count` of row `row`, the squared difference between the
    /// image and the image displaced by (`dy`, `dx`), summed over channels in channel order.
    private func squaredDifferences(
        row: Int, dy: Int, dx: Int, start: Int, count: Int, into output: UnsafeMutablePointer<Double>
    ) {
        for channel in 0..<channels {
            let reference = samples + (channel * height + row) * width + start
            let candidate = samples + (channel * height + row + dy) * width + start + dx
            if channel == 0 {
                for x in 0..<count {
                    let difference = reference[x] - candidate[x]
                    output[x] = difference * difference
                }
            } else {
                for x in 0..<count {
                    let difference = reference[x] - candidate[x]
                    output[x] += difference * difference
                }
            }
        }
    }
}
