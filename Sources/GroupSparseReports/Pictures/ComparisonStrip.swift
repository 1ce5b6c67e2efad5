import GroupSparse

/// Images of equal size side by side, each with a caption of one or more centred lines under it,
/// on a white background.
///
/// Captions use the built-in bitmap font at scale 2 when every line fits the width of a panel,
/// and at scale 1 otherwise.
public struct ComparisonStrip: Sendable, Equatable {
    /// One image and its caption.
    public struct Panel: Sendable, Equatable {
        /// A grey or RGB image.
        public var image: Image
        /// Lines under the image, top first.
        public var caption: [String]

        /// Creates a panel.
        public init(image: Image, caption: [String]) {
            precondition(image.channels == 1 || image.channels == 3, "panels are grey or RGB images")
            self.image = image
            self.caption = caption
        }
    }

    /// The panels, left to right.
    public var panels: [Panel]
    /// White space around the strip and between panels, in pixels.
    public var spacing = 6

    /// Creates a strip.
    ///
    /// - Precondition: at least one panel, and all panels have the same size.
    public init(panels: [Panel]) {
        precondition(!panels.isEmpty, "a strip needs at least one panel")
        precondition(panels.allSatisfy { $0.image.width == panels[0].image.width && $0.image.height == panels[0].image.height },
                     "the panels of a strip must have the same size")
        self.panels = panels
    }

    /// The font scale of the captions.
    public var captionScale: Int {
        let widest = panels.flatMap(\.caption).map { RasterCanvas.textWidth($0, scale: 2) }.max() ?? 0
        return widest <= panels[0].image.width ? 2 : 1
    }

    /// Height of one caption line, including the space above it.
    private var lineHeight: Int { (BitmapFont.cellHeight + 3) * captionScale }

    /// The top-left pixel of panel `index`'s image.
    public func origin(ofPanel index: Int) -> (x: Int, y: Int) {
        (spacing + index * (panels[0].image.width + spacing), spacing)
    }

    /// The strip as an RGB picture.
    public func picture() -> RasterCanvas {
        let panelWidth = panels[0].image.width, panelHeight = panels[0].image.height
        let lines = panels.map(\.caption.count).max() ?? 0
        let width = spacing + panels.count * (panelWidth + spacing)
        let height = spacing + panelHeight + lines * lineHeight + spacing
        var canvas = RasterCanvas(width: width, height: height)
        let scale = captionScale
        for (index, panel) in panels.enumerated() {
            let (left, top) = origin(ofPanel: index)
            canvas.draw(panel.image, x: left, y: top)
            for (line, text) in panel.caption.enumerated() {
                let baseline = top + panelHeight + (line + 1) * lineHeight - BitmapFont.descentRows * scale
                let textLeft = left + (panelWidth - RasterCanvas.textWidth(text, scale: scale)) / 2
                canvas.write(text, x: textLeft, y: baseline, scale: scale, colour: .black)
            }
        }
        return canvas
    }
}
