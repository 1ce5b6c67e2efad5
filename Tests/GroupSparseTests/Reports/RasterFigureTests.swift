import XCTest
@testable import GroupSparseReports

final class RasterFigureTests: XCTestCase {
    private let red = Colour(hex: 0xFF0000)

    func testRectangleCoversThePixelsWhoseCentresLieInside() {
        var figure = Figure(width: 10, height: 8)
        figure.add(.rectangle(x: 2, y: 3, width: 4, height: 2, colour: red))
        let canvas = figure.raster()
        for y in 0..<8 {
            for x in 0..<10 {
                let inside = (2..<6).contains(x) && (3..<5).contains(y)
                XCTAssertEqual(canvas.colour(x: x, y: y), inside ? red : .white, "pixel \(x), \(y)")
            }
        }
        // A rectangle from 2.6 reaches the pixel centred on 3.5 but not the one centred on 2.5.
        var shifted = Figure(width: 10, height: 8)
        shifted.add(.rectangle(x: 2.6, y: 0, width: 1, height: 1, colour: red))
        XCTAssertEqual(shifted.raster().colour(x: 2, y: 0), .white)
        XCTAssertEqual(shifted.raster().colour(x: 3, y: 0), red)
    }

    func testFilledAndHollowCirclesFollowTheirRadius() {
        var figure = Figure(width: 30, height: 30)
        figure.add(.marker(.circle, at: .init(x: 10.5, y: 10.5), size: 8, colour: red, filled: true))
        figure.add(.marker(.circle, at: .init(x: 20.5, y: 20.5), size: 8, colour: red, filled: false))
        let canvas = figure.raster()
        XCTAssertEqual(canvas.colour(x: 10, y: 10), red)
        XCTAssertEqual(canvas.colour(x: 13, y: 10), red, "3 pixels from the centre, inside the radius of 4")
        XCTAssertEqual(canvas.colour(x: 15, y: 10), .white, "5 pixels from the centre")
        XCTAssertEqual(canvas.colour(x: 20, y: 20), .white, "a hollow marker leaves its centre empty")
        XCTAssertEqual(canvas.colour(x: 24, y: 20), red, "on the outline")
    }

    func testPolygonMarkersMatchTheirOutlines() {
        for shape in Figure.MarkerShape.allCases {
            XCTAssertGreaterThan(MarkerGeometry.distance(shape, size: 10, dx: 0, dy: 0), 0, "\(shape) centre")
            XCTAssertLessThan(MarkerGeometry.distance(shape, size: 10, dx: 9, dy: 9), 0, "\(shape) far corner")
            guard let corners = MarkerGeometry.vertices(of: shape, size: 10) else { continue }
            for corner in corners {
                XCTAssertEqual(MarkerGeometry.distance(shape, size: 10, dx: corner.x, dy: corner.y), 0, accuracy: 1e-9,
                               "\(shape) corner \(corner)")
            }
        }
        XCTAssertEqual(MarkerGeometry.distance(.square, size: 10, dx: 3, dy: -1), 2)
        XCTAssertEqual(MarkerGeometry.distance(.circle, size: 10, dx: 3, dy: 4), 0, accuracy: 1e-12)
    }

    func testScaleMultipliesPositionsAndSizes() {
        var figure = Figure(width: 20, height: 20)
        figure.add(.marker(.square, at: .init(x: 5, y: 5), size: 4, colour: red, filled: true))
        let canvas = figure.raster(scale: 2)
        XCTAssertEqual([canvas.width, canvas.height], [40, 40])
        // The square covers 3..<7 at scale 1, so 6..<14 at scale 2.
        XCTAssertEqual(canvas.colour(x: 6, y: 6), red)
        XCTAssertEqual(canvas.colour(x: 13, y: 13), red)
        XCTAssertEqual(canvas.colour(x: 14, y: 10), .white)
        XCTAssertEqual(canvas.colour(x: 5, y: 10), .white)
    }

    func testDashedLinesAlternateDashesAndGaps() {
        var figure = Figure(width: 40, height: 5)
        figure.add(.line(from: .init(x: 0, y: 2.5), to: .init(x: 40, y: 2.5), colour: red, width: 1, dash: 5))
        let canvas = figure.raster()
        let painted = (0..<40).map { canvas.colour(x: $0, y: 2) == red }
        XCTAssertEqual(painted, (0..<40).map { ($0 / 5) % 2 == 0 })
        XCTAssertEqual(canvas.colour(x: 0, y: 1), .white, "one pixel wide")
    }

    func testTextIsDrawnFromItsBaselineWithTheBitmapFont() {
        var canvas = RasterCanvas(width: 20, height: 12)
        canvas.write("T", x: 2, y: 9, scale: 1, colour: .black)
        // T: a full top bar on the first of seven rows above the baseline, then the stem in the middle column.
        XCTAssertEqual((2..<7).map { canvas.colour(x: $0, y: 2) }, Array(repeating: .black, count: 5))
        XCTAssertEqual((3..<9).map { canvas.colour(x: 4, y: $0) }, Array(repeating: .black, count: 6))
        XCTAssertEqual(canvas.colour(x: 3, y: 5), .white)
        XCTAssertEqual(canvas.colour(x: 4, y: 9), .white, "nothing on the baseline row")
        XCTAssertEqual(RasterCanvas.textWidth("T", scale: 1), 5)
        XCTAssertEqual(RasterCanvas.textWidth("SC 29.20", scale: 2), (8 * 6 - 1) * 2)
    }

    func testEveryPrintableASCIICharacterHasItsOwnGlyph() {
        let unknown = BitmapFont.rows(for: "\u{2603}")
        for code in 32...126 {
            let character = Character(UnicodeScalar(UInt8(code)))
            let rows = BitmapFont.rows(for: character)
            XCTAssertEqual(rows.count, BitmapFont.cellHeight)
            XCTAssertTrue(rows.allSatisfy { $0 < 32 }, "\(character) is wider than 5 pixels")
            if character != "?" { XCTAssertNotEqual(rows, unknown, "\(character) falls back to ?") }
        }
        XCTAssertNotEqual(BitmapFont.rows(for: "O"), BitmapFont.rows(for: "0"))
        XCTAssertNotEqual(BitmapFont.rows(for: "l"), BitmapFont.rows(for: "1"))
    }

    func testCompactImageIsGreyOnlyWhenEveryPixelIs() {
        var canvas = RasterCanvas(width: 3, height: 2, background: Colour(grey: 0.25))
        XCTAssertEqual(canvas.compactImage.channels, 1)
        XCTAssertEqual(canvas.compactImage.pixels, Array(repeating: 0.25, count: 6))
        canvas.set(x: 1, y: 1, to: red)
        XCTAssertEqual(canvas.compactImage.channels, 3)
        XCTAssertEqual(canvas.image[0, 1, 1], 1)
        XCTAssertEqual(canvas.image[1, 1, 1], 0)
    }
}
