import Foundation
import XCTest
@testable import GroupSparse

final class TrainerEndToEndTests: XCTestCase {
    private let temporaryDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("TrainerEndToEndTests-\(UUID().uuidString)")
    private var imageFolder: URL { temporaryDirectory.appendingPathComponent("images") }

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(at: imageFolder, withIntermediateDirectories: true)
        for index in 0..<6 {
            let image = SyntheticTrainingImages.image(size: 40, seed: UInt64(100 + index))
            try PNGCodec.write(image, to: imageFolder.appendingPathComponent("image\(index).png"), bitDepth: 16)
        }
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: temporaryDirectory)
    }

    private func tinyConfiguration() -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.model = SparseCoderConfiguration(patchSize: 5, channels: 1, atomCount: 16, unfoldingCount: 2)
        configuration.cropSize = 16
        configuration.batchSize = 2
        configuration.stepCount = 6
        configuration.stepsPerEpoch = 3
        configuration.validationImageCount = 2
        configuration.validationCropSize = 24
        configuration.dictionaryLearningRounds = 5
        configuration.learningRate = 1e-3
        configuration.seed = 42
        return configuration
    }

    private func runDirectory(_ name: String) throws -> (output: URL, checkpoint: URL) {
        let directory = temporaryDirectory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory.appendingPathComponent("model.safetensors"), directory.appendingPathComponent("run.checkpoint"))
    }

    func testTinyRunWritesALoadableModelWithProvenanceAndResumesExactly() throws {
        let configuration = tinyConfiguration()

        // An uninterrupted run of six steps.
        let full = try runDirectory("full")
        var reports: [TrainingProgress] = []
        let returned = try Trainer(configuration: configuration).run(
            folder: imageFolder, output: full.output, checkpoint: full.checkpoint, resume: false,
            provenance: ["command": "groupsparse train --tiny"], progress: { reports.append($0) })

        XCTAssertEqual(reports.map(\.step), [3, 6])
        XCTAssertEqual(reports.map(\.epoch), [1, 2])
        XCTAssertTrue(reports.allSatisfy { $0.epochCount == 2 && $0.stepCount == 6 })
        XCTAssertTrue(reports.allSatisfy { $0.trainingLoss.isFinite && $0.trainingLoss > 0 })
        XCTAssertTrue(reports.allSatisfy { $0.validationPSNR.isFinite && $0.validationPSNR > 10 })
        XCTAssertTrue(reports.last!.line.contains("step 6/6"), reports.last!.line)

        let model = try SafetensorsFile(contentsOf: full.output)
        let weights = try SparseCoderWeights(safetensors: model)
        XCTAssertEqual(weights, returned)
        XCTAssertEqual(weights.configuration, configuration.model)
        XCTAssertEqual(model.metadata["command"], "groupsparse train --tiny")
        XCTAssertEqual(model.metadata["training.seed"], "42")
        XCTAssertNotNil(model.metadata["training.step"].flatMap(Int.init))
        XCTAssertNotNil(model.metadata["training.validation_psnr"].flatMap(Double.init))
        XCTAssertNotNil(model.metadata["training.wall_seconds"])
        XCTAssertNotNil(model.metadata["training.validation"])
        let recorded = try JSONDecoder().decode(
            TrainingConfiguration.self, from: Data(try XCTUnwrap(model.metadata["training.configuration"]).utf8))
        XCTAssertEqual(recorded, configuration)

        let fullState = try TrainingCheckpoint(contentsOf: full.checkpoint)
        XCTAssertEqual(fullState.step, 6)
        XCTAssertEqual(fullState.optimiser.stepCount, 6)
        XCTAssertEqual(fullState.configuration, configuration)

        // The same run stopped after four steps, then resumed from its checkpoint.
        let split = try runDirectory("split")
        var polls = 0
        try Trainer(configuration: configuration).run(
            folder: imageFolder, output: split.output, checkpoint: split.checkpoint, resume: false,
            shouldContinue: { polls += 1; return polls <= 4 })
        let interrupted = try TrainingCheckpoint(contentsOf: split.checkpoint)
        XCTAssertEqual(interrupted.step, 4)
        XCTAssertNotEqual(interrupted.weights, fullState.weights)

        try Trainer(configuration: configuration).run(
            folder: imageFolder, output: split.output, checkpoint: split.checkpoint, resume: true)
        let resumed = try TrainingCheckpoint(contentsOf: split.checkpoint)
        XCTAssertEqual(resumed.step, 6)
        for (resumedTensor, fullTensor) in zip(resumed.weights.tensors, fullState.weights.tensors) {
            XCTAssertEqual(resumedTensor.map(\.bitPattern), fullTensor.map(\.bitPattern))
        }
        XCTAssertEqual(resumed.optimiser, fullState.optimiser)
        XCTAssertEqual(resumed.learningRateFactor, fullState.learningRateFactor)
        XCTAssertEqual(resumed.bestValidationPSNR, fullState.bestValidationPSNR)
        XCTAssertEqual(try SparseCoderWeights(safetensors: SafetensorsFile(contentsOf: split.output)), weights)

        // A run can be extended on resume, but not continued under settings that shape it differently.
        var longer = configuration
        longer.stepCount = 9
        XCTAssertNoThrow(try Trainer(configuration: longer).run(
            folder: imageFolder, output: split.output, checkpoint: split.checkpoint, resume: true))
        var reshaped = longer
        reshaped.batchSize += 1
        reshaped.model.atomCount = 8
        XCTAssertThrowsError(try Trainer(configuration: reshaped).run(
            folder: imageFolder, output: split.output, checkpoint: split.checkpoint, resume: true)) { error in
            XCTAssertEqual(error as? TrainingError,
                           .checkpointMismatch(path: split.checkpoint.path, settings: ["batchSize", "model.atomCount"]))
        }
    }

    func testAStopRequestKeepsTheWorkDoneAndTheResumeSaysWhereItContinues() throws {
        var configuration = tinyConfiguration()
        configuration.learningRateDecay = .cosine
        configuration.warmupSteps = 2
        let run = try runDirectory("stopped")
        var notices: [String] = []
        try Trainer(configuration: configuration).run(
            folder: imageFolder, output: run.output, checkpoint: run.checkpoint, resume: false,
            notice: { notices.append($0) }, shouldContinue: { false })
        XCTAssertEqual(try TrainingCheckpoint(contentsOf: run.checkpoint).step, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: run.output.path))
        XCTAssertEqual(notices.count, 3, "\(notices)")
        XCTAssertEqual(notices[0], "learning the initial dictionary (5 rounds) from the training images")
        XCTAssertTrue(notices[1].hasPrefix("initial weights: validation "), notices[1])
        XCTAssertTrue(notices[2].hasPrefix("stopped at step 0 of 6"), notices[2])

        notices = []
        var reports: [TrainingProgress] = []
        try Trainer(configuration: configuration).run(
            folder: imageFolder, output: run.output, checkpoint: run.checkpoint, resume: true,
            progress: { reports.append($0) }, notice: { notices.append($0) })
        XCTAssertTrue(notices.first?.hasPrefix("resuming from step 0 of \(run.checkpoint.path)") == true, "\(notices)")
        XCTAssertEqual(reports.map(\.step), [3, 6])
        XCTAssertTrue(reports.allSatisfy { $0.secondsPerStep > 0 && $0.coresObtained > 0 })

        // The cosine schedule is shaped by the run's length, so a resume may not change it.
        var longer = configuration
        longer.stepCount = 9
        XCTAssertThrowsError(try Trainer(configuration: longer).run(
            folder: imageFolder, output: run.output, checkpoint: run.checkpoint, resume: true)) { error in
            XCTAssertEqual(error as? TrainingError, .checkpointMismatch(path: run.checkpoint.path, settings: ["stepCount"]))
        }
    }

    func testInvalidSettingsAreRejected() {
        var configuration = tinyConfiguration()
        configuration.cropSize = 4
        XCTAssertThrowsError(try Trainer(configuration: configuration))
        configuration = tinyConfiguration()
        configuration.maximumSigma = -1
        XCTAssertThrowsError(try Trainer(configuration: configuration))
        configuration = tinyConfiguration()
        configuration.validationSigmas = []
        XCTAssertThrowsError(try Trainer(configuration: configuration))
        configuration = tinyConfiguration()
        configuration.warmupSteps = configuration.stepCount
        XCTAssertThrowsError(try Trainer(configuration: configuration))
        configuration = tinyConfiguration()
        configuration.finalLearningRateRatio = 0
        XCTAssertThrowsError(try Trainer(configuration: configuration))
        for broken in [NonLocalConfiguration(neighbourCount: 0, searchRadius: 2, refreshInterval: 1),
                       NonLocalConfiguration(neighbourCount: 4, searchRadius: 2, refreshInterval: 0),
                       NonLocalConfiguration(neighbourCount: 4, searchRadius: -1, refreshInterval: 1)] {
            configuration = tinyConfiguration()
            configuration.nonLocal = broken
            XCTAssertThrowsError(try Trainer(configuration: configuration)) { error in
                guard case .invalidSetting? = error as? TrainingError else { return XCTFail("\(error)") }
            }
        }
    }

    func testTooFewOrTooSmallImagesAreReported() throws {
        var configuration = tinyConfiguration()
        configuration.validationImageCount = 6
        let run = try runDirectory("few")
        XCTAssertThrowsError(try Trainer(configuration: configuration).run(
            folder: imageFolder, output: run.output, checkpoint: run.checkpoint, resume: false)) { error in
            XCTAssertEqual(error as? TrainingError, .notEnoughImages(folder: imageFolder.path, found: 6, needed: 7))
        }

        // Training images must hold a training crop; held-out images are centre-cropped to what they have.
        configuration = tinyConfiguration()
        configuration.cropSize = 48
        XCTAssertThrowsError(try Trainer(configuration: configuration).run(
            folder: imageFolder, output: run.output, checkpoint: run.checkpoint, resume: false)) { error in
            guard case .imageTooSmall(_, 40, 40, 48)? = error as? TrainingError else {
                return XCTFail("expected an image too small, got \(error)")
            }
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.output.path))
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.checkpoint.path))
    }
}
