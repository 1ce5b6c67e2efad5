import GroupSparse

/// The atoms of a learned matrix (one atom per column, as ``SparseCoderWeights`` stores them)
/// shown as a grid of square tiles, each atom reshaped to its patch.
///
/// The grid is as close to square as possible: `columns = ceil(sqrt(p))` tiles across and as many
/// rows as the atoms need, atom `a` at row `a / columns`, column `a % columns`. Every tile is
/// `patchSize * scale` pixels wide, and tiles are separated from each other and from the border
/// by `separator` pixels of white. Each atom is contrast-normalised on its own: 0 is mid-grey and
/// the atom's largest magnitude reaches black or white, so the sign of every coefficient shows.
public struct AtomMosaic: Sendable, Equatable {
    /// The side of a patch in samples.
    public let patchSize: Int
    /// Samples per patch position: 1 (grey) or 3 (RGB).
    public let channels: Int
    /// Number of atoms.
    public let atomCount: Int
    /// Pixels per patch sample along each axis.
    public let scale: Int
    /// Width of the white lines between and around tiles.
    public let separator: Int
    /// Tiles across.
    public let columns: Int
    /// Tiles down.
    public let rows: Int

    /// Creates the layout for `atomCount` atoms of `patchSize x patchSize x channels` samples.
    ///
    /// - Throws: ``ReportError/unsupportedChannelCount(_:)`` unless `channels` is 1 or 3.
    public init(atomCount: Int, patchSize: Int, channels: Int, scale: Int = 1, separator: Int = 1) throws {
        precondition(atomCount > 0 && patchSize > 0 && scale > 0 && separator >= 0, "invalid mosaic layout")
        guard channels == 1 || channels == 3 else { throw ReportError.unsupportedChannelCount(channels) }
        self.atomCount = atomCount
        self.patchSize = patchSize
        self.channels = channels
        self.scale = scale
        self.separator = separator
        var across = Int(Double(atomCount).squareRoot().rounded(.down))
        if across * across < atomCount { across += 1 }
        columns = across
        rows = (atomCount + across - 1) / across
    }

    /// The side of one tile in pixels.
    public var tileSize: Int { patchSize * scale }
    /// Width of the picture.
    public var width: Int { columns * tileSize + (columns + 1) * separator }
    /// Height of the picture.
    public var height: Int { rows * tileSize + (rows + 1) * separator }

    /// The top-left pixel of atom `atom`'s tile.
    public func origin(ofAtom atom: Int) -> (x: Int, y: Int) {
        precondition(atom >= 0 && atom < atomCount, "atom out of range")
        return (separator + (atom % columns) * (tileSize + separator), separator + (atom / columns) * (tileSize + separator))
    }

    /// The picture of `matrix`, whose columns are the atoms.
    ///
    /// - Precondition: `matrix` is `(patchSize^2 * channels) x atomCount`.
    public func picture(of matrix: Matrix) -> Image {
        let patchLength = patchSize * patchSize * channels
        precondition(matrix.rows == patchLength && matrix.columns == atomCount, "the matrix does not match the layout")
        var pixels = [Float](repeating: 1, count: channels * width * height)
        var atom = [Float](repeating: 0, count: patchLength)
        for index in 0..<atomCount {
            for sample in 0..<patchLength { atom[sample] = matrix[sample, index] }
            let largest = atom.reduce(Float(0)) { max($0, abs($1)) }
            let gain: Float = largest > 0 ? 0.5 / largest : 0
            let (left, top) = origin(ofAtom: index)
            for channel in 0..<channels {
                for y in 0..<tileSize {
                    let patchRow = y / scale
                    let target = (channel * height + top + y) * width + left
                    for x in 0..<tileSize {
                        let sample = (channel * patchSize + patchRow) * patchSize + x / scale
                        pixels[target + x] = 0.5 + gain * atom[sample]
                    }
                }
            }
        }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }
}
