extension Figure {
    /// The figure painted onto a canvas `scale` times its size in each direction.
    ///
    /// Every coordinate, size and stroke width is multiplied by `scale`. Text uses the built-in
    /// bitmap font at the integer scale whose capitals come closest to the scaled capital height,
    /// so sizes that are multiples of 7 / `scale` match the SVG exactly.
    public func raster(scale: Int = 1) -> RasterCanvas {
        precondition(scale >= 1, "the raster scale must be at least 1")
        let factor = Double(scale)
        var canvas = RasterCanvas(width: width * scale, height: height * scale, background: background)
        for shape in shapes {
            switch shape {
            case let .rectangle(x, y, width, height, colour):
                canvas.fillRectangle(x: x * factor, y: y * factor, width: width * factor, height: height * factor,
                                     with: colour)
            case let .line(from, to, colour, width, dash):
                Self.paintLine(from: from, to: to, width: width * factor, dash: dash.map { $0 * factor },
                               scale: factor, colour: colour, on: &canvas)
            case let .marker(shape, at, size, colour, filled):
                let centre = Point(x: at.x * factor, y: at.y * factor), scaledSize = size * factor
                canvas.paint(around: centre, radius: scaledSize, colour: colour) { dx, dy in
                    MarkerGeometry.covers(shape, size: scaledSize, filled: filled, strokeHalfWidth: MarkerGeometry.strokeWidth / 2 * factor, dx: dx, dy: dy)
                }
            case let .text(text, at, anchor, size, colour):
                let fontScale = Self.fontScale(capitalHeight: size * factor)
                let width = RasterCanvas.textWidth(text, scale: fontScale)
                let left: Double
                switch anchor {
                case .start: left = at.x * factor
                case .middle: left = at.x * factor - Double(width) / 2
                case .end: left = at.x * factor - Double(width)
                }
                canvas.write(text, x: Int(left.rounded()), y: Int((at.y * factor).rounded()), scale: fontScale, colour: colour)
            }
        }
        return canvas
    }

    /// The bitmap-font scale whose capital letters come closest to `capitalHeight` pixels.
    static func fontScale(capitalHeight: Double) -> Int {
        max(1, Int((capitalHeight / Double(BitmapFont.capitalHeight)).rounded()))
    }

    /// Paints a horizontal or vertical segment as rectangles, broken into dashes when asked.
    private static func paintLine(
        from: Point, to: Point, width: Double, dash: Double?, scale: Double, colour: Colour, on canvas: inout RasterCanvas
    ) {
        precondition(from.x == to.x || from.y == to.y, "figures draw only horizontal and vertical lines")
        precondition(dash.map { $0 > 0 } ?? true, "dashes must have a positive length")
        let horizontal = from.y == to.y
        let start = (horizontal ? min(from.x, to.x) : min(from.y, to.y)) * scale
        let end = (horizontal ? max(from.x, to.x) : max(from.y, to.y)) * scale
        let across = (horizontal ? from.y : from.x) * scale - width / 2
        let step = dash ?? (end - start)
        var position = start
        while position < end {
            let length = min(step, end - position)
            if horizontal {
                canvas.fillRectangle(x: position, y: across, width: length, height: width, with: colour)
            } else {
                canvas.fillRectangle(x: across, y: position, width: width, height: length, with: colour)
            }
            position += dash.map { 2 * $0 } ?? length
        }
    }
}
