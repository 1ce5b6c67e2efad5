import Foundation
import XCTest
@testable import GroupSparse

final class DCT2DTests: XCTestCase {
    private let backends: [CosineTransform] = [.matrix, .fftw]

    func testContiguousBlocksMatchTheDefinition() {
        for size in [1, 4, 7, 8] {
            let count = 5
            let input = Self.samples(count * size * size, seed: UInt64(size))
            let reference = (0..<count).flatMap { block in
                Self.referenceDCT(size: size) { a, b in Double(input[block * size * size + a * size + b]) }
            }
            for backend in backends {
                let output = Self.transform(DCT2D(contiguousBlocks: count, size: size), input, scale: 1, backend: backend)
                Self.assertClose(output, reference, "size \(size), \(backend)")
            }
        }
    }

    func testOverlappingPatchesOfAPlaneMatchTheDefinition() {
        let width = 23, height = 19, size = 7
        let plane = Self.samples(width * height, seed: 3)
        // Spacings below the patch size share rows between patches; 7 and 9 take the block-by-block path.
        for spacing in [1, 2, 7, 9] {
            let rows = (height - size) / spacing + 1, columns = (width - size) / spacing + 1
            let layout = DCT2D(patchesOfPlaneWithWidth: width, size: size, spacing: spacing, gridRows: rows, gridColumns: columns)
            var reference: [Double] = []
            for row in 0..<rows {
                for column in 0..<columns {
                    reference += Self.referenceDCT(size: size) { a, b in
                        Double(plane[(row * spacing + a) * width + column * spacing + b]) * 255
                    }
                }
            }
            for backend in backends {
                let untouched = plane
                let output = Self.transform(layout, plane, scale: 255, backend: backend)
                Self.assertClose(output, reference, "spacing \(spacing), \(backend)")
                XCTAssertEqual(plane, untouched, "the input must not change")
            }
        }
    }

    func testBackendsAgreeAndThePreferredOneIsUsedByDefault() {
        let input = Self.samples(12 * 16 * 16, seed: 9)
        for size in [7, 16] {
            let layout = DCT2D(contiguousBlocks: 12 * 16 * 16 / (size * size), size: size)
            let matrix = Self.transform(layout, input, scale: 1, backend: .matrix)
            let fftw = Self.transform(layout, input, scale: 1, backend: .fftw)
            Self.assertClose(matrix, fftw.map(Double.init), "size \(size)")
            XCTAssertEqual(Self.transform(layout, input, scale: 1, backend: nil),
                           size <= CosineTransform.matrixLengthLimit ? matrix : fftw)
        }
    }

    func testConcurrentPlanningAndExecutionGiveTheSerialResults() {
        // Each task uses its own layouts, so plans are made concurrently, then shared ones are executed concurrently.
        let sizes = [3, 5, 6, 9, 10, 11, 13, 14]
        let input = Self.samples(40 * 14 * 14, seed: 11)
        let expected = sizes.map { Self.transform(DCT2D(contiguousBlocks: 40, size: $0), input, scale: 1, backend: .matrix) }
        let results = ResultSlots(count: sizes.count * 2)
        DispatchQueue.concurrentPerform(iterations: sizes.count * 2) { task in
            let size = sizes[task % sizes.count]
            results.set(task, Self.transform(DCT2D(contiguousBlocks: 40, size: size), input, scale: 1, backend: .fftw))
        }
        for task in 0..<(sizes.count * 2) {
            Self.assertClose(results.get(task), expected[task % sizes.count].map(Double.init), "task \(task)")
        }
    }

    func testLayoutsBeyondTheCacheCapacityStillTransform() {
        let cache = FFTWCosineTransform.PlanCache.shared
        let input = Self.samples(2 * 4 * 4, seed: 13)
        let reference = (0..<2).flatMap { block in Self.referenceDCT(size: 4) { a, b in Double(input[block * 16 + a * 4 + b]) } }
        // Distinct grid strides make distinct layouts of the same two blocks.
        for extra in 0...(FFTWCosineTransform.PlanCache.capacity + 2) {
            var padded = [Float](repeating: 0, count: 2 * (16 + extra))
            for block in 0..<2 {
                for index in 0..<16 { padded[block * (16 + extra) + index] = input[block * 16 + index] }
            }
            let layout = DCT2D(size: 4, rowStride: 4, gridRows: 1, gridColumns: 2, gridRowStride: 1, gridColumnStride: 16 + extra)
            Self.assertClose(Self.transform(layout, padded, scale: 1, backend: .fftw), reference, "extra \(extra)")
        }
        XCTAssertLessThanOrEqual(cache.count, FFTWCosineTransform.PlanCache.capacity)
    }

    // MARK: - Helpers

    /// The orthonormal 2-D DCT-II of one block by its definition, in double precision.
    private static func referenceDCT(size n: Int, sample: (Int, Int) -> Double) -> [Double] {
        var output = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0
                for a in 0..<n {
                    for b in 0..<n {
                        sum += sample(a, b) * cos(Double.pi * Double(i * (2 * a + 1)) / Double(2 * n))
                            * cos(Double.pi * Double(j * (2 * b + 1)) / Double(2 * n))
                    }
                }
                let ci = i == 0 ? (1 / Double(n)).squareRoot() : (2 / Double(n)).squareRoot()
                let cj = j == 0 ? (1 / Double(n)).squareRoot() : (2 / Double(n)).squareRoot()
                output[i * n + j] = ci * cj * sum
            }
        }
        return output
    }

    private static func transform(_ layout: DCT2D, _ input: [Float], scale: Float, backend: CosineTransform?) -> [Float] {
        var output = [Float](repeating: .nan, count: layout.blockCount * layout.size * layout.size)
        input.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                layout.forward(input.baseAddress!, into: output.baseAddress!, scale: scale, backend: backend)
            }
        }
        return output
    }

    private static func samples(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in generator.nextUniformFloat() - 0.5 }
    }

    private static func assertClose(_ actual: [Float], _ expected: [Double], _ message: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, message, file: file, line: line)
        let largest = expected.map(abs).max() ?? 0
        let error = zip(actual, expected).map { abs(Double($0) - $1) }.max() ?? 0
        XCTAssertLessThanOrEqual(error, 1e-5 * max(largest, 1), message, file: file, line: line)
    }
}

/// Results written by concurrent tasks, one slot each.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[Float]]

    init(count: Int) { slots = Array(repeating: [], count: count) }

    func set(_ index: Int, _ value: [Float]) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    func get(_ index: Int) -> [Float] {
        lock.lock()
        defer { lock.unlock() }
        return slots[index]
    }
}
