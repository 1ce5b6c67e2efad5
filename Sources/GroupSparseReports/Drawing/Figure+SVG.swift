import Foundation

extension Figure {
    /// The figure as a standalone SVG document, one element per shape, in figure units.
    ///
    /// - Parameter scale: The displayed size relative to the figure's units; the shapes keep
    ///   their coordinates and the `viewBox` maps them onto the larger or smaller picture.
    ///
    /// Numbers are written with at most two decimals, so the same figure always gives the same text.
    public func svg(scale: Double = 1) -> String {
        precondition(scale > 0, "the display scale must be positive")
        let size = #"width="\#(Self.number(Double(width) * scale))" height="\#(Self.number(Double(height) * scale))""#
        var lines = [
            #"<svg xmlns="http://www.w3.org/2000/svg" \#(size) viewBox="0 0 \#(width) \#(height)">"#,
            #"<rect x="0" y="0" width="\#(width)" height="\#(height)" fill="\#(background.svg)"/>"#,
        ]
        for shape in shapes {
            lines.append(Self.element(for: shape))
        }
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// SVG font size for a capital height: capitals of common sans-serif faces are about 0.72 em tall.
    static func svgFontSize(capitalHeight: Double) -> Double {
        capitalHeight / 0.72
    }

    private static func element(for shape: Shape) -> String {
        switch shape {
        case let .rectangle(x, y, width, height, colour):
            return #"<rect x="\#(number(x))" y="\#(number(y))" width="\#(number(width))" height="\#(number(height))" fill="\#(colour.svg)"/>"#
        case let .line(from, to, colour, width, dash):
            let dashing = dash.map { #" stroke-dasharray="\#(number($0)) \#(number($0))""# } ?? ""
            return #"<line x1="\#(number(from.x))" y1="\#(number(from.y))" x2="\#(number(to.x))" y2="\#(number(to.y))" stroke="\#(colour.svg)" stroke-width="\#(number(width))"\#(dashing)/>"#
        case let .marker(marker, at, size, colour, filled):
            let paint = filled
                ? #"fill="\#(colour.svg)""#
                : #"fill="none" stroke="\#(colour.svg)" stroke-width="\#(number(MarkerGeometry.strokeWidth))""#
            guard let corners = MarkerGeometry.vertices(of: marker, size: size) else {
                return #"<circle cx="\#(number(at.x))" cy="\#(number(at.y))" r="\#(number(size / 2))" \#(paint)/>"#
            }
            let points = corners.map { "\(number(at.x + $0.x)),\(number(at.y + $0.y))" }.joined(separator: " ")
            return #"<polygon points="\#(points)" \#(paint)/>"#
        case let .text(text, at, anchor, size, colour):
            return #"<text x="\#(number(at.x))" y="\#(number(at.y))" font-family="Helvetica, Arial, sans-serif" font-size="\#(number(svgFontSize(capitalHeight: size)))" text-anchor="\#(anchor.rawValue)" fill="\#(colour.svg)">\#(escaped(text))</text>"#
        }
    }

    /// A coordinate with at most two decimals and no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// `text` with the characters XML reserves replaced by entities.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
