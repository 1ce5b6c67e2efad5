import XCTest
@testable import GroupSparse

final class PatchExtractionTests: XCTestCase {
    private static func randomImage(width: Int, height: Int, channels: Int, seed: UInt64) -> Image {
        var generator = SeededGenerator(seed: seed)
        return Image(width: width, height: height, channels: channels,
                     pixels: (0..<width * height * channels).map { _ in generator.nextUniformFloat() })
    }

    private static let layouts: [(width: Int, height: Int, patchSize: Int, stride: Int)] = [
        (12, 9, 3, 1), (12, 9, 3, 2), (13, 10, 4, 3), (16, 11, 5, 5), (8, 8, 8, 1), (7, 7, 7, 4), (9, 6, 6, 2),
    ]

    func testExtractedPatchesHoldTheImageSamples() {
        let image = PatchExtractionTests.randomImage(width: 9, height: 7, channels: 3, seed: 1)
        let grid = PatchGrid(image: image, patchSize: 4, stride: 2)
        let patches = grid.patchMatrix(of: image)
        XCTAssertEqual(patches.rows, grid.patchCount)
        XCTAssertEqual(patches.columns, 48)
        for patch in 0..<grid.patchCount {
            let (top, left) = grid.origin(ofPatch: patch)
            for channel in 0..<3 {
                for dy in 0..<4 {
                    for dx in 0..<4 {
                        XCTAssertEqual(patches[patch, (channel * 4 + dy) * 4 + dx], image[channel, top + dy, left + dx])
                    }
                }
            }
        }
    }

    func testAggregatingExtractedPatchesReproducesTheImage() {
        for channels in [1, 3] {
            for (index, layout) in PatchExtractionTests.layouts.enumerated() {
                let image = PatchExtractionTests.randomImage(
                    width: layout.width, height: layout.height, channels: channels, seed: UInt64(index))
                let grid = PatchGrid(image: image, patchSize: layout.patchSize, stride: layout.stride)
                let restored = grid.aggregate(grid.patchMatrix(of: image))
                XCTAssertEqual(restored.width, image.width)
                XCTAssertEqual(restored.height, image.height)
                XCTAssertEqual(restored.channels, channels)
                let error = zip(restored.pixels, image.pixels).map { abs($0 - $1) }.max() ?? .infinity
                XCTAssertLessThanOrEqual(error, 1e-6, "\(channels) channels, \(layout)")
            }
        }
    }

    func testExtractingARangeMatchesTheFullPatchMatrix() {
        let image = PatchExtractionTests.randomImage(width: 11, height: 9, channels: 2, seed: 4)
        let grid = PatchGrid(image: image, patchSize: 3, stride: 2)
        let full = grid.patchMatrix(of: image)
        let range = 5..<13
        var block = [Float](repeating: -1, count: range.count * grid.patchLength + 1)
        block.withUnsafeMutableBufferPointer { grid.extract(image, patches: range, into: $0.baseAddress!) }
        XCTAssertEqual(Array(block[0..<range.count * grid.patchLength]),
                       Array(full.values[range.lowerBound * grid.patchLength..<range.upperBound * grid.patchLength]))
        XCTAssertEqual(block.last, -1, "extraction must not write past the block")
    }

