import XCTest
@testable import GroupSparse

/// The soft-threshold kernels against plain loops, in every kernel set this CPU supports. Both
/// directions are element-wise or sum in row order, so every set must give the reference's bits.
final class SoftThresholdKernelTests: XCTestCase {
    private struct Problem {
        var rows: Int
        var atoms: Int
        var segments: [NoiseSegment]
        var z: [Float]
        var offsets: [Float]
        var slopes: [Float]

        init(rows: Int, atoms: Int, segmentCount: Int, seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            self.rows = rows
            self.atoms = atoms
            segments = unequalSegments(rows: rows, count: segmentCount)
            offsets = (0..<atoms).map { $0 % 7 == 3 ? 0 : 0.1 * generator.nextUniformFloat() }
            slopes = (0..<atoms).map { _ in generator.nextUniformFloat() }
            z = (0..<rows * atoms).map { _ in Float(0.3 * generator.nextGaussian()) }
            // Values on the threshold, signed zeros and a NaN exercise every branch.
            let lambda0 = offsets[0] + slopes[0] * segments[0].sigma
            for (index, value) in [lambda0, -lambda0, 0, -0.0, .nan].enumerated() where index < rows {
                z[index * atoms] = value
            }
        }

        func thresholds(_ segment: NoiseSegment) -> [Float] {
            (0..<atoms).map { offsets[$0] + slopes[$0] * segment.sigma }
        }
    }

    private func referenceSoftThreshold(_ value: Float, _ threshold: Float) -> Float {
        if value > threshold { return value - threshold }
        if value < -threshold { return value + threshold }
        return 0
    }

    private func shapes() -> [(rows: Int, atoms: Int)] {
        awkwardAtomCounts.map { (rows: 29, atoms: $0) } + [(1, 256), (1, 5), (300, 256)]
    }

    func testForwardGivesTheBitsOfThePlainLoop() {
        for (rows, atoms) in shapes() {
            for segmentCount in [1, 12] {
                let problem = Problem(rows: rows, atoms: atoms, segmentCount: segmentCount, seed: UInt64(rows * atoms))
                var expected = [Float](repeating: 0, count: rows * atoms)
                for segment in problem.segments {
                    let lambda = problem.thresholds(segment)
                    for row in segment.rows {
                        for atom in 0..<atoms {
                            expected[row * atoms + atom] = referenceSoftThreshold(problem.z[row * atoms + atom], lambda[atom])
                        }
                    }
                }
                forEachSupportedKernelSet { set in
                    var codes = [Float](repeating: .nan, count: rows * atoms)
                    problem.z.withUnsafeBufferPointer { z in
                    codes.withUnsafeMutableBufferPointer { alpha in
                        for segment in problem.segments {
                            let start = segment.rows.lowerBound * atoms
                            Shrinkage.softThreshold(
                                z.baseAddress! + start, thresholds: problem.thresholds(segment),
                                rows: segment.rows.count, atomCount: atoms, into: alpha.baseAddress! + start)
                        }
                    }
                    }
                    assertSameBits(codes, expected, "\(set) rows \(rows) atoms \(atoms) segments \(segmentCount)")
                }
            }
        }
    }

    func testAdjointGivesTheBitsOfThePlainLoop() {
        for (rows, atoms) in shapes() {
            for segmentCount in [1, 12] {
                let problem = Problem(rows: rows, atoms: atoms, segmentCount: segmentCount, seed: UInt64(7 + rows * atoms))
                var generator = SeededGenerator(seed: UInt64(atoms))
                let incoming = (0..<rows * atoms).map { _ in Float(generator.nextGaussian()) }
                let startOffsets = (0..<atoms).map { _ in Float(generator.nextGaussian()) }
                let startSlopes = (0..<atoms).map { _ in Float(generator.nextGaussian()) }

                var expectedGradient = incoming, expectedOffsets = startOffsets, expectedSlopes = startSlopes
                for segment in problem.segments {
                    let lambda = problem.thresholds(segment)
                    for row in segment.rows {
                        for atom in 0..<atoms {
                            let value = problem.z[row * atoms + atom]
                            if abs(value) > lambda[atom] {
                                let thresholdGradient = value > 0 ? -expectedGradient[row * atoms + atom]
                                    : expectedGradient[row * atoms + atom]
                                expectedOffsets[atom] += thresholdGradient
                                expectedSlopes[atom] += thresholdGradient * segment.sigma
                            } else {
                                expectedGradient[row * atoms + atom] = 0
                            }
                        }
                    }
                }

                forEachSupportedKernelSet { set in
                    var gradient = incoming, offsets = startOffsets, slopes = startSlopes
                    problem.z.withUnsafeBufferPointer { z in
                    gradient.withUnsafeMutableBufferPointer { g in
                    offsets.withUnsafeMutableBufferPointer { dA in
                    slopes.withUnsafeMutableBufferPointer { dB in
                        for segment in problem.segments {
                            let start = segment.rows.lowerBound * atoms
                            Shrinkage.softThresholdAdjoint(
                                z.baseAddress! + start, thresholds: problem.thresholds(segment), sigma: segment.sigma,
                                rows: segment.rows.count, atomCount: atoms, gradient: g.baseAddress! + start,
                                offsetGradient: dA.baseAddress!, slopeGradient: dB.baseAddress!)
                        }
                    }
                    }
                    }
                    }
                    let label = "\(set) rows \(rows) atoms \(atoms) segments \(segmentCount)"
                    assertSameBits(gradient, expectedGradient, "G_Z, " + label)
                    assertSameBits(offsets, expectedOffsets, "dA, " + label)
                    assertSameBits(slopes, expectedSlopes, "dB, " + label)
                }
            }
        }
    }
}
