import XCTest
@testable import GroupSparse

final class CommandLineTests: XCTestCase {
    private var tool: CommandLineTool!
    private var folder: URL!

    override func setUpWithError() throws {
        tool = try CommandLineTool()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("CommandLineTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ImageFile.write(SampleCrops.grey(size: 40).addingGaussianNoise(sigma: 20, seed: 5), to: url("noisy.png"))
    }

    override func tearDownWithError() throws {
        if let folder { try FileManager.default.removeItem(at: folder) }
    }

    func testMissingInputFails() throws {
        try assertFails(["denoise", "absent.png", "-o", "out.png", "--sigma", "25"], mentioning: "absent.png")
    }

    func testCorruptPNGFails() throws {
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]).write(to: url("corrupt.png"))
        try assertFails(["denoise", "corrupt.png", "-o", "out.png", "--sigma", "25"], mentioning: "corrupt.png")
    }

    func testBadSigmaValuesAreUsageErrors() throws {
        for sigma in ["-3", "abc", "nan", "inf", "25dB", ""] {
            let result = try assertFails(["denoise", "noisy.png", "-o", "out.png", "--sigma", sigma], mentioning: "--sigma")
            XCTAssertEqual(result.status, 64, sigma)
        }
    }

    func testEstimateNoisePrintsOnlyJSON() throws {
        let result = try tool.run(["estimate-noise", "noisy.png", "--json"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let sigma = try XCTUnwrap(object?["sigma"] as? Double)
        let channels = try XCTUnwrap(object?["channels"] as? [Double])
        XCTAssertEqual(channels.count, 1)
        XCTAssertEqual(sigma, 20, accuracy: 6, "noise of sigma 20 was added")
        XCTAssertEqual(object?["path"] as? String, "noisy.png")
        try assertFails(["estimate-noise", "absent.png"], mentioning: "absent.png")
    }

    func testEstimateNoiseTakesSeveralFilesAndFolders() throws {
        let scans = url("scans")
        try FileManager.default.createDirectory(at: scans, withIntermediateDirectories: true)
        for (name, sigma) in [("a.png", 10.0), ("b.npy", 30.0)] {
            try ImageFile.write(SampleCrops.grey(size: 40).addingGaussianNoise(sigma: sigma, seed: 9),
                                to: scans.appendingPathComponent(name))
        }
        try Data("notes".utf8).write(to: scans.appendingPathComponent("notes.txt"))

        let result = try tool.run(["estimate-noise", "noisy.png", "scans"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.map { $0.components(separatedBy: ": ")[0] }, ["noisy.png", "scans/a.png", "scans/b.npy"])

        // One object per line; a bad file is reported, the others are still measured, and the status is 1.
        let mixed = try tool.run(["estimate-noise", "scans/a.png", "absent.png", "scans/b.npy", "--json"], in: folder)
        XCTAssertEqual(mixed.status, 1)
        XCTAssertTrue(mixed.standardError.contains("absent.png"), mixed.standardError)
        let objects = try mixed.standardOutput.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(objects.compactMap { $0["path"] as? String }, ["scans/a.png", "scans/b.npy"])
        let sigmas = objects.compactMap { $0["sigma"] as? Double }
        XCTAssertEqual(sigmas.count, 2)
        XCTAssertLessThan(sigmas[0], sigmas[1], "noise of sigma 10 and 30 was added")
    }

    func testEstimateNoiseRefusesNonFiniteSamplesAndWarnsOfTheWrongScale() throws {
        var image = try SampleCrops.grey(size: 40).addingGaussianNoise(sigma: 20, seed: 7)
        let scaled = Image(width: image.width, height: image.height, channels: 1, pixels: image.pixels.map { $0 * 255 })
        try ImageFile.write(scaled, to: url("byte-scale.npy"))
        let warned = try tool.run(["estimate-noise", "byte-scale.npy"], in: folder)
        XCTAssertEqual(warned.status, 0, warned.standardError)
        XCTAssertTrue(warned.standardError.contains("may be on the 0-255 scale"), warned.standardError)

        image.pixels[17] = .nan
        try ImageFile.write(image, to: url("nan.npy"))
        let refused = try tool.run(["estimate-noise", "nan.npy"], in: folder)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.standardError.contains("NaN or infinite"), refused.standardError)
        XCTAssertEqual(refused.standardOutput, "")
    }

    func testUnknownModelFails() throws {
        try assertFails(["denoise", "noisy.png", "-o", "out.png", "--sigma", "25", "--model", "nope"], mentioning: "nope")
        try assertFails(["info", "nope"], mentioning: "nope")
    }

    func testAFailureInABatchLeavesNoOutput() throws {
        try Data("not an image".utf8).write(to: url("later.png"))
        try assertFails(["denoise", "noisy.png", "later.png", "-o", "results", "--sigma", "25"],
                        mentioning: "later.png", absent: "results")
    }

    func testDenoisedPNGKeepsTheInputBitDepth() throws {
        try ImageFile.write(SampleCrops.grey(size: 40).addingGaussianNoise(sigma: 20, seed: 6), to: url("deep.png"),
                            bitDepth: 16)
        for (input, depth) in [("noisy.png", 8), ("deep.png", 16)] {
            let result = try tool.run(["denoise", input, "-o", "clean-" + input, "--sigma", "20"], in: folder)
            XCTAssertEqual(result.status, 0, result.standardError)
            let clean = try ImageFile.read(url("clean-" + input))
            XCTAssertEqual(clean.bitDepth, depth)
            XCTAssertEqual([clean.image.width, clean.image.height, clean.image.channels], [40, 40, 1])
        }
    }

    func testDenoisedNPYKeepsTheInputLayout() throws {
        let noisy = try SampleCrops.grey(size: 32).addingGaussianNoise(sigma: 30, seed: 7)
        try ImageFile.write(noisy, to: url("plain.npy"))
        try ImageFile.write(noisy, to: url("axis.npy"), npyChannelAxis: true)
        for (input, hadAxis) in [("plain.npy", false), ("axis.npy", true)] {
            let result = try tool.run(["denoise", input, "-o", "clean-" + input, "--sigma", "30.0"], in: folder)
            XCTAssertEqual(result.status, 0, result.standardError)
            let clean = try ImageFile.read(url("clean-" + input))
            XCTAssertEqual(clean.format, .npy)
            XCTAssertEqual(clean.npyShapeHadChannelAxis, hadAxis)
            XCTAssertEqual([clean.image.width, clean.image.height], [32, 32])
        }
        let result = try tool.run(["denoise", "plain.npy", "-o", "from-npy.png", "--sigma", "30"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(try ImageFile.read(url("from-npy.png")).bitDepth, 8)
    }

    func testSeveralInputsGoToAFolderUnderTheirNames() throws {
        try ImageFile.write(SampleCrops.grey(size: 24), to: url("second.png"))
        let result = try tool.run(["denoise", "noisy.png", "second.png", "-o", "out", "--sigma", "10"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        let names = try FileManager.default.contentsOfDirectory(atPath: url("out").path).sorted()
        XCTAssertEqual(names, ["noisy.png", "second.png"])
    }

    func testInfoReportsAnIntegerParameterCount() throws {
        let result = try tool.run(["info", "sc", "--json"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let parameters = try XCTUnwrap(json?["parameters"] as? Int)
        XCTAssertEqual(parameters, try Denoiser.pretrained(.sc).parameterCount)
        XCTAssertFalse(result.standardOutput.contains("\"parameters\" : \""))
    }

    func testInfoReportsTheKernelSetAndTheBLASCore() throws {
        let result = try tool.run(["info", "sc", "--json"], in: folder)
        XCTAssertEqual(result.status, 0, result.standardError)
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let runtime = try XCTUnwrap(json?["runtime"] as? [String: Any])
        XCTAssertEqual(runtime["kernels"] as? String, KernelSet.active.description)
        XCTAssertEqual(runtime["supported_kernels"] as? [String], KernelSet.supported.map(\.description))
        XCTAssertEqual(runtime["blas_core"] as? String, Parallelism.blasCoreName)

        let text = try tool.run(["info", "sc"], in: folder)
        XCTAssertTrue(text.standardOutput.contains("kernels      \(KernelSet.active)"), text.standardOutput)
    }

    func testEvaluatePrintsAveragesPerSigma() throws {
        let data = url("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try ImageFile.write(SampleCrops.grey(size: 32, row: 0, column: 0), to: data.appendingPathComponent("a.png"))
        try ImageFile.write(SampleCrops.grey(size: 32, row: 120, column: 150), to: data.appendingPathComponent("b.png"))

        let table = try tool.run(["evaluate", "--data", "data", "--sigma", "15,25", "--seed", "0"], in: folder)
        XCTAssertEqual(table.status, 0, table.standardError)
        XCTAssertEqual(table.standardOutput.components(separatedBy: "average").count - 1, 2, table.standardOutput)

        let json = try tool.run(["evaluate", "--data", "data", "--sigma", "25", "--seed", "0", "--json", "--png8"],
                                in: folder)
        XCTAssertEqual(json.status, 0, json.standardError)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let averages = try XCTUnwrap(report["averages"] as? [[String: Any]])
        XCTAssertEqual(averages.count, 1)
        XCTAssertEqual((report["rows"] as? [Any])?.count, 2)
        let psnr = try XCTUnwrap(averages[0]["psnr"] as? Double)
        XCTAssertGreaterThan(psnr, 25)
    }

    func testEvaluateScoresBothColourHandlingsInOneRun() throws {
        let data = url("colour")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try ImageFile.write(syntheticColourCrop(width: 32, height: 28), to: data.appendingPathComponent("c.png"))

        let json = try tool.run(["evaluate", "--data", "colour", "--sigma", "25", "--model", "sc",
                                 "--colour", "opponent,separate", "--json"], in: folder)
        XCTAssertEqual(json.status, 0, json.standardError)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(report["rows"] as? [[String: Any]])
        let averages = try XCTUnwrap(report["averages"] as? [[String: Any]])
        XCTAssertEqual(rows.compactMap { $0["colour"] as? String }, ["opponent", "separate"])
        XCTAssertEqual(averages.compactMap { $0["colour"] as? String }, ["opponent", "separate"])
        XCTAssertNotEqual(rows[0]["psnr"] as? Double, rows[1]["psnr"] as? Double)

        let table = try tool.run(["evaluate", "--data", "colour", "--sigma", "25", "--model", "sc", "--colour", "separate"],
                                 in: folder)
        XCTAssertEqual(table.status, 0, table.standardError)
        XCTAssertTrue(table.standardOutput.contains("average, separate (1 images)"), table.standardOutput)
        let bad = try assertFails(["evaluate", "--data", "colour", "--colour", "rgb"], mentioning: "--colour")
        XCTAssertEqual(bad.status, 64)
    }

    func testDenoiseColourOptionChoosesTheHandling() throws {
        try ImageFile.write(syntheticColourCrop(width: 32, height: 28), to: url("c.png"))
        var outputs: [[Float]] = []
        for handling in ["opponent", "separate"] {
            let run = try tool.run(["denoise", "c.png", "-o", "\(handling).png", "--sigma", "25", "--model", "sc",
                                    "--colour", handling], in: folder)
            XCTAssertEqual(run.status, 0, run.standardError)
            outputs.append(try ImageFile.read(url("\(handling).png")).image.pixels)
        }
        XCTAssertNotEqual(outputs[0], outputs[1])
        let both = try assertFails(["denoise", "c.png", "-o", "out.png", "--colour", "opponent,separate"],
                                   mentioning: "--colour")
        XCTAssertEqual(both.status, 64)
    }

    /// Checks that the run failed with exactly one `error:` line naming `mentioning`, and that
    /// neither `out.png` nor `absent` was left behind.
    @discardableResult
    private func assertFails(
        _ arguments: [String], mentioning: String, absent: String = "out.png",
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> CommandLineTool.Result {
        let result = try tool.run(arguments, in: folder)
        XCTAssertNotEqual(result.status, 0, "\(arguments)", file: file, line: line)
        let lines = result.standardError.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 1, result.standardError, file: file, line: line)
        XCTAssertTrue(result.standardError.hasPrefix("error: "), result.standardError, file: file, line: line)
        XCTAssertTrue(result.standardError.contains(mentioning), result.standardError, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url(absent).path), absent, file: file, line: line)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [], file: file, line: line)
        return result
    }

    private func url(_ name: String) -> URL {
        folder.appendingPathComponent(name)
    }
}
