import XCTest
@testable import GroupSparse

final class UnrolledIterationTests: XCTestCase {
    private let configuration = SparseCoderConfiguration(patchSize: 3, channels: 2, atomCount: 7, unfoldingCount: 4)

    private func randomWeights(seed: UInt64) -> SparseCoderWeights {
        var generator = SeededGenerator(seed: seed)
        return randomCoderWeights(
            configuration, generator: &generator, matrixScale: 0.25,
            offset: (mean: 0.05, spread: 0.02), slope: (mean: 1, spread: 0.3))
    }

    /// LISTA written loop by loop in double precision: from `alpha = 0`,
    /// `alpha <- S_lambda_t(alpha + C^T (y - D alpha))` with `lambda_t = a_t + b_t * sigma`.
    /// Returns the final codes and the pre-activations of every unfolding.
    private func referenceEncode(
        _ weights: SparseCoderWeights, patch y: [Double], sigma: Double
    ) -> (codes: [Double], preActivations: [[Double]]) {
        let m = configuration.patchLength, p = configuration.atomCount
        let c = weights.analysis.values.map(Double.init), d = weights.dictionary.values.map(Double.init)
        let a = weights.thresholdOffsets.values.map(Double.init), b = weights.thresholdSlopes.values.map(Double.init)
        var alpha = [Double](repeating: 0, count: p)
        var preActivations: [[Double]] = []
        for t in 0..<configuration.unfoldingCount {
            var residual = y
            for i in 0..<m { for j in 0..<p { residual[i] -= d[i * p + j] * alpha[j] } }
            var z = alpha
            for j in 0..<p { for i in 0..<m { z[j] += c[i * p + j] * residual[i] } }
            preActivations.append(z)
            for j in 0..<p {
                let lambda = a[t * p + j] + b[t * p + j] * sigma
                alpha[j] = z[j] > lambda ? z[j] - lambda : (z[j] < -lambda ? z[j] + lambda : 0)
            }
        }
        return (alpha, preActivations)
    }

    func testEncodeAndDecodeMatchReferenceLoopsWithTwoNoiseLevels() {
        let weights = randomWeights(seed: 1)
        let m = configuration.patchLength, p = configuration.atomCount, depth = configuration.unfoldingCount
        let rows = 11
        let segments = [NoiseSegment(rows: 0..<4, sigma: 0.05), NoiseSegment(rows: 4..<rows, sigma: 0.3)]
        var generator = SeededGenerator(seed: 2)
        let patches = (0..<rows * m).map { _ in Float(generator.nextGaussian()) }

        var codes = [Float](repeating: .nan, count: rows * p)
        var decoded = [Float](repeating: .nan, count: rows * m)
        var tracedZ = [Float](repeating: 0, count: depth * rows * p)
        var tracedR = [Float](repeating: 0, count: depth * rows * m)
        var workspace = UnrolledIteration.Workspace(rows: rows, configuration: configuration, segmentCount: 2)
        var tracedCodes = codes
        patches.withUnsafeBufferPointer { y in
            codes.withUnsafeMutableBufferPointer { codeBuffer in
                UnrolledIteration.encode(weights, patches: y.baseAddress!, rows: rows, segments: segments,
                                         codes: codeBuffer.baseAddress!, workspace: &workspace)
            }
            tracedCodes.withUnsafeMutableBufferPointer { codeBuffer in
                tracedZ.withUnsafeMutableBufferPointer { z in
                    tracedR.withUnsafeMutableBufferPointer { r in
                        UnrolledIteration.encode(
                            weights, patches: y.baseAddress!, rows: rows, segments: segments,
                            codes: codeBuffer.baseAddress!, workspace: &workspace,
                            trace: .init(preActivations: z.baseAddress!, residuals: r.baseAddress!))
                    }
                }
            }
        }
        codes.withUnsafeBufferPointer { codeBuffer in
            decoded.withUnsafeMutableBufferPointer {
                UnrolledIteration.decode(weights, codes: codeBuffer.baseAddress!, rows: rows, into: $0.baseAddress!)
            }
        }
        XCTAssertEqual(tracedCodes, codes, "recording a trace must not change the result")

        let w = weights.reconstruction.values.map(Double.init)
        var zeros = 0
        for segment in segments {
            for row in segment.rows {
                let y = patches[row * m..<(row + 1) * m].map(Double.init)
                let reference = referenceEncode(weights, patch: y, sigma: Double(segment.sigma))
                for j in 0..<p {
                    XCTAssertEqual(Double(codes[row * p + j]), reference.codes[j], accuracy: 1e-5, "row \(row) atom \(j)")
                    if reference.codes[j] == 0 { zeros += 1 }
                    for t in 0..<depth {
                        XCTAssertEqual(Double(tracedZ[(t * rows + row) * p + j]), reference.preActivations[t][j],
                                       accuracy: 1e-5, "Z_\(t) row \(row) atom \(j)")
                    }
                }
                for i in 0..<m {
                    var x: Double = 0
                    for j in 0..<p { x += w[i * p + j] * reference.codes[j] }
                    XCTAssertEqual(Double(decoded[row * m + i]), x, accuracy: 1e-5, "decoded row \(row) sample \(i)")
                }
            }
        }
        // Thresholds must be active for some entries and not all, or the comparison proves little.
        XCTAssertGreaterThan(zeros, rows * p / 10)
        XCTAssertLessThan(zeros, rows * p * 9 / 10)
    }

