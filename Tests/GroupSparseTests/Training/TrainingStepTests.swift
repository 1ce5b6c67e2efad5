import XCTest
@testable import GroupSparse

final class TrainingStepTests: XCTestCase {
    private let configuration = SparseCoderConfiguration(patchSize: 5, channels: 1, atomCount: 16, unfoldingCount: 3)
    private let cropSize = 16

    private func fixedBatch() -> TrainingBatch {
        var generator = SeededGenerator(seed: 11)
        var batch = TrainingBatch(clean: [], noisy: [], sigmas: [], lossWeights: [])
        for (index, sigma) in [Float(10), 25, 40, 55].enumerated() {
            let clean = SyntheticTrainingImages.image(size: cropSize, seed: UInt64(20 + index))
            batch.clean.append(clean)
            batch.noisy.append(clean.addingGaussianNoise(sigma: Double(sigma), using: &generator))
            batch.sigmas.append(sigma / 255)
            batch.lossWeights.append(255 * 255 / (sigma * sigma + 10))
        }
        return batch
    }

    private func initialWeights() -> SparseCoderWeights {
        var dictionary = SyntheticTrainingImages.dctDictionary(patchSize: 5, atomCount: 16)
        let scale = 1 / dictionary.largestEigenvalueOfGram().squareRoot()
        for index in dictionary.values.indices { dictionary.values[index] *= scale }
        return SparseCoderWeights(configuration: configuration, dictionary: dictionary, thresholdSlope: 0.3)
    }

    func testTwentyAdamStepsOnAFixedBatchLowerTheLoss() {
        let batch = fixedBatch()
        let batchLoss = BatchLoss(configuration: configuration, cropSize: cropSize, cropCount: batch.noisy.count)
        var weights = initialWeights()
        var optimiser = AdamOptimizer(learningRate: 2e-3, tensorSizes: weights.tensors.map(\.count))
        let initialLoss = batchLoss.evaluate(weights, batch: batch, gradient: nil).loss
        var losses: [Double] = []
        for _ in 0..<20 {
            var gradient = SparseCoderGradient(configuration: configuration)
            losses.append(batchLoss.evaluate(weights, batch: batch, gradient: &gradient).loss)
            var tensors = weights.tensors
            optimiser.update(&tensors, gradients: gradient.tensors)
            weights.tensors = tensors
            weights.projectThresholds()
        }
        let finalLoss = batchLoss.evaluate(weights, batch: batch, gradient: nil).loss
        XCTAssertEqual(losses[0], initialLoss, "evaluating with a gradient must not change the loss")
        XCTAssertTrue(finalLoss.isFinite)
        XCTAssertLessThan(finalLoss, 0.6 * initialLoss, "loss went from \(initialLoss) to \(finalLoss)")
        XCTAssertTrue(weights.thresholdOffsets.values.allSatisfy { $0 >= 0 })
        XCTAssertTrue(weights.thresholdSlopes.values.allSatisfy { $0 >= 0 })
    }

    func testPerCropErrorsAreMeanSquaredErrorsOfTheDenoisedCrops() throws {
        let batch = fixedBatch()
        let weights = initialWeights()
        let result = BatchLoss(configuration: configuration, cropSize: cropSize, cropCount: batch.noisy.count)
            .evaluate(weights, batch: batch, gradient: nil)
        var weighted: Double = 0
        for crop in batch.noisy.indices {
            let estimate = try PatchwiseDenoising(weights: weights).denoise(batch.noisy[crop], sigma: batch.sigmas[crop])
            let error = zip(estimate.pixels, batch.clean[crop].pixels)
                .reduce(0.0) { $0 + Double($1.0 - $1.1) * Double($1.0 - $1.1) } / Double(estimate.pixels.count)
            XCTAssertEqual(result.meanSquaredErrors[crop], error, accuracy: 1e-5 * error)
            weighted += Double(batch.lossWeights[crop]) * error
        }
        XCTAssertEqual(result.loss, weighted / Double(batch.noisy.count), accuracy: 1e-5 * result.loss)
    }
}
