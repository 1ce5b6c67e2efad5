/// PSNR against the number of learned parameters on a log axis, with one panel per test set so
/// that scores measured on different images never share an axis.
///
/// Methods without learned parameters (BM3D) cannot sit on a log axis; they are drawn as dashed
/// horizontal lines at their PSNR across their panel. ``figure()`` lays the plot out as a
/// ``Figure``, which renders to SVG and to a raster image with the same geometry.
public struct ParameterPlot: Sendable, Equatable {
    /// How a point is drawn.
    public struct MarkerStyle: Sendable, Equatable {
        /// The outline.
        public var shape: Figure.MarkerShape
        /// Filled, or drawn as an outline only.
        public var filled: Bool
        /// The colour.
        public var colour: Colour

        /// Creates a style.
        public init(shape: Figure.MarkerShape, filled: Bool, colour: Colour) {
            self.shape = shape
            self.filled = filled
            self.colour = colour
        }
    }

    /// Where a point's label goes relative to its marker.
    public enum LabelPlacement: String, Sendable, Codable, CaseIterable {
        /// To the right, vertically centred.
        case right
        /// To the left, vertically centred.
        case left
        /// Above, horizontally centred.
        case above
        /// Below, horizontally centred.
        case below
    }

    /// One method with a learned parameter count.
    public struct Point: Sendable, Equatable {
        /// The text next to the marker.
        public var label: String
        /// Learned parameters (the x value, positive).
        public var parameters: Double
        /// PSNR in dB (the y value).
        public var psnr: Double
        /// How the marker is drawn.
        public var style: MarkerStyle
        /// Where the label goes.
        public var labelPlacement: LabelPlacement

        /// Creates a point.
        public init(label: String, parameters: Double, psnr: Double, style: MarkerStyle, labelPlacement: LabelPlacement = .right) {
            precondition(parameters > 0, "a point on a log axis needs a positive parameter count")
            self.label = label
            self.parameters = parameters
            self.psnr = psnr
            self.style = style
            self.labelPlacement = labelPlacement
        }
    }

    /// A method without learned parameters, drawn as a dashed line at its PSNR.
    public struct Baseline: Sendable, Equatable {
        /// The text above the line's right end.
        public var label: String
        /// PSNR in dB.
        public var psnr: Double

        /// Creates a baseline.
        public init(label: String, psnr: Double) {
            self.label = label
            self.psnr = psnr
        }
    }

    /// The results of one test set.
    public struct Panel: Sendable, Equatable {
        /// The heading above the panel, which names the test set.
        public var title: String
        /// Methods with learned parameters.
        public var points: [Point]
        /// Methods without.
        public var baselines: [Baseline]

        /// Creates a panel.
        public init(title: String, points: [Point], baselines: [Baseline] = []) {
            self.title = title
            self.points = points
            self.baselines = baselines
        }
    }

    /// One line of the legend.
    public struct LegendEntry: Sendable, Equatable {
        /// What the entry shows: a marker style, or `nil` for the dashed line of a baseline.
        public var style: MarkerStyle?
        /// What it means.
        public var text: String

        /// Creates a legend entry.
        public init(style: MarkerStyle?, text: String) {
            self.style = style
            self.text = text
        }
    }

    /// The heading of the whole plot.
    public var title: String
    /// The panels, left to right.
    public var panels: [Panel]
    /// The legend, below the panels.
    public var legend: [LegendEntry]
    /// Lines of text below the legend.
    public var notes: [String]

    /// Creates a plot.
    public init(title: String, panels: [Panel], legend: [LegendEntry] = [], notes: [String] = []) {
        self.title = title
        self.panels = panels
        self.legend = legend
        self.notes = notes
    }

    /// The colour of baselines (dashed lines).
    public static let baselineColour = Colour(hex: 0x555555)
}
