import XCTest
@testable import GroupSparse

final class ShardCommandLineTests: XCTestCase {
    private var tool: CommandLineTool!
    private var folder: URL!
    private let names = ["a.png", "b.png", "c.png", "sub/d.png", "sub/e.png"]
    private let settings = ["--model", "sc", "--sigma", "25", "--threads", "1"]

    override func setUpWithError() throws {
        tool = try CommandLineTool()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ShardCommandLineTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url("in/sub"), withIntermediateDirectories: true)
        for (seed, name) in names.enumerated() {
            try ImageFile.write(SampleCrops.grey(size: 32, row: 40 + 20 * seed).addingGaussianNoise(sigma: 25, seed: UInt64(seed)),
                                to: url("in/" + name))
        }
        try manifest(names)
    }

    override func tearDownWithError() throws {
        if let folder { try FileManager.default.removeItem(at: folder) }
    }

    func testShardsTogetherWriteWhatOneProcessWrites() throws {
        for index in 0..<2 {
            let result = try denoise(["--shard", "\(index)/2"])
            XCTAssertEqual(result.status, 0, result.standardError)
            XCTAssertTrue(result.standardError.contains("shard \(index)/2 (--shard)"), result.standardError)
        }
        for name in names {
            let single = try tool.run(["denoise", "in/" + name, "-o", "single.png"] + settings, in: folder)
            XCTAssertEqual(single.status, 0, single.standardError)
            XCTAssertEqual(try Data(contentsOf: url("out/" + name)), try Data(contentsOf: url("single.png")), name)
        }
        let report = try tool.run(["batch-report", "out", "--manifest", "in/list.txt", "--json"], in: folder)
        XCTAssertEqual(report.status, 0, report.standardError)
        let summary = try JSONDecoder().decode(BatchSummary.self, from: Data(report.standardOutput.utf8))
        XCTAssertEqual(summary.done, names)
        XCTAssertEqual(summary.completedShards, ["0/2", "1/2"])
    }

    func testEngineVariablesApplyOnlyInShardMode() throws {
        let slurm = ["SLURM_ARRAY_TASK_ID": "11", "SLURM_ARRAY_TASK_MIN": "10", "SLURM_ARRAY_TASK_MAX": "12"]
        let sharded = try denoise([], environment: slurm)
        XCTAssertEqual(sharded.status, 0, sharded.standardError)
        XCTAssertTrue(sharded.standardError.contains("shard 1/3 (SLURM_ARRAY_TASK_ID=11)"), sharded.standardError)
        XCTAssertEqual(try records().map(\.relativePath), ["b.png", "sub/e.png"])

        let plain = try tool.run(["denoise", "in/a.png", "-o", "plain.png"] + settings, in: folder, environment: slurm)
        XCTAssertEqual(plain.status, 0, plain.standardError)
        XCTAssertEqual(plain.standardError, "")
        let kubernetes = try denoise(["--shard", "auto"], environment: ["JOB_COMPLETION_INDEX": "0"])
        XCTAssertEqual(kubernetes.status, 64, "the completion count is missing")
        XCTAssertTrue(kubernetes.standardError.contains("--shard-count"), kubernetes.standardError)
    }

    func testARerunKeepsMatchingOutputsAndRefusesOthersUnlessForced() throws {
        XCTAssertEqual(try denoise([]).status, 0)
        let rerun = try denoise([])
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertTrue(rerun.standardError.contains("0 done, 5 skipped, 0 failed"), rerun.standardError)

        try FileManager.default.removeItem(at: url("out/c.png"))
        let other = try tool.run(["denoise", "--manifest", "in/list.txt", "-o", "out", "--model", "sc", "--sigma", "20"], in: folder)
        XCTAssertEqual(other.status, 65)
        XCTAssertTrue(other.standardError.contains("another sigma") && other.standardError.contains("--force"), other.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("out/c.png").path), "a refused task changes nothing")

        let forced = try tool.run(["denoise", "--manifest", "in/list.txt", "-o", "out", "--model", "sc", "--sigma", "20",
                                   "--force"], in: folder)
        XCTAssertEqual(forced.status, 0, forced.standardError)
        XCTAssertTrue(forced.standardError.contains("5 done"), forced.standardError)
    }

    func testABadInputIsRecordedAndTheShardGoesOn() throws {
        try Data("not an image".utf8).write(to: url("in/broken.png"))
        try manifest(names + ["broken.png", "absent.png"])
        let result = try denoise([])
        XCTAssertEqual(result.status, 0, result.standardError)
        let failed = try records().filter { $0.status == .failed }.map(\.relativePath)
        XCTAssertEqual(failed.sorted(), ["absent.png", "broken.png"])
        for name in names { XCTAssertTrue(FileManager.default.fileExists(atPath: url("out/" + name).path), name) }

        let report = try tool.run(["batch-report", "out", "--manifest", "in/list.txt"], in: folder)
        XCTAssertEqual(report.status, 1, "failures make the batch incomplete")
        XCTAssertTrue(report.standardOutput.contains("failed: 2") && report.standardOutput.contains("absent.png"),
                      report.standardOutput)
    }

    func testBadBatchesStopTheTaskWithStatus65() throws {
        let missing = try tool.run(["denoise", "--manifest", "nothing.txt", "-o", "out"] + settings, in: folder)
        XCTAssertEqual(missing.status, 65, missing.standardError)
        try manifest(["a.png", "./a.png"])
        let twice = try denoise([])
        XCTAssertEqual(twice.status, 65)
        XCTAssertTrue(twice.standardError.contains("would both write"), twice.standardError)
        let outside = try denoise(["--root", url("in/sub").path])
        XCTAssertEqual(outside.status, 65)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url("out").path))
    }

    func testShardOptionsWithoutShardModeAreUsageErrors() throws {
        let result = try tool.run(["denoise", "in/a.png", "-o", "x.png", "--force"] + settings, in: folder)
        XCTAssertEqual(result.status, 64)
    }

    func testTheReportListsInputsNoTaskReported() throws {
        XCTAssertEqual(try denoise(["--shard", "0/2"]).status, 0)
        let report = try tool.run(["batch-report", "out", "--manifest", "in/list.txt"], in: folder)
        XCTAssertEqual(report.status, 1)
        XCTAssertTrue(report.standardOutput.contains("missing: 2\n  b.png\n  sub/d.png"), report.standardOutput)
        XCTAssertTrue(report.standardOutput.contains("completed shards: 0/2"), report.standardOutput)
    }

    func testTerminationKeepsFinishedOutputsAndExits75() throws {
        let many = (0..<60).map { String(format: "many/%02d.png", $0) }
        try FileManager.default.createDirectory(at: url("in/many"), withIntermediateDirectories: true)
        let image = try SampleCrops.grey(size: 64).addingGaussianNoise(sigma: 25, seed: 9)
        for name in many { try ImageFile.write(image, to: url("in/" + name)) }
        try manifest(many)
        let process = tool.process(["denoise", "--manifest", "in/list.txt", "-o", "out"] + settings, in: folder)
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while try records().isEmpty, Date() < deadline, process.isRunning { usleep(20_000) }
        process.terminate()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 75)

        let done = try records().filter { $0.status == .done }.map(\.relativePath)
        XCTAssertFalse(done.isEmpty)
        XCTAssertLessThan(done.count, many.count, "stopped before the end")
        // Every input is in many/, so that is the root and outputs sit directly in out/.
        let written = try FileManager.default.contentsOfDirectory(atPath: url("out").path).filter { $0 != ".groupsparse" }
        XCTAssertEqual(written.sorted(), done.sorted(), "no staged file is left")
        XCTAssertTrue(RecordsFolder(outputFolder: url("out")).markers().isEmpty)

        let rerun = try denoise([])
        XCTAssertEqual(rerun.status, 0, rerun.standardError)
        XCTAssertTrue(rerun.standardError.contains("\(many.count - done.count) done, \(done.count) skipped"), rerun.standardError)
    }

    private func denoise(_ extra: [String], environment: [String: String] = [:]) throws -> CommandLineTool.Result {
        try tool.run(["denoise", "--manifest", "in/list.txt", "-o", "out"] + settings + extra, in: folder, environment: environment)
    }

    private func manifest(_ entries: [String]) throws {
        try Data(entries.joined(separator: "\n").utf8).write(to: url("in/list.txt"))
    }

    private func records() throws -> [BatchRecord] {
        RecordsFolder(outputFolder: url("out")).records()
    }

    private func url(_ path: String) -> URL {
        folder.appendingPathComponent(path)
    }
}
