import XCTest
@testable import GroupSparseReports

final class SVGFigureTests: XCTestCase {
    func testEveryShapeBecomesOneElementAtTheSameCoordinates() {
        var figure = Figure(width: 100, height: 50)
        figure.add(.rectangle(x: 1, y: 2, width: 3, height: 4, colour: Colour(hex: 0x102030)))
        figure.add(.line(from: .init(x: 0, y: 10.25), to: .init(x: 50, y: 10.25), colour: .black, width: 1.5, dash: 5))
        figure.add(.marker(.circle, at: .init(x: 20, y: 30.126), size: 8, colour: Colour(hex: 0xD55E00), filled: true))
        figure.add(.marker(.square, at: .init(x: 40, y: 30), size: 8, colour: .black, filled: false))
        figure.add(.text("a < b & \"c\"", at: .init(x: 5, y: 45), anchor: .middle, size: 7.2, colour: .black))
        let lines = figure.svg().split(separator: "\n").map(String.init)

        XCTAssertEqual(lines.first, #"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50">"#)
        XCTAssertEqual(lines.last, "</svg>")
        XCTAssertEqual(lines.count, 2 + 1 + figure.shapes.count)
        XCTAssertEqual(lines[2], ##"<rect x="1" y="2" width="3" height="4" fill="#102030"/>"##)
        XCTAssertEqual(lines[3], ##"<line x1="0" y1="10.25" x2="50" y2="10.25" stroke="#000000" stroke-width="1.5" stroke-dasharray="5 5"/>"##)
        XCTAssertEqual(lines[4], ##"<circle cx="20" cy="30.13" r="4" fill="#d55e00"/>"##)
        XCTAssertEqual(lines[5], ##"<polygon points="36,26 44,26 44,34 36,34" fill="none" stroke="#000000" stroke-width="2"/>"##)
        XCTAssertTrue(lines[6].hasSuffix(##"text-anchor="middle" fill="#000000">a &lt; b &amp; &quot;c&quot;</text>"##), lines[6])
        XCTAssertTrue(lines[6].contains(#"font-size="10""#), "7.2 / 0.72 = 10: \(lines[6])")
    }

    func testDisplayScaleEnlargesThePictureButKeepsTheCoordinates() {
        var figure = Figure(width: 60, height: 40)
        figure.add(.marker(.circle, at: .init(x: 10, y: 10), size: 4, colour: .black, filled: true))
        let svg = figure.svg(scale: 2)
        XCTAssertTrue(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="80" viewBox="0 0 60 40">"#))
        XCTAssertTrue(svg.contains(#"<circle cx="10" cy="10" r="2""#))
    }

    func testNumbersAreShortAndStable() {
        XCTAssertEqual(Figure.number(3), "3")
        XCTAssertEqual(Figure.number(3.10), "3.1")
        XCTAssertEqual(Figure.number(2.004), "2")
        XCTAssertEqual(Figure.number(-0.001), "0")
        XCTAssertEqual(Figure.number(123.456), "123.46")
        XCTAssertEqual(Colour(hex: 0x0A0B0C).svg, "#0a0b0c")
    }
}