    func testEachSegmentIsCodedAsIfOnItsOwn() {
        let weights = randomWeights(seed: 3)
        let m = configuration.patchLength, p = configuration.atomCount
        var generator = SeededGenerator(seed: 4)
        let patch = (0..<m).map { _ in Float(generator.nextGaussian()) }
        func encode(_ patches: [Float], _ segments: [NoiseSegment]) -> [Float] {
            let rows = patches.count / m
            var codes = [Float](repeating: 0, count: rows * p)
            var workspace = UnrolledIteration.Workspace(rows: rows, configuration: configuration, segmentCount: segments.count)
            patches.withUnsafeBufferPointer { y in
                codes.withUnsafeMutableBufferPointer {
                    UnrolledIteration.encode(weights, patches: y.baseAddress!, rows: rows, segments: segments,
                                             codes: $0.baseAddress!, workspace: &workspace)
                }
            }
            return codes
        }
        let together = encode(patch + patch, [NoiseSegment(rows: 0..<1, sigma: 0), NoiseSegment(rows: 1..<2, sigma: 0.4)])
        let alone = encode(patch, [NoiseSegment(rows: 0..<1, sigma: 0)])
            + encode(patch, [NoiseSegment(rows: 0..<1, sigma: 0.4)])
        for (value, expected) in zip(together, alone) { XCTAssertEqual(value, expected, accuracy: 1e-6) }
        XCTAssertNotEqual(Array(together[0..<p]), Array(together[p..<2 * p]), "sigma must change the thresholds")
    }

    func testIstaWithUnitSpectralNormReconstructsPatchesInTheSpanMonotonically() {
        let k = 4, p = 6
        let ista = SparseCoderConfiguration(patchSize: k, channels: 1, atomCount: p, unfoldingCount: 1)
        let m = ista.patchLength
        var generator = SeededGenerator(seed: 5)
        var dictionary = Matrix(rows: m, columns: p, values: (0..<m * p).map { _ in Float(generator.nextGaussian()) })
        let scale = 1 / dictionary.largestEigenvalueOfGram().squareRoot()
        for index in dictionary.values.indices { dictionary.values[index] *= scale }

        let rows = 3
        let coefficients = Matrix(rows: rows, columns: p, values: (0..<rows * p).map { _ in Float(generator.nextGaussian()) })
        let patches = Matrix.product(coefficients, .plain, dictionary, .transposed)
        let signalNorm = patches.frobeniusNorm

        var residuals: [Float] = []
        for depth in 1...150 {
            let configuration = SparseCoderConfiguration(patchSize: k, channels: 1, atomCount: p, unfoldingCount: depth)
            let weights = SparseCoderWeights(configuration: configuration, dictionary: dictionary, thresholdSlope: 0)
            var codes = [Float](repeating: 0, count: rows * p)
            var estimate = [Float](repeating: 0, count: rows * m)
            var workspace = UnrolledIteration.Workspace(rows: rows, configuration: configuration, segmentCount: 1)
            patches.values.withUnsafeBufferPointer { y in
                codes.withUnsafeMutableBufferPointer { codeBuffer in
                    UnrolledIteration.encode(weights, patches: y.baseAddress!, rows: rows,
                                             segments: [NoiseSegment(rows: 0..<rows, sigma: 0.2)],
                                             codes: codeBuffer.baseAddress!, workspace: &workspace)
                    estimate.withUnsafeMutableBufferPointer {
                        UnrolledIteration.decode(weights, codes: codeBuffer.baseAddress!, rows: rows, into: $0.baseAddress!)
                    }
                }
            }
            let difference = zip(estimate, patches.values).map { $0 - $1 }
            residuals.append(Matrix(rows: rows, columns: m, values: difference).frobeniusNorm)
        }
        for depth in 1..<residuals.count {
            XCTAssertLessThanOrEqual(residuals[depth], residuals[depth - 1] * (1 + 1e-5) + 1e-6,
                                     "residual grew from \(depth) to \(depth + 1) unfoldings")
        }
        XCTAssertLessThan(residuals[0], signalNorm)
        XCTAssertLessThan(residuals.last!, 1e-3 * signalNorm)
    }
}
