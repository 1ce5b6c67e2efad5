import XCTest
@testable import GroupSparse

final class UnrolledIterationAdjointTests: XCTestCase {
    private let configuration = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 7, unfoldingCount: 4)
    private let cropSize = 7

    private func randomWeights(seed: UInt64) -> SparseCoderWeights {
        var generator = SeededGenerator(seed: seed)
        return randomCoderWeights(
            configuration, generator: &generator, matrixScale: 0.3,
            offset: (mean: 0.03, spread: 0.01), slope: (mean: 0.3, spread: 0.1))
    }

    private func randomBatch(seed: UInt64) -> TrainingBatch {
        var generator = SeededGenerator(seed: seed)
        var batch = TrainingBatch(clean: [], noisy: [], sigmas: [], lossWeights: [])
        for sigma in [10.0, 40.0] {
            let pixels = (0..<cropSize * cropSize).map { _ in generator.nextUniformFloat() }
            let clean = Image(width: cropSize, height: cropSize, channels: 1, pixels: pixels)
            batch.clean.append(clean)
            batch.noisy.append(clean.addingGaussianNoise(sigma: sigma, using: &generator))
            batch.sigmas.append(Float(sigma / 255))
            batch.lossWeights.append(Float(1 + sigma / 50))
        }
        return batch
    }

    func testForwardMatchesReferenceLoops() {
        let weights = randomWeights(seed: 1)
        let batch = randomBatch(seed: 2)
        let loss = BatchLoss(configuration: configuration, cropSize: cropSize, cropCount: 2)
        let fast = loss.evaluate(weights, batch: batch, gradient: nil).loss
        let reference = ReferenceSparseCoder(weights).loss(batch)
        XCTAssertEqual(fast, reference, accuracy: 1e-5 * reference)
        XCTAssertGreaterThan(reference, 0)
    }

    func testGradientMatchesCentralDifferences() {
        let weights = randomWeights(seed: 3)
        let batch = randomBatch(seed: 4)
        let loss = BatchLoss(configuration: configuration, cropSize: cropSize, cropCount: 2)
        var gradient = SparseCoderGradient(configuration: configuration)
        _ = loss.evaluate(weights, batch: batch, gradient: &gradient)
        let analytic = gradient.tensors

        var reference = ReferenceSparseCoder(weights)
        let step = 1e-6
        var checked = 0
        var generator = SeededGenerator(seed: 5)
        for tensor in 0..<5 {
            for _ in 0..<12 {
                let index = Int(generator.next() % UInt64(reference.tensors[tensor].count))
                let original = reference.tensors[tensor][index]
                reference.tensors[tensor][index] = original + step
                let plus = reference.loss(batch)
                reference.tensors[tensor][index] = original - step
                let minus = reference.loss(batch)
                reference.tensors[tensor][index] = original
                let numeric = (plus - minus) / (2 * step)
                let exact = Double(analytic[tensor][index])
                XCTAssertEqual(exact, numeric, accuracy: 1e-3 * max(abs(numeric), 1e-2),
                               "\(SparseCoderWeights.tensorNames[tensor])[\(index)]")
                checked += 1
            }
        }
        XCTAssertEqual(checked, 60)
        // A gradient that is zero everywhere would pass trivially; make sure every tensor is exercised.
        for tensor in 0..<5 { XCTAssertGreaterThan(analytic[tensor].map(abs).max() ?? 0, 0) }
    }

    func testAReusedBatchLossGivesTheGradientOfAFreshOne() {
        let weights = randomWeights(seed: 6)
        let first = randomBatch(seed: 7), second = randomBatch(seed: 8)
        func gradient(_ loss: BatchLoss, _ batch: TrainingBatch) -> [[Float]] {
            var gradient = SparseCoderGradient(configuration: configuration)
            _ = loss.evaluate(weights, batch: batch, gradient: &gradient)
            return gradient.tensors
        }
        let reused = BatchLoss(configuration: configuration, cropSize: cropSize, cropCount: 2)
        _ = gradient(reused, first)
        XCTAssertEqual(gradient(reused, second),
                       gradient(BatchLoss(configuration: configuration, cropSize: cropSize, cropCount: 2), second))
    }
}
