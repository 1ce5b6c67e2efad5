import XCTest
@testable import GroupSparse

final class PatchwiseDenoisingTests: XCTestCase {
    private static func randomWeights(_ configuration: SparseCoderConfiguration, seed: UInt64) -> SparseCoderWeights {
        var generator = SeededGenerator(seed: seed)
        return randomCoderWeights(
            configuration, generator: &generator, matrixScale: 0.2,
            offset: (mean: 0.02, spread: 0.01), slope: (mean: 0.8, spread: 0.2))
    }

    private static func noisyImage(width: Int, height: Int, channels: Int, seed: UInt64) -> Image {
        var pixels: [Float] = []
        for channel in 0..<channels {
            for y in 0..<height {
                for x in 0..<width {
                    pixels.append(0.5 + 0.3 * Float(sin(Double(x) * 0.7 + Double(channel))) * Float(cos(Double(y) * 0.4)))
                }
            }
        }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
            .addingGaussianNoise(sigma: 20, seed: seed)
    }

    func testBatchBoundariesDoNotChangeTheResult() throws {
        for (channels, stride) in [(1, 1), (1, 2), (3, 1), (3, 3)] {
            let configuration = SparseCoderConfiguration(patchSize: 4, channels: channels, atomCount: 9, unfoldingCount: 3)
            let weights = PatchwiseDenoisingTests.randomWeights(configuration, seed: UInt64(channels))
            let image = PatchwiseDenoisingTests.noisyImage(width: 15, height: 12, channels: channels, seed: 3)
            var results: [Image] = []
            for batchSize in [4096, 1, 7] {
                results.append(try PatchwiseDenoising(weights: weights, batchSize: batchSize)
                    .denoise(image, sigma: 20.0 / 255, stride: stride))
            }
            for result in results.dropFirst() {
                XCTAssertEqual(result.width, image.width)
                XCTAssertEqual(result.channels, channels)
                for (value, expected) in zip(result.pixels, results[0].pixels) {
                    XCTAssertEqual(value, expected, accuracy: 1e-5, "channels \(channels), stride \(stride)")
                }
            }
            XCTAssertNotEqual(results[0].pixels, image.pixels, "the coder must change the image")
        }
    }

    func testGreyDenoisingMatchesTheReferenceCoder() throws {
        let configuration = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 6, unfoldingCount: 4)
        let weights = PatchwiseDenoisingTests.randomWeights(configuration, seed: 8)
        let image = PatchwiseDenoisingTests.noisyImage(width: 10, height: 9, channels: 1, seed: 4)
        let sigma: Float = 30.0 / 255
        let result = try PatchwiseDenoising(weights: weights, batchSize: 13).denoise(image, sigma: sigma)
        let reference = ReferenceSparseCoder(weights).denoise(image, sigma: Double(sigma))
        for (value, expected) in zip(result.pixels, reference) {
            XCTAssertEqual(Double(value), expected, accuracy: 1e-5)
        }
    }

    func testZeroCodesGiveThePatchMeansAveraged() throws {
        // Thresholds far above every pre-activation: the estimate of each patch is its mean.
        let configuration = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 4, unfoldingCount: 2)
        var weights = PatchwiseDenoisingTests.randomWeights(configuration, seed: 9)
        weights.thresholdOffsets = Matrix(rows: 2, columns: 4, repeating: 1000)
        let image = PatchwiseDenoisingTests.noisyImage(width: 5, height: 3, channels: 1, seed: 5)
        let result = try PatchwiseDenoising(weights: weights).denoise(image, sigma: 0)
        for column in 0..<5 {
            // Patches start at columns 0, 1, 2; each pixel averages the means of those covering it.
            let means = (0..<3).map { left in
                (0..<3).reduce(0.0) { sum, dy in
                    sum + (0..<3).reduce(0.0) { $0 + Double(image[0, dy, left + $1]) }
                } / 9
            }
            let covering = (max(0, column - 2)...min(2, column)).map { means[$0] }
            let expected = covering.reduce(0, +) / Double(covering.count)
            for row in 0..<3 { XCTAssertEqual(Double(result[0, row, column]), expected, accuracy: 1e-6) }
        }
    }

    func testAlphaIsCarriedThroughUntouched() throws {
        let configuration = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 5, unfoldingCount: 2)
        let weights = PatchwiseDenoisingTests.randomWeights(configuration, seed: 10)
        var image = PatchwiseDenoisingTests.noisyImage(width: 6, height: 6, channels: 1, seed: 6)
        image.alpha = (0..<36).map { Float($0) / 35 }
        let result = try PatchwiseDenoising(weights: weights).denoise(image, sigma: 0.1)
        XCTAssertEqual(result.alpha, image.alpha)
    }

    func testCancellationStopsBetweenBatches() {
        let configuration = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 5, unfoldingCount: 2)
        let weights = PatchwiseDenoisingTests.randomWeights(configuration, seed: 11)
        let image = PatchwiseDenoisingTests.noisyImage(width: 12, height: 12, channels: 1, seed: 7)
        var polls = 0
        XCTAssertThrowsError(try PatchwiseDenoising(weights: weights, batchSize: 10).denoise(
            image, sigma: 0.1, shouldContinue: { _ in polls += 1; return polls < 3 })) { error in
            XCTAssertTrue(error is CancellationError)
        }
        XCTAssertEqual(polls, 3)
    }
}
