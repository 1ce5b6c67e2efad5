import CKernels
import Foundation
import XCTest
@testable import GroupSparse

/// The similarity-weight kernels against plain double-precision loops, in every kernel set this CPU
/// supports. The vector sets sum the exponent in another order and use their own exponential, so
/// the checks allow the rounding of the exponent's terms and two ulps of `exp`.
final class SimilarityWeightsKernelTests: XCTestCase {
    private struct Problem {
        var rows: Int
        var length: Int
        var neighbours: Int
        var bias: Float
        var pilot: [Float]
        var indices: [Int32]
        var kappa: [Float]

        init(rows: Int, length: Int, neighbours: Int, bias: Float, seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            self.rows = rows
            self.length = length
            self.neighbours = neighbours
            self.bias = bias
            pilot = (0..<rows * length).map { _ in Float(0.1 * generator.nextGaussian()) }
            indices = (0..<rows * neighbours).map { position in
                position % neighbours == 0 ? Int32(position / neighbours) : Int32(generator.next() % UInt64(rows))
            }
            // Exponents of order one, some of them clamped, whatever the patch length.
            kappa = (0..<length).map { _ in (Float(0.5) + 2.5 * generator.nextUniformFloat()).squareRoot() / Float(length).squareRoot() * 7 }
        }

        /// The exponent of slot `position`, in double precision with the size of its terms.
        func exponent(_ position: Int) -> ReferenceSum {
            let row = position / neighbours, other = Int(indices[position])
            var sum = ReferenceSum()
            for q in 0..<length {
                let difference = Double(pilot[row * length + q] - pilot[other * length + q])
                let scale = Double(kappa[q]) * Double(kappa[q])
                sum.add(scale * (difference * difference - Double(bias)))
            }
            return sum
        }

        func weights() -> [Float] {
            var weights = [Float](repeating: .nan, count: rows * neighbours)
            pilot.withUnsafeBufferPointer { x in indices.withUnsafeBufferPointer { i in
            kappa.withUnsafeBufferPointer { scales in weights.withUnsafeMutableBufferPointer { s in
                // Two calls over a split of the rows, as the chunks of a pass make them.
                let split = rows / 3
                gs_similarity_weights(x.baseAddress!, length, i.baseAddress!, neighbours, scales.baseAddress!,
                                      bias, 0, split, s.baseAddress!)
                gs_similarity_weights(x.baseAddress!, length, i.baseAddress!, neighbours, scales.baseAddress!,
                                      bias, split, rows - split, s.baseAddress!)
            }}}}
            return weights
        }
    }

    private func problems() -> [Problem] {
        var problems: [Problem] = []
        for length in [81, 243] + Array(1...17) + Array(31...33) {
            for neighbours in [16, 1, 17] {
                for bias: Float in [0, 0.01] {
                    problems.append(Problem(rows: 23, length: length, neighbours: neighbours, bias: bias,
                                            seed: UInt64(length * 100 + neighbours)))
                }
            }
        }
        return problems
    }

    func testWeightsMatchThePlainLoop() {
        var clamped = 0, between = 0
        forEachSupportedKernelSet { set in
            for problem in problems() {
                let weights = problem.weights()
                for position in weights.indices {
                    let exponent = problem.exponent(position)
                    let expected = exp(-max(0, exponent.value))
                    let allowed = expected * (1e-5 * exponent.magnitude + 2.5e-7) + 1e-44
                    if abs(Double(weights[position]) - expected) > allowed {
                        return XCTFail("\(set) m \(problem.length) K \(problem.neighbours) [\(position)]: "
                                       + "\(weights[position]), expected \(expected)")
                    }
                    if position % problem.neighbours == 0 {
                        XCTAssertEqual(weights[position], 1, "\(set): a patch has weight one with itself")
                    }
                    if exponent.value <= 0 { clamped += 1 } else if expected > 1e-3 { between += 1 }
                }
            }
        }
        XCTAssertGreaterThan(clamped, 1000, "the problems clamp some exponents")
        XCTAssertGreaterThan(between, 1000, "the problems give weights strictly between 0 and 1")
    }

    func testExponentialIsWithinTwoUlpsDownToUnderflow() {
        // With one pixel, kappa = 1 and no bias, the exponent is exactly the float square d * d.
        let differences = stride(from: 0.0, through: 110, by: 0.0093).map { Float($0.squareRoot()) }
        var pilot: [Float] = []
        for difference in differences { pilot += [0, difference] }
        let rows = pilot.count
        let indices = (0..<rows).map { Int32($0 ^ 1) }
        let kappa: [Float] = [1]
        forEachSupportedKernelSet { set in
            var weights = [Float](repeating: .nan, count: rows)
            pilot.withUnsafeBufferPointer { x in indices.withUnsafeBufferPointer { i in
            kappa.withUnsafeBufferPointer { scales in weights.withUnsafeMutableBufferPointer { s in
                gs_similarity_weights(x.baseAddress!, 1, i.baseAddress!, 1, scales.baseAddress!, 0, 0, rows,
                                      s.baseAddress!)
            }}}}
            for row in 0..<rows {
                let square = differences[row / 2] * differences[row / 2]
                let expected = exp(-Double(square))
                let ulp = Double(Float(expected).ulp)
                if abs(Double(weights[row]) - expected) > 2 * ulp {
                    return XCTFail("\(set): exp(-\(square)) is \(weights[row]), expected \(expected)")
                }
            }
        }
    }

    func testKappaGradientMatchesThePlainLoop() {
        forEachSupportedKernelSet { set in
            for problem in problems() {
                var generator = SeededGenerator(seed: UInt64(problem.length))
                let count = problem.rows * problem.neighbours
                // Weights of exactly one and zero gradients are skipped, as self and clamped pairs.
                let weights = (0..<count).map { $0 % 5 == 0 ? 1 : generator.nextUniformFloat() }
                let gradient = (0..<count).map { $0 % 7 == 3 ? 0 : Float(generator.nextGaussian()) }
                let start = (0..<problem.length).map { _ in Float(generator.nextGaussian()) }
                var partial = start
                problem.pilot.withUnsafeBufferPointer { x in problem.indices.withUnsafeBufferPointer { i in
                problem.kappa.withUnsafeBufferPointer { scales in weights.withUnsafeBufferPointer { s in
                gradient.withUnsafeBufferPointer { g in partial.withUnsafeMutableBufferPointer { out in
                    gs_similarity_kappa_gradient(
                        x.baseAddress!, problem.length, i.baseAddress!, problem.neighbours, scales.baseAddress!,
                        problem.bias, s.baseAddress!, g.baseAddress!, 0, problem.rows, out.baseAddress!)
                }}}}}}
                for q in 0..<problem.length {
                    var sum = ReferenceSum()
                    sum.add(Double(start[q]))
                    for position in 0..<count where weights[position] < 1 && gradient[position] != 0 {
                        let row = position / problem.neighbours, other = Int(problem.indices[position])
                        let difference = Double(problem.pilot[row * problem.length + q]
                                                - problem.pilot[other * problem.length + q])
                        sum.add(-2 * Double(weights[position]) * Double(gradient[position]) * Double(problem.kappa[q])
                                * (difference * difference - Double(problem.bias)))
                    }
                    sum.assertMatches(partial[q], tolerance: 2e-5, "\(set) m \(problem.length) K \(problem.neighbours) q \(q)")
                }
            }
        }
    }
}
