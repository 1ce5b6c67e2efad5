import Foundation
import XCTest
@testable import GroupSparseReports

final class PlotAxisTests: XCTestCase {
    func testLogAxisGivesEachDecadeTheSameLength() {
        let axis = PlotAxis(scale: .logarithmic, lower: 1e4, upper: 1e6, start: 50, end: 350)
        XCTAssertEqual(axis.position(of: 1e4), 50, accuracy: 1e-9)
        XCTAssertEqual(axis.position(of: 1e5), 200, accuracy: 1e-9)
        XCTAssertEqual(axis.position(of: 1e6), 350, accuracy: 1e-9)
        XCTAssertEqual(axis.position(of: 1e5 * 10.0.squareRoot()), 275, accuracy: 1e-9)
        XCTAssertEqual(axis.position(of: 68_352), 50 + 150 * log10(6.8352), accuracy: 1e-9)
        XCTAssertEqual(axis.majorTicks, [1e4, 1e5, 1e6])
        XCTAssertEqual(axis.minorTicks.count, 16)
        XCTAssertEqual(axis.minorTicks.first, 2e4)
        XCTAssertEqual(axis.majorTicks.map(axis.label(for:)), ["10k", "100k", "1M"])
    }

    func testLinearAxisCanRunUpwards() {
        let axis = PlotAxis(scale: .linear, lower: 29, upper: 31, start: 230, end: 30)
        XCTAssertEqual(axis.position(of: 29), 230)
        XCTAssertEqual(axis.position(of: 30), 130)
        XCTAssertEqual(axis.position(of: 30.5), 80)
        XCTAssertEqual(axis.tickStep, 0.5)
        XCTAssertEqual(axis.majorTicks, [29, 29.5, 30, 30.5, 31])
        XCTAssertEqual(axis.label(for: 29.5), "29.5")
        XCTAssertEqual(PlotAxis(scale: .linear, lower: 29, upper: 30.75, start: 0, end: 1).label(for: 29.25), "29.25")
        XCTAssertEqual(PlotAxis(scale: .linear, lower: 0, upper: 60, start: 0, end: 1).tickStep, 10)
    }

    func testRangesHoldTheValuesOnTickMultiples() {
        let values = [29.2, 29.98, 30.43]
        let range = PlotAxis.linearRange(covering: values, minimumSpan: 1)
        XCTAssertLessThan(range.lower, 29.2)
        XCTAssertGreaterThan(range.upper, 30.43)
        let step = PlotAxis(scale: .linear, lower: range.lower, upper: range.upper, start: 0, end: 1).tickStep
        XCTAssertEqual((range.lower / step).rounded(), range.lower / step, accuracy: 1e-9)
        XCTAssertEqual((range.upper / step).rounded(), range.upper / step, accuracy: 1e-9)
        let narrow = PlotAxis.linearRange(covering: [30, 30.01], minimumSpan: 1)
        XCTAssertGreaterThanOrEqual(narrow.upper - narrow.lower, 1)

        XCTAssertTrue(PlotAxis.decadeRange(covering: [68_352, 667_000]) == (1e4, 1e6))
        XCTAssertTrue(PlotAxis.decadeRange(covering: [100_000]) == (1e5, 1e6))
    }

    func testCompactCounts() {
        XCTAssertEqual(PlotAxis.compactCount(68_352), "68k")
        XCTAssertEqual(PlotAxis.compactCount(556_000), "556k")
        XCTAssertEqual(PlotAxis.compactCount(1_000_000), "1M")
        XCTAssertEqual(PlotAxis.compactCount(1_500_000), "1.5M")
        XCTAssertEqual(PlotAxis.compactCount(950), "950")
    }
}