    func testCentredPatchesHaveZeroMeanAndAddBackToTheRawPatches() {
        for channels in [1, 3] {
            let image = PatchExtractionTests.randomImage(width: 10, height: 8, channels: channels, seed: 7)
            let grid = PatchGrid(image: image, patchSize: 4, stride: 1)
            let raw = grid.patchMatrix(of: image)
            let range = 3..<grid.patchCount
            var centred = [Float](repeating: 0, count: range.count * grid.patchLength)
            var means = [Float](repeating: 0, count: range.count * channels)
            centred.withUnsafeMutableBufferPointer { patchBuffer in
                means.withUnsafeMutableBufferPointer { meanBuffer in
                    grid.extractCentred(image, patches: range, into: patchBuffer.baseAddress!,
                                        means: meanBuffer.baseAddress!)
                }
            }
            let count = grid.pixelsPerPatch
            for (row, patch) in range.enumerated() {
                for channel in 0..<channels {
                    let start = row * grid.patchLength + channel * count
                    let values = centred[start..<start + count]
                    let rawValues = raw.values[patch * grid.patchLength + channel * count..<patch * grid.patchLength + (channel + 1) * count]
                    let exactMean = rawValues.reduce(0.0) { $0 + Double($1) } / Double(count)
                    let mean = means[row * channels + channel]
                    XCTAssertEqual(Double(mean), exactMean, accuracy: 1e-6)
                    XCTAssertEqual(values.reduce(0.0) { $0 + Double($1) }, 0, accuracy: 1e-5)
                    for (value, rawValue) in zip(values, rawValues) {
                        XCTAssertEqual(value + mean, rawValue, accuracy: 1e-6)
                    }
                }
            }
        }
    }

    func testAccumulatingInTwoBlocksEqualsOneBlock() {
        let image = PatchExtractionTests.randomImage(width: 13, height: 9, channels: 3, seed: 9)
        let grid = PatchGrid(image: image, patchSize: 4, stride: 2)
        var generator = SeededGenerator(seed: 10)
        let patches = (0..<grid.patchCount * grid.patchLength).map { _ in Float(generator.nextGaussian()) }
        let split = grid.patchCount / 3
        var whole = [Float](repeating: 0, count: image.pixels.count)
        var blocks = whole
        patches.withUnsafeBufferPointer { source in
            whole.withUnsafeMutableBufferPointer {
                grid.accumulate(patches: 0..<grid.patchCount, from: source.baseAddress!, into: $0.baseAddress!)
            }
            blocks.withUnsafeMutableBufferPointer {
                grid.accumulate(patches: 0..<split, from: source.baseAddress!, into: $0.baseAddress!)
                grid.accumulate(patches: split..<grid.patchCount,
                                from: source.baseAddress! + split * grid.patchLength, into: $0.baseAddress!)
            }
        }
        XCTAssertEqual(blocks, whole)
        XCTAssertNotEqual(whole, [Float](repeating: 0, count: whole.count))
    }

    func testAggregateAdjointIsTheAdjointOfAggregation() {
        for (channels, stride) in [(1, 1), (3, 2), (2, 3)] {
            let grid = PatchGrid(width: 11, height: 9, channels: channels, patchSize: 4, stride: stride)
            var generator = SeededGenerator(seed: UInt64(channels * 10 + stride))
            let patches = Matrix(rows: grid.patchCount, columns: grid.patchLength,
                                 values: (0..<grid.patchCount * grid.patchLength).map { _ in Float(generator.nextGaussian()) })
            let imageGradient = (0..<channels * 99).map { _ in Float(generator.nextGaussian()) }
            let coverage = grid.coverage()

            // The adjoint written in two blocks, to check that ranges start where they say.
            var patchGradient = [Float](repeating: 0, count: grid.patchCount * grid.patchLength)
            let split = grid.patchCount / 2
            imageGradient.withUnsafeBufferPointer { gradient in
                coverage.withUnsafeBufferPointer { coverageBuffer in
                    patchGradient.withUnsafeMutableBufferPointer { target in
                        grid.aggregateAdjoint(gradient.baseAddress!, coverage: coverageBuffer.baseAddress!,
                                              patches: 0..<split, into: target.baseAddress!)
                        grid.aggregateAdjoint(gradient.baseAddress!, coverage: coverageBuffer.baseAddress!,
                                              patches: split..<grid.patchCount,
                                              into: target.baseAddress! + split * grid.patchLength)
                    }
                }
            }
            let aggregated = grid.aggregate(patches).pixels
            let left = zip(aggregated, imageGradient).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let right = zip(patches.values, patchGradient).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            XCTAssertEqual(left, right, accuracy: 1e-5 * max(abs(left), 1), "channels \(channels), stride \(stride)")
            XCTAssertGreaterThan(abs(left), 1e-3)
        }
    }
}
