/// Overlapping tiles that cover an image: the cores partition the image, and each tile is its core
/// extended by a margin on every side (clipped at the image's edges).
///
/// A model that looks beyond a patch (block matching, group shrinkage) is run on each tile, and only
/// the core of its result is kept; the margin gives the pixels near the core the context they would
/// have in the whole image. An axis no longer than `span` is not split, so an image that fits in one
/// tile is processed whole.
struct TileLayout: Equatable {
    /// One tile: the rows and columns it covers and the part of them whose result is kept.
    struct Tile: Equatable {
        var rows: Range<Int>
        var columns: Range<Int>
        var coreRows: Range<Int>
        var coreColumns: Range<Int>
    }

    /// The tiles, row of tiles after row of tiles.
    let tiles: [Tile]

    /// Tiles of at most `span` pixels along each axis, cores of at most `span - 2 * margin`, of
    /// near-equal size along each axis.
    ///
    /// - Precondition: `span > 2 * margin` and `margin >= 0`.
    init(width: Int, height: Int, span: Int, margin: Int) {
        precondition(margin >= 0 && span > 2 * margin, "the tile span must leave room for a core")
        let rows = TileLayout.split(extent: height, span: span, margin: margin)
        let columns = TileLayout.split(extent: width, span: span, margin: margin)
        tiles = rows.flatMap { row in
            columns.map { column in
                Tile(rows: row.tile, columns: column.tile, coreRows: row.core, coreColumns: column.core)
            }
        }
    }

    /// The cores and tiles of one axis.
    static func split(extent: Int, span: Int, margin: Int) -> [(core: Range<Int>, tile: Range<Int>)] {
        guard extent > span else { return [(0..<extent, 0..<extent)] }
        let coreLimit = span - 2 * margin
        let count = (extent + coreLimit - 1) / coreLimit
        return (0..<count).map { index in
            let start = index * extent / count, end = (index + 1) * extent / count
            return (start..<end, max(0, start - margin)..<min(extent, end + margin))
        }
    }
}
