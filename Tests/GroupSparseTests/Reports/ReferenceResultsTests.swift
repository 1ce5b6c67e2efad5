import Foundation
import XCTest
@testable import GroupSparseReports

final class ReferenceResultsTests: XCTestCase {
    static let sampleJSON = """
        {
          "sources": { "a": "Paper A, Table 1.", "p": "Measured under the protocol." },
          "results": [
            { "method": "BM3D", "family": "BM3D", "parameters": null, "test_set": "Set12", "provenance": "measured",
              "source": "p", "table": "protocol", "psnr": { "25": 29.98 } },
            { "method": "DnCNN-S", "family": "DnCNN", "parameters": 556000, "test_set": "Set12", "provenance": "measured",
              "source": "p", "table": "protocol", "psnr": { "15": 32.88, "25": 30.43 } },
            { "method": "GroupSC (paper)", "family": "GroupSC", "parameters": 68434, "test_set": "BSD68",
              "provenance": "published", "source": "a", "table": "Table 1", "label": "above",
              "psnr": { "15": 31.70, "25": 29.19 } },
            { "method": "FFDNet", "family": "FFDNet", "parameters": 486000, "test_set": "BSD68", "provenance": "published",
              "source": "a", "table": "Table 1", "note": "sigma 50 only", "psnr": { "50": 26.29 } },
            { "method": "NLRN", "family": "NLRN", "parameters": 330000, "test_set": "BSD68", "provenance": "published",
              "source": "a", "table": "Table 1", "plot": false, "psnr": { "25": 29.41 } }
          ]
        }
        """

    static func sample() throws -> ReferenceResults {
        try decode(sampleJSON)
    }

    private static func decode(_ json: String) throws -> ReferenceResults {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("references-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try ReferenceResults(contentsOf: url)
    }

    func testEntriesDecodeWithTheirSigmas() throws {
        let references = try Self.sample()
        XCTAssertEqual(references.results.count, 5)
        let groupSC = references.results[2]
        XCTAssertEqual(groupSC.testSet, "BSD68")
        XCTAssertEqual(groupSC.provenance, .published)
        XCTAssertEqual(groupSC.label, .above)
        XCTAssertEqual(groupSC.sigmas, [15, 25])
        XCTAssertEqual(groupSC.psnr(at: 25), 29.19)
        XCTAssertNil(groupSC.psnr(at: 50))
        XCTAssertNil(references.results[0].parameters)
    }

    func testInconsistentFilesAreRefused() {
        let unknownSource = Self.sampleJSON.replacingOccurrences(of: #""source": "a", "table": "Table 1", "label""#,
                                                                 with: #""source": "b", "table": "Table 1", "label""#)
        let badSigma = Self.sampleJSON.replacingOccurrences(of: #"{ "25": 29.41 }"#, with: #"{ "high": 29.41 }"#)
        let badProvenance = Self.sampleJSON.replacingOccurrences(of: #""provenance": "measured""#, with: #""provenance": "guessed""#)
        for (json, expected) in [(unknownSource, "unknown source 'b'"), (badSigma, "'high' is not a sigma"), (badProvenance, "provenance")] {
            XCTAssertThrowsError(try Self.decode(json)) { error in
                guard case let ReportError.invalidReferences(_, reason) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(reason.contains(expected), reason)
            }
        }
    }

    func testTheShippedReferenceFileIsValidAndCitesEveryEntry() throws {
        let url = SampleCrops.packageRoot.appendingPathComponent("Benchmarks/reference-results.json")
        let references = try ReferenceResults(contentsOf: url)
        XCTAssertFalse(references.results.isEmpty)
        for entry in references.results {
            XCTAssertFalse(entry.table.isEmpty, entry.method)
            XCTAssertFalse(entry.testSet.isEmpty, entry.method)
        }
        let plotted = references.results.filter { $0.plot ?? true }
        XCTAssertEqual(Set(plotted.map(\.testSet)), ["Set12", "BSD68"], "the plot shows grey test sets only")
    }

    func testComparisonListsMeasurementsFirstAndNumbersSourcesInOrderOfUse() throws {
        let comparison = ComparisonTable(
            measured: [EvaluationRecordTests.record(model: "groupsc", parameters: 68_434, psnr: [25: 29.7, 50: 26.1])],
            references: try Self.sample())
        XCTAssertEqual(comparison.table.header, ["Method", "Learned parameters", "Test set", "sigma 25", "sigma 50", "Numbers", "Source"])
        XCTAssertEqual(comparison.table.rows.map { $0[0] }, ["GroupSC (this project)", "BM3D", "DnCNN-S", "GroupSC (paper)", "FFDNet", "NLRN"])
        XCTAssertEqual(comparison.table.rows[0], ["GroupSC (this project)", "68,434", "Set12", "29.70", "26.10", "measured here",
                                                  "`groupsparse evaluate`, seed 0"])
        XCTAssertEqual(comparison.table.rows[1], ["BM3D", "none (not learned)", "Set12", "29.98", "-", "measured, same protocol", "[1] protocol"])
        XCTAssertEqual(comparison.table.rows[4], ["FFDNet", "486k", "BSD68", "-", "26.29", "published", "[2] Table 1; sigma 50 only"])
        XCTAssertEqual(comparison.sources, ["[1] Measured under the protocol.", "[2] Paper A, Table 1."])
        XCTAssertTrue(comparison.markdown.hasSuffix("\n- [1] Measured under the protocol.\n- [2] Paper A, Table 1.\n"))
    }
}
