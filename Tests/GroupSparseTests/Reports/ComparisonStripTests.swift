import XCTest
import GroupSparse
@testable import GroupSparseReports

final class ComparisonStripTests: XCTestCase {
    private func panel(_ level: Float, size: Int = 40, caption: [String]) -> ComparisonStrip.Panel {
        .init(image: Image(width: size, height: size, repeating: level), caption: caption)
    }

    func testPanelsSitSideBySideWithCaptionsUnderneath() {
        let strip = ComparisonStrip(panels: [panel(0.2, caption: ["clean"]), panel(0.6, caption: ["SC", "29.20"])])
        XCTAssertEqual(strip.captionScale, 1, "'clean' at scale 2 is 58 pixels wide, more than a 40-pixel panel")
        XCTAssertTrue(strip.origin(ofPanel: 0) == (6, 6))
        XCTAssertTrue(strip.origin(ofPanel: 1) == (52, 6))
        let canvas = strip.picture()
        XCTAssertEqual(canvas.width, 6 + 2 * (40 + 6))
        XCTAssertEqual(canvas.height, 6 + 40 + 2 * 11 + 6, "two caption lines of 11 pixels")
        XCTAssertEqual(canvas.colour(x: 6, y: 6), Colour(grey: 0.2))
        XCTAssertEqual(canvas.colour(x: 91, y: 45), Colour(grey: 0.6))
        XCTAssertEqual(canvas.colour(x: 49, y: 20), .white, "the gap between panels")
        let captionRows = (46..<canvas.height).filter { y in (52..<92).contains { canvas.colour(x: $0, y: y) == .black } }
        XCTAssertFalse(captionRows.isEmpty)
        XCTAssertEqual(canvas.compactImage.channels, 1)
    }

    func testWideEnoughPanelsGetTheLargerFont() {
        let strip = ComparisonStrip(panels: [panel(0.5, size: 96, caption: ["GroupSC", "30.12 dB"])])
        XCTAssertEqual(strip.captionScale, 2)
        XCTAssertEqual(strip.picture().height, 6 + 96 + 2 * 22 + 6)
    }
}
