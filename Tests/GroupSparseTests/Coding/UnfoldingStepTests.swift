import XCTest
@_spi(Benchmarking) @testable import GroupSparse

final class UnfoldingStepTests: XCTestCase {
    /// Running unfoldings 1 ... T-1 one by one after the initialiser's unfolding 0 must give the codes
    /// of the whole iteration, which the reference loops of `UnrolledIterationTests` check.
    func testStepwiseUnfoldingsGiveTheCodesOfTheWholeIteration() {
        let configuration = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 7, unfoldingCount: 4)
        var generator = SeededGenerator(seed: 11)
        let weights = randomCoderWeights(
            configuration, generator: &generator, matrixScale: 0.25,
            offset: (mean: 0.05, spread: 0.02), slope: (mean: 1, spread: 0.3))
        let image = Image(width: 9, height: 8, channels: 1,
                          pixels: (0..<72).map { _ in Float(0.5 + 0.3 * generator.nextGaussian()) })
        let rows = 20, sigma = 40.0, p = configuration.atomCount

        let step = UnfoldingStep(weights: weights, image: image, sigma: sigma, rows: rows)
        for t in 1..<configuration.unfoldingCount { step.run(unfolding: t) }

        let grid = PatchGrid(image: image, patchSize: configuration.patchSize)
        var patches = [Float](repeating: 0, count: rows * configuration.patchLength)
        var means = [Float](repeating: 0, count: rows)
        var codes = [Float](repeating: .nan, count: rows * p)
        var workspace = UnrolledIteration.Workspace(rows: rows, configuration: configuration, segmentCount: 1)
        patches.withUnsafeMutableBufferPointer { y in
            means.withUnsafeMutableBufferPointer { grid.extractCentred(image, patches: 0..<rows, into: y.baseAddress!, means: $0.baseAddress!) }
            codes.withUnsafeMutableBufferPointer {
                UnrolledIteration.encode(weights, patches: y.baseAddress!, rows: rows,
                                         segments: [NoiseSegment(rows: 0..<rows, sigma: Float(sigma / 255))],
                                         codes: $0.baseAddress!, workspace: &workspace)
            }
        }

        XCTAssertEqual(step.rows, rows)
        XCTAssertEqual(step.codes.count, codes.count)
        for (value, expected) in zip(step.codes, codes) { XCTAssertEqual(value, expected, accuracy: 1e-6) }
        let zeros = codes.filter { $0 == 0 }.count
        XCTAssertGreaterThan(zeros, 0, "the thresholds must act for the comparison to mean anything")
        XCTAssertLessThan(zeros, codes.count)
    }
}
