/// The outline of a data marker as a signed distance: positive inside, zero on the outline,
/// negative outside, in pixels (exact for circles, squares and diamonds; for the triangle, the
/// distance to the nearest edge line).
///
/// The raster renderer fills a marker where the distance is at least 0 and strokes a hollow one
/// where it lies within half the stroke width of 0, which is the band an SVG stroke covers.
/// ``vertices(of:size:)`` gives the SVG polygon of the same outline.
enum MarkerGeometry {
    /// The stroke width of a hollow marker at scale 1.
    static let strokeWidth = 2.0

    /// Signed distance from the outline of `shape`, `size` pixels across, for a point at offset
    /// (`dx`, `dy`) from its centre.
    static func distance(_ shape: Figure.MarkerShape, size: Double, dx: Double, dy: Double) -> Double {
        let half = size / 2
        switch shape {
        case .circle:
            return half - (dx * dx + dy * dy).squareRoot()
        case .square:
            return half - max(abs(dx), abs(dy))
        case .diamond:
            return (diamondHalfDiagonal(size) - abs(dx) - abs(dy)) / 2.0.squareRoot()
        case .triangle:
            let corners = triangleCorners(size)
            var nearest = Double.infinity
            for index in 0..<3 {
                let a = corners[index], b = corners[(index + 1) % 3]
                let ex = b.x - a.x, ey = b.y - a.y, length = (ex * ex + ey * ey).squareRoot()
                // Corners run clockwise on screen (y down), so this cross product is positive inside.
                nearest = min(nearest, ((dy - a.y) * ex - (dx - a.x) * ey) / length)
            }
            return nearest
        }
    }

    /// Whether a point at offset (`dx`, `dy`) is painted for the marker.
    static func covers(
        _ shape: Figure.MarkerShape, size: Double, filled: Bool, strokeHalfWidth: Double, dx: Double, dy: Double
    ) -> Bool {
        let d = distance(shape, size: size, dx: dx, dy: dy)
        return filled ? d >= 0 : abs(d) <= strokeHalfWidth
    }

    /// The corners of a polygonal marker relative to its centre, or `nil` for the circle.
    static func vertices(of shape: Figure.MarkerShape, size: Double) -> [Figure.Point]? {
        let half = size / 2
        switch shape {
        case .circle:
            return nil
        case .square:
            return [.init(x: -half, y: -half), .init(x: half, y: -half), .init(x: half, y: half), .init(x: -half, y: half)]
        case .diamond:
            let h = diamondHalfDiagonal(size)
            return [.init(x: 0, y: -h), .init(x: h, y: 0), .init(x: 0, y: h), .init(x: -h, y: 0)]
        case .triangle:
            return triangleCorners(size)
        }
    }

    /// A diamond reaches further than a square of the same size so that both look as large.
    private static func diamondHalfDiagonal(_ size: Double) -> Double { size * 0.65 }

    /// An equilateral triangle, apex up, inscribed in a circle slightly larger than the marker
    /// size so that its area is close to that of the circle marker.
    private static func triangleCorners(_ size: Double) -> [Figure.Point] {
        let radius = size * 0.62
        return [
            .init(x: 0, y: -radius),
            .init(x: radius * 0.866, y: radius / 2),
            .init(x: -radius * 0.866, y: radius / 2),
        ]
    }
}
