import XCTest
@testable import GroupSparse

final class GroupSparsePassAdjointTests: XCTestCase {
    private let configuration = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 6, unfoldingCount: 4)
    private let nonLocal = NonLocalConfiguration(neighbourCount: 4, searchRadius: 2, refreshInterval: 2)
    private let cropSize = 7

    private func randomWeights(seed: UInt64) -> SparseCoderWeights {
        var generator = SeededGenerator(seed: seed)
        var weights = randomCoderWeights(
            configuration, generator: &generator, matrixScale: 0.3,
            offset: (mean: 0.02, spread: 0.01), slope: (mean: 0.2, spread: 0.1))
        weights.nonLocal = NonLocalWeights(
            configuration: nonLocal,
            similarityScales: (0..<configuration.patchLength).map { _ in Float(2 + 0.5 * generator.nextGaussian()) }, mixing: 0.4)
        weights.projectThresholds()
        return weights
    }

    private func randomBatch(seed: UInt64) -> TrainingBatch {
        var generator = SeededGenerator(seed: seed)
        var batch = TrainingBatch(clean: [], noisy: [], sigmas: [], lossWeights: [])
        for sigma in [15.0, 40.0] {
            let pixels = (0..<cropSize * cropSize).map { index in
                0.5 + 0.3 * Float(sin(Double(index % cropSize) * 0.9)) + 0.1 * generator.nextUniformFloat()
            }
            let clean = Image(width: cropSize, height: cropSize, channels: 1, pixels: pixels)
            batch.clean.append(clean)
            batch.noisy.append(clean.addingGaussianNoise(sigma: sigma, using: &generator))
            batch.sigmas.append(Float(sigma / 255))
            batch.lossWeights.append(Float(1 + sigma / 50))
        }
        return batch
    }

    private func pass() -> GroupSparsePass {
        GroupSparsePass(configuration: configuration, nonLocal: nonLocal, width: cropSize, height: cropSize,
                        imageCount: 2, recordsTrace: true)
    }

    func testForwardMatchesReferenceLoops() {
        let weights = randomWeights(seed: 11)
        let batch = randomBatch(seed: 12)
        let loss = BatchLoss(configuration: configuration, cropSize: cropSize, cropCount: 2)
        let fast = loss.evaluate(weights, batch: batch, gradient: nil).loss
        let groupPass = pass()
        _ = try! groupPass.forward(weights, noisy: batch.noisy, sigmas: batch.sigmas)
        let reference = ReferenceGroupSparseCoder(weights, pass: groupPass).loss(batch)
        XCTAssertEqual(fast, reference, accuracy: 1e-4 * reference)
        XCTAssertGreaterThan(reference, 0)
    }

    func testGradientMatchesCentralDifferences() {
        let weights = randomWeights(seed: 13)
        let batch = randomBatch(seed: 14)
        let groupPass = pass()
        let estimates = try! groupPass.forward(weights, noisy: batch.noisy, sigmas: batch.sigmas)
        var imageGradients: [[Float]] = []
        for crop in 0..<2 {
            let scale = 2 * batch.lossWeights[crop] / Float(cropSize * cropSize * 2)
            imageGradients.append(zip(estimates[crop].pixels, batch.clean[crop].pixels).map { scale * ($0 - $1) })
        }
        var gradient = SparseCoderGradient(shapeOf: weights)
        groupPass.backward(weights, imageGradients: imageGradients, into: &gradient)
        let analytic = gradient.tensors

        var reference = ReferenceGroupSparseCoder(weights, pass: groupPass)
        let step = 1e-6
        var generator = SeededGenerator(seed: 15)
        for tensor in 0..<7 {
            let draws = tensor == 6 ? 1 : 8
            for _ in 0..<draws {
                let index = Int(generator.next() % UInt64(reference.tensors[tensor].count))
                let original = reference.tensors[tensor][index]
                reference.tensors[tensor][index] = original + step
                let plus = reference.loss(batch)
                reference.tensors[tensor][index] = original - step
                let minus = reference.loss(batch)
                reference.tensors[tensor][index] = original
                let numeric = (plus - minus) / (2 * step)
                XCTAssertEqual(Double(analytic[tensor][index]), numeric, accuracy: 2e-3 * max(abs(numeric), 1e-2),
                               "\(weights.learnedTensorNames[tensor])[\(index)]")
            }
        }
        for tensor in 0..<7 { XCTAssertGreaterThan(analytic[tensor].map(abs).max() ?? 0, 0, weights.learnedTensorNames[tensor]) }
    }

    func testResultsDoNotDependOnTheThreadCount() {
        let weights = randomWeights(seed: 16)
        let batch = randomBatch(seed: 17)
        var results: [[[Float]]] = []
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        for threads in [1, 2] {
            Parallelism.threadCount = threads
            let groupPass = pass()
            let estimates = try! groupPass.forward(weights, noisy: batch.noisy, sigmas: batch.sigmas)
            var gradient = SparseCoderGradient(shapeOf: weights)
            groupPass.backward(weights, imageGradients: estimates.map(\.pixels), into: &gradient)
            results.append(estimates.map(\.pixels) + gradient.tensors)
        }
        XCTAssertEqual(results[0], results[1])
    }

    /// Estimates and gradient of one forward and backward call.
    private func step(_ groupPass: GroupSparsePass, _ weights: SparseCoderWeights, _ batch: TrainingBatch) -> [[Float]] {
        let estimates = try! groupPass.forward(weights, noisy: batch.noisy, sigmas: batch.sigmas)
        var gradient = SparseCoderGradient(shapeOf: weights)
        groupPass.backward(weights, imageGradients: estimates.map(\.pixels), into: &gradient)
        return estimates.map(\.pixels) + gradient.tensors
    }

    func testAReusedPassGivesTheResultsOfAFreshOne() {
        let weights = randomWeights(seed: 18)
        let first = randomBatch(seed: 19), second = randomBatch(seed: 20)
        let reused = pass()
        _ = step(reused, weights, first)
        XCTAssertEqual(step(reused, weights, second), step(pass(), weights, second))
    }

    func testInferenceSlotsGiveTheTracedEstimates() throws {
        // A refresh at every unfolding cycles the two pilot slots of an untraced pass.
        let everyUnfolding = NonLocalConfiguration(neighbourCount: 4, searchRadius: 2, refreshInterval: 1)
        var weights = randomWeights(seed: 21)
        weights.nonLocal = NonLocalWeights(configuration: everyUnfolding,
                                           similarityScales: weights.nonLocal!.similarityScales, mixing: 0.4)
        let first = randomBatch(seed: 22), second = randomBatch(seed: 23)
        func make(_ traced: Bool) -> GroupSparsePass {
            GroupSparsePass(configuration: configuration, nonLocal: everyUnfolding, width: cropSize, height: cropSize,
                            imageCount: 2, recordsTrace: traced)
        }
        let untraced = make(false)
        _ = try untraced.forward(weights, noisy: first.noisy, sigmas: first.sigmas)
        let reusedEstimates = try untraced.forward(weights, noisy: second.noisy, sigmas: second.sigmas)
        let tracedEstimates = try make(true).forward(weights, noisy: second.noisy, sigmas: second.sigmas)
        XCTAssertEqual(reusedEstimates.map(\.pixels), tracedEstimates.map(\.pixels))
        XCTAssertEqual(untraced.pilots.count, 2)
    }
}
