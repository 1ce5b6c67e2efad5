import Foundation
import XCTest
import GroupSparse

final class BatchRecordTests: XCTestCase {
    private let settings = BatchSettings(modelDigest: "abc", sigma: "25.0", strength: 1, colour: "opponent", version: "1.0.0")

    private func record(_ path: String, _ status: BatchRecord.Status, at finished: String, settings: BatchSettings? = nil,
                        error: String? = nil) -> BatchRecord {
        BatchRecord(input: "/in/" + path, output: "/out/" + path, relativePath: path, status: status,
                    sigmaUsed: status == .done ? 25 : nil, seconds: 0.5, error: error, settings: settings ?? self.settings,
                    shard: "0/2", attempt: "a1", finished: finished)
    }

    func testRecordsRoundTripAndATornLastLineIsLeftOut() throws {
        let records = [record("a.png", .done, at: "2026-01-01T00:00:00.000Z"),
                       record("b.png", .failed, at: "2026-01-01T00:00:01.000Z", error: "b.png: no such file")]
        var data = try records.map { try $0.jsonLine() }.reduce(Data(), +)
        XCTAssertEqual(data.filter { $0 == UInt8(ascii: "\n") }.count, 2, "one line per record")
        data += Data(#"{"input":"/in/c.png","outp"#.utf8)
        XCTAssertEqual(BatchRecord.records(inJSONLines: data), records)
    }

    func testTimestampsSortInTimeOrder() {
        let early = BatchRecord.timestamp(Date(timeIntervalSince1970: 1_000))
        let late = BatchRecord.timestamp(Date(timeIntervalSince1970: 1_000.25))
        XCTAssertLessThan(early, late)
        XCTAssertTrue(early.hasSuffix("Z"))
    }

    func testAMissingOutputIsAlwaysMade() {
        XCTAssertEqual(ResumeRule.decide(output: "/out/a.png", outputExists: false, latest: nil, settings: settings, force: false), .run)
    }

    func testAnOutputWithTheSameSettingsIsKept() {
        let previous = record("a.png", .done, at: "t")
        XCTAssertEqual(ResumeRule.decide(output: "/out/a.png", outputExists: true, latest: previous, settings: settings, force: false),
                       .skip(previous))
    }

    func testEverySettingThatChangesPixelsPreventsKeeping() {
        var others: [(BatchSettings, String)] = []
        for (name, change) in [("model", { (s: inout BatchSettings) in s.modelDigest = "def" }),
                               ("sigma", { $0.sigma = "auto" }), ("strength", { $0.strength = 0.8 }),
                               ("colour", { $0.colour = "separate" }), ("version", { $0.version = "1.0.1" })] {
            var changed = settings
            change(&changed)
            others.append((changed, name))
        }
        for (other, name) in others {
            let previous = record("a.png", .done, at: "t", settings: other)
            guard case .refuse(let reason) = ResumeRule.decide(output: "/out/a.png", outputExists: true, latest: previous,
                                                               settings: settings, force: false) else {
                XCTFail(name)
                continue
            }
            XCTAssertTrue(reason.contains("another \(name)") && reason.contains("--force"), reason)
            XCTAssertEqual(ResumeRule.decide(output: "/out/a.png", outputExists: true, latest: previous, settings: settings,
                                             force: true), .run)
        }
    }

    func testAnOutputWithoutARecordIsNeitherKeptNorReplaced() {
        guard case .refuse(let reason) = ResumeRule.decide(output: "/out/a.png", outputExists: true, latest: nil,
                                                           settings: settings, force: false) else { return XCTFail() }
        XCTAssertTrue(reason.contains("no batch record"), reason)
        XCTAssertEqual(ResumeRule.decide(output: "/out/a.png", outputExists: true, latest: nil, settings: settings, force: true), .run)
    }

    func testTheNewestWritingRecordCounts() {
        let old = record("a.png", .done, at: "2026-01-01T00:00:00.000Z", settings: BatchSettings(
            modelDigest: "old", sigma: "25.0", strength: 1, colour: "opponent", version: "1.0.0"))
        let new = record("a.png", .done, at: "2026-01-02T00:00:00.000Z")
        let failedLater = record("a.png", .failed, at: "2026-01-03T00:00:00.000Z", error: "disk")
        XCTAssertEqual(ResumeRule.latestOutputs(in: [new, failedLater, old])["a.png"], new)
    }

    func testTheSummaryCountsEachInputOnceByItsNewestRecord() {
        let records = [
            record("a.png", .failed, at: "2026-01-01T00:00:00.000Z", error: "a broke"),
            record("a.png", .done, at: "2026-01-01T00:00:05.000Z"),
            record("b.png", .done, at: "2026-01-01T00:00:01.000Z"),
            record("b.png", .skipped, at: "2026-01-01T00:00:06.000Z"),
            record("c.png", .failed, at: "2026-01-01T00:00:02.000Z", error: "c.png: no such file"),
        ]
        let markers = ["10/12", "2/12", "2/12"].map {
            CompletionMarker(shard: $0, attempt: "x", done: 1, skipped: 0, failed: 0, finished: "t")
        }
        let summary = BatchSummary(records: records, markers: markers, expected: ["a.png", "b.png", "c.png", "d.png"])
        XCTAssertEqual(summary.done, ["a.png", "b.png"])
        XCTAssertEqual(summary.skipped, ["b.png"])
        XCTAssertEqual(summary.failed, [BatchSummary.Failure(input: "c.png", error: "c.png: no such file")])
        XCTAssertEqual(summary.missing, ["d.png"])
        XCTAssertEqual(summary.completedShards, ["2/12", "10/12"])
        XCTAssertEqual(summary.records, 5)
        XCTAssertFalse(summary.isComplete)
        XCTAssertTrue(BatchSummary(records: records.dropLast(), markers: [], expected: ["a.png", "b.png"]).isComplete)
    }

    func testRecordsFolderNamesPadShardNumbers() {
        let folder = RecordsFolder(outputFolder: URL(fileURLWithPath: "/out", isDirectory: true))
        let shard = try? Shard(index: 3, count: 12)
        XCTAssertEqual(folder.recordsFile(shard: shard!, attempt: "u1").path, "/out/.groupsparse/shard-0003-of-0012.u1.jsonl")
        XCTAssertEqual(folder.marker(shard: shard!, attempt: "u1").lastPathComponent, "shard-0003-of-0012.u1.complete")
        XCTAssertEqual(folder.records(), [], "a folder that does not exist holds no record")
    }

    func testSHA256MatchesTheStandardVectors() {
        XCTAssertEqual(SHA256.hexDigest(of: Array("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hexDigest(of: [UInt8]()),
                       "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hexDigest(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testTheBundledModelDigestIsThatOfItsFile() throws {
        // The compiled-in weights are the bytes of Models/sc.safetensors, so their digests agree.
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Models/sc.safetensors")
        let bytes = [UInt8](try Data(contentsOf: file))
        XCTAssertEqual(try Denoiser.pretrained(.sc).weightsDigest(), SHA256.hexDigest(of: bytes))
    }

    func testStagedNamesAreUniquePerWriterAndStaleOnlyWhenTheWriterIsGone() throws {
        let output = URL(fileURLWithPath: "/out/sub/image.png")
        let staged = StagedFile(host: "node-1.cluster", pid: 4242, token: "ab12cd34")
        let url = staged.url(for: output)
        XCTAssertEqual(url.path, "/out/sub/.image.gs-node_1_cluster-4242-ab12cd34.partial.png")
        XCTAssertEqual(StagedFile.parse(url.lastPathComponent, forOutputNamed: "image.png"), staged)
        XCTAssertNil(StagedFile.parse(url.lastPathComponent, forOutputNamed: "other.png"))
        XCTAssertNil(StagedFile.parse(".image.png", forOutputNamed: "image.png"))
        XCTAssertNotEqual(StagedFile().url(for: output), StagedFile().url(for: output))

        XCTAssertTrue(staged.isStale(thisHost: "node-1.cluster", isRunning: { _ in false }, age: 1, maximumAge: 100))
        XCTAssertFalse(staged.isStale(thisHost: "node-1.cluster", isRunning: { $0 == 4242 }, age: 1_000, maximumAge: 100))
        XCTAssertFalse(staged.isStale(thisHost: "node-2", isRunning: { _ in false }, age: 1, maximumAge: 100))
        XCTAssertTrue(staged.isStale(thisHost: "node-2", isRunning: { _ in true }, age: 1_000, maximumAge: 100))
    }
}
