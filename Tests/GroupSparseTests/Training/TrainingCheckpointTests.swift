import Foundation
import XCTest
@testable import GroupSparse

final class TrainingCheckpointTests: XCTestCase {
    private let temporaryDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("TrainingCheckpointTests-\(UUID().uuidString)")

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(at: temporaryDirectory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: temporaryDirectory)
    }

    private func sampleCheckpoint() -> TrainingCheckpoint {
        var configuration = TrainingConfiguration()
        configuration.model = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 6, unfoldingCount: 2)
        configuration.cropSize = 20
        configuration.batchSize = 3
        configuration.minimumSigma = 5
        configuration.maximumSigma = 50
        configuration.lossWeightFloor = 12.5
        configuration.stepCount = 777
        configuration.stepsPerEpoch = 33
        configuration.learningRate = 3.3e-4
        configuration.learningRateHalfLife = 250
        configuration.seed = 0xDEAD_BEEF_CAFE_F00D
        configuration.validationImageCount = 4
        configuration.validationCropSize = 40
        configuration.validationSigmas = [10, 30.5]
        configuration.dictionaryLearningRounds = 17
        configuration.checkpointInterval = 12.25

        var generator = SeededGenerator(seed: 2)
        let m = 9, p = 6, t = 2
        // Thresholds are non-negative in every valid file.
        func magnitudes(_ matrix: Matrix) -> Matrix {
            Matrix(rows: matrix.rows, columns: matrix.columns, values: matrix.values.map(abs))
        }
        func matrix(_ rows: Int, _ columns: Int) -> Matrix {
            Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { _ in Float(generator.nextGaussian()) })
        }
        let weights = SparseCoderWeights(configuration: configuration.model, analysis: matrix(m, p), dictionary: matrix(m, p),
                                         reconstruction: matrix(m, p), thresholdOffsets: magnitudes(matrix(t, p)),
                                  thresholdSlopes: magnitudes(matrix(t, p)))
        var optimiser = AdamOptimizer(learningRate: configuration.learningRate, tensorSizes: weights.tensors.map(\.count))
        var tensors = weights.tensors
        for _ in 0..<3 {
            let gradients = tensors.map { $0.map { _ in Float(generator.nextGaussian()) } }
            optimiser.update(&tensors, gradients: gradients)
        }
        return TrainingCheckpoint(weights: weights, optimiser: optimiser, step: 123, learningRateFactor: 0.1,
                                  bestValidationPSNR: 27.123_456_789_012_3, elapsedSeconds: 4567.891_011,
                                  configuration: configuration)
    }

    func testWriteAndReadGiveTheSameState() throws {
        let original = sampleCheckpoint()
        let url = temporaryDirectory.appendingPathComponent("run.checkpoint")
        try original.write(to: url)
        let restored = try TrainingCheckpoint(contentsOf: url)
        XCTAssertEqual(restored.weights, original.weights)
        XCTAssertEqual(restored.optimiser, original.optimiser)
        XCTAssertEqual(restored.optimiser.stepCount, 3)
        XCTAssertEqual(restored.optimiser.firstMoments.map { $0.map(\.bitPattern) },
                       original.optimiser.firstMoments.map { $0.map(\.bitPattern) })
        XCTAssertEqual(restored.optimiser.secondMoments.map { $0.map(\.bitPattern) },
                       original.optimiser.secondMoments.map { $0.map(\.bitPattern) })
        XCTAssertEqual(restored.step, 123)
        XCTAssertEqual(restored.learningRateFactor, original.learningRateFactor)
        XCTAssertEqual(restored.bestValidationPSNR, original.bestValidationPSNR)
        XCTAssertEqual(restored.elapsedSeconds, original.elapsedSeconds)
        XCTAssertEqual(restored.configuration, original.configuration)
    }

    func testCheckpointIsAlsoAValidModelFile() throws {
        let original = sampleCheckpoint()
        let url = temporaryDirectory.appendingPathComponent("run.checkpoint")
        try original.write(to: url)
        XCTAssertEqual(try SparseCoderWeights(safetensors: SafetensorsFile(contentsOf: url)), original.weights)
    }

    func testMissingMomentsOrCountersAreReported() throws {
        let url = temporaryDirectory.appendingPathComponent("run.checkpoint")
        try sampleCheckpoint().write(to: url)
        var file = try SafetensorsFile(contentsOf: url)
        file.tensors["adam.second.dictionary"] = nil
        let broken = temporaryDirectory.appendingPathComponent("broken.checkpoint")
        try file.write(to: broken)
        XCTAssertThrowsError(try TrainingCheckpoint(contentsOf: broken)) { error in
            XCTAssertEqual(error as? ModelFileError, .missingTensor("adam moments of dictionary"))
        }

        file = try SafetensorsFile(contentsOf: url)
        file.metadata["training.step"] = "many"
        try file.write(to: broken)
        XCTAssertThrowsError(try TrainingCheckpoint(contentsOf: broken)) { error in
            guard case .invalidMetadata(let key, _)? = error as? ModelFileError else {
                return XCTFail("expected invalid metadata, got \(error)")
            }
            XCTAssertEqual(key, "training.step")
        }
    }
}
