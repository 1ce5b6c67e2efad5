import GroupSparse

/// An RGB pixel grid that shapes, text and images are painted onto, then turned into an ``Image``
/// for the PNG encoder.
///
/// A shape covers a pixel when the pixel's centre, `(column + 0.5, row + 0.5)`, lies inside it;
/// there is no anti-aliasing, so every covered pixel takes the shape's colour exactly.
public struct RasterCanvas: Sendable, Equatable {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Red, green and blue planes, each row after row.
    private var planes: [[Float]]

    /// Creates a canvas filled with `background`.
    public init(width: Int, height: Int, background: Colour = .white) {
        precondition(width > 0 && height > 0, "a canvas needs a positive size")
        self.width = width
        self.height = height
        planes = [background.red, background.green, background.blue].map {
            [Float](repeating: $0, count: width * height)
        }
    }

    /// The colour of the pixel at (`x`, `y`).
    public func colour(x: Int, y: Int) -> Colour {
        let index = y * width + x
        return Colour(red: planes[0][index], green: planes[1][index], blue: planes[2][index])
    }

    /// The canvas as a three-channel image.
    public var image: Image {
        Image(width: width, height: height, channels: 3, pixels: planes[0] + planes[1] + planes[2])
    }

    /// The canvas as a one-channel image when every pixel is grey, otherwise as ``image``; a
    /// grey PNG is a third of the size of the same picture stored as RGB.
    public var compactImage: Image {
        guard planes[0] == planes[1], planes[1] == planes[2] else { return image }
        return Image(width: width, height: height, channels: 1, pixels: planes[0])
    }

    /// Paints one pixel; pixels outside the canvas are ignored.
    public mutating func set(x: Int, y: Int, to colour: Colour) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let index = y * width + x
        planes[0][index] = colour.red
        planes[1][index] = colour.green
        planes[2][index] = colour.blue
    }

    /// Paints the integer block of columns `xs` and rows `ys`, clipped to the canvas.
    public mutating func fill(columns xs: Range<Int>, rows ys: Range<Int>, with colour: Colour) {
        let columns = xs.clamped(to: 0..<width), rows = ys.clamped(to: 0..<height)
        for y in rows {
            for x in columns { set(x: x, y: y, to: colour) }
        }
    }

    /// Paints the pixels whose centres lie in `[x, x + width) x [y, y + height)`.
    public mutating func fillRectangle(x: Double, y: Double, width: Double, height: Double, with colour: Colour) {
        fill(columns: Self.covered(from: x, to: x + width), rows: Self.covered(from: y, to: y + height), with: colour)
    }

    /// Paints the pixels within `radius` of the centre of the box `columns x rows` for which
    /// `inside` holds, given the pixel centre's offset from `centre`.
    mutating func paint(around centre: Figure.Point, radius: Double, colour: Colour,
                        where inside: (_ dx: Double, _ dy: Double) -> Bool) {
        let columns = Self.covered(from: centre.x - radius, to: centre.x + radius + 1)
        let rows = Self.covered(from: centre.y - radius, to: centre.y + radius + 1)
        for y in rows.clamped(to: 0..<height) {
            for x in columns.clamped(to: 0..<width)
            where inside(Double(x) + 0.5 - centre.x, Double(y) + 0.5 - centre.y) {
                set(x: x, y: y, to: colour)
            }
        }
    }

    /// Copies `image` with its top-left corner at (`x`, `y`): one channel is drawn as grey, three
    /// as colour; samples are clipped to [0, 1] and alpha is ignored.
    public mutating func draw(_ image: Image, x: Int, y: Int) {
        precondition(image.channels == 1 || image.channels == 3, "only grey and RGB images can be drawn")
        // A grey image reads its one plane three times.
        let green = image.channels == 1 ? 0 : image.planeSize, blue = 2 * green
        image.pixels.withUnsafeBufferPointer { samples in
            func level(_ index: Int) -> Float { min(max(samples[index], 0), 1) }
            for row in 0..<image.height {
                for column in 0..<image.width {
                    let index = row * image.width + column
                    set(x: x + column, y: y + row,
                        to: Colour(red: level(index), green: level(green + index), blue: level(blue + index)))
                }
            }
        }
    }

    /// Writes `text` with the built-in bitmap font; (`x`, `y`) is the left end of the baseline and
    /// every font pixel becomes a `scale x scale` block.
    public mutating func write(_ text: String, x: Int, y: Int, scale: Int, colour: Colour) {
        precondition(scale >= 1, "the font scale must be at least 1")
        let top = y - BitmapFont.capitalHeight * scale
        for (position, character) in text.enumerated() {
            let left = x + position * BitmapFont.advance * scale
            for (row, bits) in BitmapFont.rows(for: character).enumerated() {
                for column in 0..<BitmapFont.glyphWidth where bits & (1 << (BitmapFont.glyphWidth - 1 - column)) != 0 {
                    let blockX = left + column * scale, blockY = top + row * scale
                    fill(columns: blockX..<blockX + scale, rows: blockY..<blockY + scale, with: colour)
                }
            }
        }
    }

    /// The width in pixels of `text` written at `scale`.
    public static func textWidth(_ text: String, scale: Int) -> Int {
        BitmapFont.width(of: text, scale: scale)
    }

    /// The pixel indices whose centres lie in `[start, end)`.
    static func covered(from start: Double, to end: Double) -> Range<Int> {
        let first = Int((start - 0.5).rounded(.up)), last = Int((end - 0.5).rounded(.up))
        return first..<max(first, last)
    }
}
