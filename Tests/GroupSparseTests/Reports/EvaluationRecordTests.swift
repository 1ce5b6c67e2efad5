import Foundation
import XCTest
@testable import GroupSparseReports

final class EvaluationRecordTests: XCTestCase {
    /// A record of two images with the given mean PSNR per sigma (each image 0.5 dB either side).
    static func record(model: String, parameters: Int, psnr: [Double: Double], data: String = "../data/Set12") -> EvaluationRecord {
        let sigmas = psnr.keys.sorted()
        let rows = sigmas.flatMap { sigma in
            [EvaluationRecord.Row(image: "01.png", sigma: sigma, psnr: psnr[sigma]! - 0.5, ssim: 0.8, seconds: 1),
             EvaluationRecord.Row(image: "02.png", sigma: sigma, psnr: psnr[sigma]! + 0.5, ssim: 0.9, seconds: 3)]
        }
        let averages = sigmas.map { EvaluationRecord.Average(sigma: $0, psnr: psnr[$0]!, ssim: 0.85, secondsPerImage: 2, images: 2) }
        return EvaluationRecord(model: model, parameters: parameters, data: data, seed: 0, protocolName: "float",
                                rows: rows, averages: averages)
    }

    func testDecodesWhatEvaluateWrites() throws {
        let json = """
            {"averages":[{"images":1,"psnr":29.5,"seconds_per_image":4.25,"sigma":25,"ssim":0.81}],
             "data":"../shared/data/Set12/","model":"groupsc","parameters":68434,"protocol":"float",
             "rows":[{"image":"01.png","psnr":29.5,"seconds":4.25,"sigma":25}],"seed":7}
            """
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("record-\(UUID().uuidString).json")
        try Data(json.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let record = try EvaluationRecord(contentsOf: url)
        XCTAssertEqual(record.displayName, "GroupSC")
        XCTAssertEqual(record.testSet, "Set12")
        XCTAssertEqual(record.seed, 7)
        XCTAssertNil(record.rows[0].ssim)
        XCTAssertEqual(record.average(at: 25)?.secondsPerImage, 4.25)
        XCTAssertNil(record.average(at: 15))
    }

    func testBrokenFilesAreReportedWithTheirPath() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).json")
        try Data(#"{"model": "sc"}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        XCTAssertThrowsError(try EvaluationRecord(contentsOf: url)) { error in
            guard case let ReportError.invalidEvaluation(path, reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, url.path)
            XCTAssertTrue(reason.contains("missing key"), reason)
        }
        let missing = url.appendingPathExtension("absent")
        XCTAssertThrowsError(try EvaluationRecord(contentsOf: missing)) { error in
            XCTAssertEqual(error as? ReportError, .unreadableFile(path: missing.path, reason: "no such file"))
        }
    }

    func testQualityTableHasOneRowPerModelAndAColumnPerSigma() {
        let table = EvaluationRecord.qualityTable([
            Self.record(model: "sc", parameters: 68_352, psnr: [15: 31.78, 25: 29.2]),
            Self.record(model: "runs/my-model.safetensors", parameters: 1_234_567, psnr: [25: 29.9]),
        ])
        XCTAssertEqual(table.header, ["Model", "Learned parameters", "Test set", "sigma 15: PSNR (dB) / SSIM",
                                      "sigma 25: PSNR (dB) / SSIM", "Seconds per image"])
        XCTAssertEqual(table.rows, [
            ["SC", "68,352", "Set12", "31.78 / 0.8500", "29.20 / 0.8500", "2.00"],
            ["my-model", "1,234,567", "Set12", "-", "29.90 / 0.8500", "2.00"],
        ])
    }

    func testEvaluateMarkdownSaysWhatWasMeasured() {
        let markdown = Self.record(model: "sc", parameters: 68_352, psnr: [25: 29.2]).markdown
        XCTAssertTrue(markdown.hasPrefix("Model `sc` (68,352 learned parameters) on `../data/Set12`: 2 images, noise seed 0, float protocol.\n"))
        XCTAssertTrue(markdown.contains("| 01.png | 28.70 / 0.8000 |"), markdown)
        XCTAssertTrue(markdown.contains("| 02.png | 29.70 / 0.9000 |"), markdown)
    }
}
