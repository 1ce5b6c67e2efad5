import XCTest
@testable import GroupSparse
@testable import GroupSparseReports

/// The commands that turn measurements into tables and pictures: `evaluate --output-json` and
/// `--output-markdown`, `report`, `compare` and `atoms`.
final class ReportCommandLineTests: XCTestCase {
    private var tool: CommandLineTool!
    private var folder: URL!

    override func setUpWithError() throws {
        tool = try CommandLineTool()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ReportCommandLineTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
        try ImageFile.write(SampleCrops.grey(size: 32, row: 0, column: 0), to: url("data/a.png"))
        try ImageFile.write(SampleCrops.grey(size: 32, row: 120, column: 150), to: url("data/b.png"))
    }

    override func tearDownWithError() throws {
        if let folder { try FileManager.default.removeItem(at: folder) }
    }

    func testEvaluateWritesJSONAndMarkdownTables() throws {
        let result = try tool.run(["evaluate", "--data", "data", "--sigma", "15,25", "--model", "sc",
                                   "--output-json", "sc.json", "--output-markdown", "sc.md"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        let record = try EvaluationRecord(contentsOf: url("sc.json"))
        XCTAssertEqual(record.parameters, try Denoiser.pretrained(.sc).parameterCount)
        XCTAssertEqual(record.rows.count, 4)
        let markdown = try String(contentsOf: url("sc.md"), encoding: .utf8)
        XCTAssertEqual(markdown, record.markdown)
        XCTAssertTrue(markdown.contains("| SC    |             68,352 | data     |"), markdown)
        XCTAssertTrue(result.standardOutput.contains("average (2 images)"), "the plain table is still printed")
    }

    func testEvaluateChecksItsOutputFilesBeforeScoring() throws {
        try expectFailure(["evaluate", "--data", "data", "--output-json", "results.txt"], status: 64, mentioning: ".json")
        try expectFailure(["evaluate", "--data", "data", "--output-markdown", "missing/sc.md"], status: 1,
                          mentioning: "does not exist")
        try expectFailure(["evaluate", "--data", "data", "--output-json", "data"], status: 64, mentioning: ".json")
    }

    func testReportWritesTablesAndThePlot() throws {
        for model in ["sc", "groupsc"] {
            let result = try tool.run(["evaluate", "--data", "data", "--sigma", "25", "--limit", "1", "--model", model,
                                       "--output-json", "\(model).json"], in: folder)
            XCTAssertEqual(result.status, 0, result.standardError)
        }
        try Data(ReferenceResultsTests.sampleJSON.utf8).write(to: url("references.json"))
        let result = try tool.run(["report", "sc.json", "groupsc.json", "--reference", "references.json",
                                   "--svg", "plot.svg", "--png", "plot.png", "--markdown", "tables.md", "--scale", "1"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(result.standardOutput, "")

        let tables = try String(contentsOf: url("tables.md"), encoding: .utf8)
        XCTAssertTrue(tables.contains("| GroupSC (this project) |"), tables)
        XCTAssertTrue(tables.contains("- [2] Paper A, Table 1."), tables)
        let svg = try String(contentsOf: url("plot.svg"), encoding: .utf8)
        XCTAssertTrue(svg.contains(">data: measured under this project's protocol</text>"))
        XCTAssertTrue(svg.contains(">BSD68: published results</text>"))
        let png = try ImageFile.read(url("plot.png")).image
        XCTAssertEqual(png.channels, 3)
        XCTAssertTrue(svg.hasPrefix(#"<svg xmlns="http://www.w3.org/2000/svg" width="\#(png.width)" height="\#(png.height)""#))

        let printed = try tool.run(["report", "sc.json"], in: folder)
        XCTAssertEqual(printed.status, 0, printed.standardError)
        XCTAssertTrue(printed.standardOutput.hasPrefix("| Model |"), printed.standardOutput)
    }

    func testReportRefusesBadInputsWithoutWritingAnything() throws {
        try Data(#"{"model": "sc"}"#.utf8).write(to: url("broken.json"))
        try expectFailure(["report", "broken.json", "--svg", "plot.svg"], status: 1, mentioning: "not an evaluate result",
                          absent: ["plot.svg"])
        try expectFailure(["report", "absent.json"], status: 1, mentioning: "absent.json")
        try expectFailure(["report", "broken.json", "--sigma", "-1"], status: 64, mentioning: "--sigma")
        try expectFailure(["report", "broken.json", "--png", "plot.jpg"], status: 64, mentioning: ".png")

        let result = try tool.run(["evaluate", "--data", "data", "--sigma", "50", "--limit", "1", "--model", "sc",
                                   "--output-json", "sc50.json"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        try expectFailure(["report", "sc50.json", "--sigma", "25", "--svg", "plot.svg", "--markdown", "tables.md"],
                          status: 1, mentioning: "sigma 25", absent: ["plot.svg", "tables.md"])
    }

    func testCompareCaptionsMatchEvaluate() throws {
        let evaluation = try tool.run(["evaluate", "--data", "data", "--sigma", "25", "--model", "sc", "--json"], in: folder)
        XCTAssertEqual(evaluation.status, 0, evaluation.standardError)
        let record = try JSONDecoder().decode(EvaluationRecord.self, from: Data(evaluation.standardOutput.utf8))

        let result = try tool.run(["compare", "data/b.png", "--noise-index", "1", "--models", "sc", "--json",
                                   "--region", "4,0,24,20", "-o", "strip.png"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let models = try XCTUnwrap(json["models"] as? [[String: Any]])
        XCTAssertEqual(models.first?["name"] as? String, "SC")
        XCTAssertEqual(try XCTUnwrap(models.first?["psnr"] as? Double), record.rows[1].psnr, accuracy: 1e-9,
                       "the same noise and the same model give evaluate's score for image 1")
        let strip = try ImageFile.read(url("strip.png")).image
        XCTAssertEqual(strip.channels, 1)
        XCTAssertEqual(strip.width, 6 + 3 * (24 + 6))

        let caption = try tool.run(["compare", "data/a.png", "--models", "sc", "-o", "strip.png"], in: folder)
        XCTAssertEqual(caption.status, 0, caption.standardError)
        XCTAssertTrue(caption.standardOutput.hasPrefix("`a.png`, sigma 25, noise seed 0 (image 0): noisy "), caption.standardOutput)
    }

    func testCompareRefusesBadArguments() throws {
        try expectFailure(["compare", "data/a.png", "--region", "20,20,16,16", "-o", "strip.png"], status: 64,
                          mentioning: "outside", absent: ["strip.png"])
        try expectFailure(["compare", "data/a.png", "--region", "1,2,3", "-o", "strip.png"], status: 64, mentioning: "--region")
        try expectFailure(["compare", "data/a.png", "--models", "sc,sc", "-o", "strip.png"], status: 64, mentioning: "twice")
        try expectFailure(["compare", "data/a.png", "--models", "sc,nope", "-o", "strip.png"], status: 64, mentioning: "nope")
        try expectFailure(["compare", "data/a.png", "--sigma", "2e1", "-o", "strip.png"], status: 64, mentioning: "--sigma")
        try expectFailure(["compare", "absent.png", "-o", "strip.png"], status: 1, mentioning: "absent.png")
    }

    func testAtomsDrawsEveryAtomOfTheChosenMatrix() throws {
        let result = try tool.run(["atoms", "sc", "--matrix", "analysis", "--scale", "2", "-o", "atoms.png"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("256 atoms of C (analysis, 81 x 256)"), result.standardOutput)
        let picture = try ImageFile.read(url("atoms.png")).image
        XCTAssertEqual([picture.width, picture.height, picture.channels], [16 * 18 + 17, 16 * 18 + 17, 1])

        try expectFailure(["atoms", "sc", "--scale", "0", "-o", "bad.png"], status: 64, mentioning: "--scale", absent: ["bad.png"])
        try expectFailure(["atoms", "sc", "-o", "atoms.jpg"], status: 64, mentioning: ".png")
        try expectFailure(["atoms", "nope", "-o", "bad.png"], status: 64, mentioning: "nope", absent: ["bad.png"])
    }

    /// Runs the tool expecting exit `status`, a single `error:` line that mentions `mentioning`,
    /// and no file named in `absent` nor any hidden temporary file left in the folder.
    private func expectFailure(
        _ arguments: [String], status: Int32, mentioning: String, absent: [String] = [],
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let result = try tool.run(arguments, in: folder)
        XCTAssertEqual(result.status, status, "\(arguments): \(result.standardError)", file: file, line: line)
        XCTAssertTrue(result.standardError.hasPrefix("error: ") && result.standardError.contains(mentioning),
                      result.standardError, file: file, line: line)
        XCTAssertEqual(result.standardError.filter { $0 == "\n" }.count, 1, result.standardError, file: file, line: line)
        for name in absent {
            XCTAssertFalse(FileManager.default.fileExists(atPath: url(name).path), name, file: file, line: line)
        }
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(hidden, [], file: file, line: line)
    }

    private func url(_ name: String) -> URL {
        folder.appendingPathComponent(name)
    }
}
