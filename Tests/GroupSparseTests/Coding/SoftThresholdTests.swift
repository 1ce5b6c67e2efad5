import XCTest
@testable import GroupSparse

final class SoftThresholdTests: XCTestCase {
    func testValuesAroundTheThreshold() {
        let lambda: Float = 0.5
        XCTAssertEqual(softThreshold(0.5, lambda), 0)
        XCTAssertEqual(softThreshold(-0.5, lambda), 0)
        let above = lambda.nextUp, below = lambda.nextDown
        XCTAssertEqual(softThreshold(above, lambda), above - lambda)
        XCTAssertGreaterThan(softThreshold(above, lambda), 0)
        XCTAssertLessThan(softThreshold(-above, lambda), 0)
        XCTAssertEqual(softThreshold(below, lambda), 0)
        XCTAssertEqual(softThreshold(-below, lambda), 0)
        XCTAssertEqual(softThreshold(0.75, lambda), 0.25)
        XCTAssertEqual(softThreshold(-0.75, lambda), -0.25)
        XCTAssertEqual(softThreshold(3, lambda), 2.5)
        XCTAssertEqual(softThreshold(-3, lambda), -2.5)
        XCTAssertEqual(softThreshold(0, lambda), 0)
        XCTAssertEqual(softThreshold(0.2, lambda), 0)
        XCTAssertEqual(softThreshold(-0.2, lambda), 0)
    }

    func testZeroThresholdIsTheIdentity() {
        for value: Float in [-2, -1e-7, 0, 1e-7, 0.3, 5] {
            XCTAssertEqual(softThreshold(value, 0), value)
        }
    }

    func testShrinksByExactlyTheThresholdAndNeverFlipsSign() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<200 {
            let value = Float(generator.nextGaussian())
            let lambda = generator.nextUniformFloat()
            let result = softThreshold(value, lambda)
            let expected = max(abs(Double(value)) - Double(lambda), 0) * (value < 0 ? -1 : 1)
            XCTAssertEqual(Double(result), expected, accuracy: 1e-6)
            XCTAssertGreaterThanOrEqual(value * result, 0)
        }
    }

    func testShrinkageAppliesOneThresholdPerAtomToEveryRow() {
        let preActivations: [Float] = [
            1.0, -1.0, 0.25, -0.05,
            -0.3, 0.6, -2.0, 0.2,
            0.0, 0.1, 0.29, -0.11,
        ]
        let thresholds: [Float] = [0.2, 0.5, 0.3, 0.0]
        var codes = [Float](repeating: .nan, count: 12)
        preActivations.withUnsafeBufferPointer { z in
            thresholds.withUnsafeBufferPointer { lambda in
                codes.withUnsafeMutableBufferPointer { alpha in
                    Shrinkage.softThreshold(z.baseAddress!, thresholds: lambda.baseAddress!,
                                            rows: 3, atomCount: 4, into: alpha.baseAddress!)
                }
            }
        }
        let expected: [Float] = [
            0.8, -0.5, 0, -0.05,
            -0.1, 0.1, -1.7, 0.2,
            0, 0, 0, -0.11,
        ]
        for (value, target) in zip(codes, expected) { XCTAssertEqual(value, target, accuracy: 1e-6) }
    }
}
