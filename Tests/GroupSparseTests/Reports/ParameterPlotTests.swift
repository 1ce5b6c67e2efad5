import XCTest
@testable import GroupSparseReports

final class ParameterPlotTests: XCTestCase {
    private let orange = Colour(hex: 0xD55E00)

    func testAPointLandsAtItsAxisPositionInBothRenderings() throws {
        let style = ParameterPlot.MarkerStyle(shape: .circle, filled: true, colour: orange)
        let plot = ParameterPlot(title: "test", panels: [
            .init(title: "left", points: [.init(label: "A", parameters: 5e4, psnr: 30, style: style)]),
            .init(title: "right", points: [.init(label: "B", parameters: 5e5, psnr: 29, style: style)],
                  baselines: [.init(label: "none", psnr: 28)]),
        ])
        let (x, y) = plot.axes(ofPanel: 1)
        XCTAssertTrue(plot.parameterRange == (1e4, 1e6))
        XCTAssertLessThanOrEqual(y.lower, 28)
        XCTAssertGreaterThanOrEqual(y.upper, 29)
        let centre = (x: x.position(of: 5e5), y: y.position(of: 29))

        let figure = plot.figure()
        XCTAssertTrue(figure.shapes.contains(.marker(.circle, at: .init(x: centre.x, y: centre.y), size: 8, colour: orange, filled: true)))
        XCTAssertTrue(figure.svg().contains(##"<circle cx="\##(Figure.number(centre.x))" cy="\##(Figure.number(centre.y))" r="4" fill="#d55e00"/>"##))
        for scale in [1, 2] {
            let canvas = figure.raster(scale: scale)
            let pixel = (x: Int(centre.x * Double(scale)), y: Int(centre.y * Double(scale)))
            XCTAssertEqual(canvas.colour(x: pixel.x, y: pixel.y), orange, "scale \(scale)")
            XCTAssertNotEqual(canvas.colour(x: pixel.x + 6 * scale, y: pixel.y - 6 * scale), orange, "scale \(scale)")
        }
        // The right panel starts after the left one and its gap.
        XCTAssertEqual(x.start, plot.axes(ofPanel: 0).x.end + ParameterPlot.Layout.panelGap)
    }

    func testResultsGoToOnePanelPerTestSetWithTheirStyles() throws {
        let measured = [EvaluationRecordTests.record(model: "sc", parameters: 68_352, psnr: [25: 29.2]),
                        EvaluationRecordTests.record(model: "groupsc", parameters: 68_434, psnr: [25: 29.7])]
        let references = try ReferenceResultsTests.sample()
        let plot = ParameterPlot(sigma: 25, measured: measured, references: references)

        XCTAssertEqual(plot.panels.map(\.title), ["Set12: measured under this project's protocol", "BSD68: published results"])
        let set12 = plot.panels[0], bsd68 = plot.panels[1]
        XCTAssertEqual(set12.points.map(\.label), ["SC 29.20", "GroupSC 29.70", "DnCNN-S 30.43"])
        XCTAssertEqual(set12.points.map(\.style.shape), [.diamond, .diamond, .circle])
        XCTAssertEqual(set12.points.map(\.style.filled), [true, true, true])
        XCTAssertEqual(set12.baselines, [.init(label: "BM3D 29.98 (no learned parameters)", psnr: 29.98)])
        XCTAssertEqual(bsd68.points.map(\.label), ["GroupSC (paper) 29.19"], "entries without sigma 25 or marked plot: false are left out")
        XCTAssertEqual(bsd68.points[0].style.filled, false)
        XCTAssertEqual(bsd68.points[0].labelPlacement, .above)
        XCTAssertEqual(bsd68.points[0].style.colour, set12.points[1].style.colour, "one family, one colour")
        XCTAssertNotEqual(set12.points[0].style.colour, set12.points[1].style.colour)
        XCTAssertEqual(plot.legend.count, 4)
        XCTAssertTrue(plot.notes.contains { $0.contains("not comparable") })

        XCTAssertEqual(ParameterPlot(sigma: 15, measured: measured, references: references).panels.map(\.points.count), [1, 1],
                       "only DnCNN-S at Set12 and GroupSC at BSD68 have sigma 15")
    }
}
