/// A picture described by simple shapes in pixel coordinates, drawn identically as SVG
/// (``svg()``) and as a raster image (``raster()``).
///
/// The origin is the top-left corner and `y` grows downwards. Both renderers place every shape at
/// the same coordinates, so a raster pixel can be checked against the SVG element it came from.
public struct Figure: Sendable, Equatable {
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// The colour behind every shape.
    public var background: Colour
    /// The shapes, drawn in order, later ones on top.
    public var shapes: [Shape] = []

    /// Creates an empty figure.
    public init(width: Int, height: Int, background: Colour = .white) {
        precondition(width > 0 && height > 0, "a figure needs a positive size")
        self.width = width
        self.height = height
        self.background = background
    }

    /// A point in pixel coordinates.
    public struct Point: Sendable, Equatable {
        /// Horizontal position, from the left edge.
        public var x: Double
        /// Vertical position, from the top edge.
        public var y: Double

        /// Creates a point.
        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// Where a text sits relative to its anchor point.
    public enum TextAnchor: String, Sendable {
        /// The anchor is the left end of the baseline.
        case start
        /// The anchor is the middle of the baseline.
        case middle
        /// The anchor is the right end of the baseline.
        case end
    }

    /// The outline of a data marker.
    public enum MarkerShape: String, Sendable, Codable, CaseIterable {
        /// A disc.
        case circle
        /// An axis-aligned square.
        case square
        /// A triangle standing on its base.
        case triangle
        /// A square turned by 45 degrees.
        case diamond
    }

    /// One element of a figure.
    public enum Shape: Sendable, Equatable {
        /// A filled axis-aligned rectangle covering `x..<x+width`, `y..<y+height`.
        case rectangle(x: Double, y: Double, width: Double, height: Double, colour: Colour)
        /// A horizontal or vertical line segment of the given stroke width; `dash` is the length
        /// of the dashes and of the gaps between them, or `nil` for a solid line.
        case line(from: Point, to: Point, colour: Colour, width: Double, dash: Double?)
        /// A data marker centred on `at`, `size` pixels across; hollow markers are outlines
        /// drawn with a stroke of 2 pixels.
        case marker(MarkerShape, at: Point, size: Double, colour: Colour, filled: Bool)
        /// One line of text whose baseline passes through `at`; `size` is the height of a
        /// capital letter in pixels.
        case text(String, at: Point, anchor: TextAnchor, size: Double, colour: Colour)
    }

    /// Adds a shape on top of the others.
    public mutating func add(_ shape: Shape) {
        shapes.append(shape)
    }
}
