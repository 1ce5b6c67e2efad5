import Foundation
import XCTest
@testable import GroupSparse

final class TrainCommandLineTests: XCTestCase {
    private var tool: CommandLineTool!
    private var folder: URL!

    override func setUpWithError() throws {
        tool = try CommandLineTool()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("TrainCommandLineTests-\(UUID().uuidString)")
        let images = folder.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        for index in 0..<4 {
            let image = SyntheticTrainingImages.image(size: 96, seed: UInt64(200 + index))
            try PNGCodec.write(image, to: images.appendingPathComponent("image\(index).png"), bitDepth: 8)
        }
    }

    override func tearDownWithError() throws {
        if let folder { try FileManager.default.removeItem(at: folder) }
    }

    private let tinyRun = [
        "train", "--data", "images", "--output", "model.safetensors", "--patch-size", "5", "--atoms", "16",
        "--unfoldings", "2", "--crop-size", "16", "--batch-size", "2", "--validation-images", "2",
        "--steps", "1000000", "--steps-per-epoch", "1000", "--learning-rate-decay", "cosine", "--warmup-steps", "10",
        "--threads", "1",
    ]

    func testInterruptWritesACheckpointAndAResumeNamesTheSettingsItMayNotChange() throws {
        let checkpoint = folder.appendingPathComponent("model.checkpoint.safetensors")
        let process = Process()
        process.executableURL = tool.executable
        process.arguments = tinyRun
        process.currentDirectoryURL = folder
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The first checkpoint is written right after initialisation, long before the first epoch ends.
        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: checkpoint.path), process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: checkpoint.path), "no checkpoint after initialisation")
        kill(process.processIdentifier, SIGINT)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 128 + SIGINT, text)
        XCTAssertTrue(text.contains("interrupt received: stopping after the current step"), text)
        XCTAssertTrue(text.contains("stopped at step "), text)
        XCTAssertTrue(text.contains("continue with the same command and --resume"), text)

        let resumed = try tool.run(tinyRun + ["--resume", "--batch-size", "3", "--steps", "999999"], in: folder)
        XCTAssertEqual(resumed.status, 64, resumed.standardError)
        XCTAssertTrue(resumed.standardError.contains("other values of --batch-size, --steps"), resumed.standardError)
    }

    func testScheduleOptionsAreValidated() throws {
        let decay = try tool.run(tinyRun + ["--learning-rate-decay", "linear"], in: folder)
        XCTAssertEqual(decay.status, 64, decay.standardError)
        XCTAssertTrue(decay.standardError.contains("--learning-rate-decay 'linear'"), decay.standardError)
        let warmup = try tool.run(tinyRun + ["--warmup-steps", "2000000"], in: folder)
        XCTAssertNotEqual(warmup.status, 0)
        XCTAssertTrue(warmup.standardError.contains("warm-up"), warmup.standardError)
    }
}
