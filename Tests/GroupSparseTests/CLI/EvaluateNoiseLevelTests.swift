import XCTest
@testable import GroupSparse

/// `evaluate --estimate-noise` and `evaluate --blind`.
final class EvaluateNoiseLevelTests: XCTestCase {
    private var tool: CommandLineTool!
    private var folder: URL!
    private var cleanImages: [Image] = []

    override func setUpWithError() throws {
        tool = try CommandLineTool()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("EvaluateNoiseLevelTests-\(UUID().uuidString)")
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        cleanImages = [try SampleCrops.grey(size: 40, row: 0, column: 0), try SampleCrops.grey(size: 40, row: 120, column: 150)]
        for (index, image) in cleanImages.enumerated() {
            try ImageFile.write(image, to: data.appendingPathComponent("\(["a", "b"][index]).png"))
        }
    }

    override func tearDownWithError() throws {
        if let folder { try FileManager.default.removeItem(at: folder) }
    }

    func testEstimateNoiseReportsEveryEstimateAndItsSummary() throws {
        for png8 in [false, true] {
            let report = try runJSON(["evaluate", "--data", "data", "--sigma", "10,30", "--seed", "3", "--estimate-noise"]
                                     + (png8 ? ["--png8"] : []))
            XCTAssertEqual(report["protocol"] as? String, png8 ? "png8" : "float")
            let rows = try XCTUnwrap(report["rows"] as? [[String: Any]])
            XCTAssertEqual(rows.count, 4)
            for row in rows {
                let index = row["image"] as? String == "a.png" ? 0 : 1
                let sigma = try XCTUnwrap(row["sigma"] as? Double)
                // The noise is that of the denoising evaluation: the documented seed of image and sigma.
                var noisy = cleanImages[index].addingGaussianNoise(
                    sigma: sigma, seed: (3 * 1_000_000 + UInt64(index)) * 10_000 + UInt64(10 * sigma))
                if png8 { noisy = noisy.quantizedTo8Bit() }
                XCTAssertEqual(try XCTUnwrap(row["estimate"] as? Double), NoiseEstimator.estimate(noisy).sigma, accuracy: 1e-9)
            }
            let averages = try XCTUnwrap(report["averages"] as? [[String: Any]])
            XCTAssertEqual(averages.map { $0["sigma"] as? Double }, [10, 30])
            for average in averages {
                let sigma = try XCTUnwrap(average["sigma"] as? Double)
                let errors = rows.filter { $0["sigma"] as? Double == sigma }.map { ($0["estimate"] as! Double) - sigma }
                XCTAssertEqual(try XCTUnwrap(average["mean_bias"] as? Double), errors.reduce(0, +) / 2, accuracy: 1e-9)
                XCTAssertEqual(try XCTUnwrap(average["mean_absolute_error"] as? Double),
                               errors.map(abs).reduce(0, +) / 2, accuracy: 1e-9)
            }
        }
    }

    func testEstimateNoisePrintsASummaryTable() throws {
        let result = try tool.run(["evaluate", "--data", "data", "--sigma", "20", "--estimate-noise"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertTrue(result.standardOutput.contains("MAE"), result.standardOutput)
        XCTAssertEqual(result.standardOutput.components(separatedBy: "average (2 images)").count - 1, 1)
    }

    func testBlindDenoisingUsesTheEstimate() throws {
        let report = try runJSON(["evaluate", "--data", "data", "--sigma", "25", "--seed", "0", "--blind", "--model", "sc"])
        XCTAssertEqual(report["noise_level"] as? String, "estimated")
        let rows = try XCTUnwrap(report["rows"] as? [[String: Any]])
        XCTAssertEqual(rows.count, 2)
        for row in rows {
            let index = row["image"] as? String == "a.png" ? 0 : 1
            let noisy = cleanImages[index].addingGaussianNoise(sigma: 25, seed: UInt64(index) * 10_000 + 250)
            let estimate = NoiseEstimator.estimate(noisy).sigma
            XCTAssertEqual(try XCTUnwrap(row["estimated_sigma"] as? Double), estimate, accuracy: 1e-9)
            let expected = try Denoiser.pretrained(.sc).denoise(noisy, sigma: .value(estimate)).clipped()
            XCTAssertEqual(try XCTUnwrap(row["psnr"] as? Double),
                           peakSignalToNoiseRatio(expected, reference: cleanImages[index]), accuracy: 1e-9)
        }
        let given = try runJSON(["evaluate", "--data", "data", "--sigma", "25", "--seed", "0", "--model", "sc"])
        XCTAssertEqual(given["noise_level"] as? String, "given")
        XCTAssertNil((given["rows"] as? [[String: Any]])?.first?["estimated_sigma"])
    }

    func testEstimateNoiseAndBlindCannotBeCombined() throws {
        let result = try tool.run(["evaluate", "--data", "data", "--estimate-noise", "--blind"], in: folder)
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.standardError.contains("cannot be combined"), result.standardError)
    }

    private func runJSON(_ arguments: [String]) throws -> [String: Any] {
        let result = try tool.run(arguments + ["--json"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
    }
}
