import XCTest
@testable import GroupSparse

final class NoiseEstimatorTests: XCTestCase {
    func testFlatImageRecoversTheNoiseLevel() {
        let flat = Image(width: 96, height: 96, repeating: 0.5)
        for (index, sigma) in [5.0, 25, 50].enumerated() {
            let estimate = NoiseEstimator.estimate(flat.addingGaussianNoise(sigma: sigma, seed: UInt64(10 + index)))
            XCTAssertEqual(estimate.sigma, sigma, accuracy: 0.04 * sigma, "sigma \(sigma)")
            XCTAssertEqual(estimate.channels, [estimate.sigma])
        }
    }

    func testTexturedImageRecoversTheNoiseLevel() {
        let textured = Self.texturedImage(width: 128, height: 128)
        for (index, sigma) in [10.0, 30].enumerated() {
            let estimate = NoiseEstimator.estimate(textured.addingGaussianNoise(sigma: sigma, seed: UInt64(20 + index)))
            XCTAssertEqual(estimate.sigma, sigma, accuracy: 0.1 * sigma, "sigma \(sigma)")
        }
    }

    func testColourChannelsAreMeasuredSeparately() {
        let size = 80
        let sigmas = [5.0, 15, 30]
        var pixels: [Float] = []
        for (channel, sigma) in sigmas.enumerated() {
            let plane = Image(width: size, height: size, repeating: 0.3 + 0.2 * Float(channel))
                .addingGaussianNoise(sigma: sigma, seed: UInt64(30 + channel))
            pixels += plane.pixels
        }
        let estimate = NoiseEstimator.estimate(Image(width: size, height: size, channels: 3, pixels: pixels))
        XCTAssertEqual(estimate.channels.count, 3)
        for (measured, sigma) in zip(estimate.channels, sigmas) {
            XCTAssertEqual(measured, sigma, accuracy: 0.05 * sigma)
        }
        let rootMeanSquare = (estimate.channels.map { $0 * $0 }.reduce(0, +) / 3).squareRoot()
        XCTAssertEqual(estimate.sigma, rootMeanSquare, accuracy: 1e-9)
    }

    func testNoiselessFlatImageGivesZero() {
        XCTAssertLessThan(NoiseEstimator.estimate(Image(width: 40, height: 40, repeating: 0.5)).sigma, 0.05)
        let eightBit = Image(width: 40, height: 40, repeating: 128 / 255)
        XCTAssertLessThan(NoiseEstimator.estimate(eightBit).sigma, 0.05)
    }

    func testClippedEightBitNoiseIsModelled() {
        let grey = Image(width: 96, height: 96, repeating: 128 / 255)
        let stored = grey.addingGaussianNoise(sigma: 50, seed: 40).quantizedTo8Bit()
        let automatic = NoiseEstimator.estimate(stored)
        XCTAssertEqual(automatic.sigma, 50, accuracy: 5)
        XCTAssertEqual(NoiseEstimator.estimate(stored, options: .init(encoding: .eightBit)), automatic)
    }

    func testClippingOfDarkImagesIsModelled() {
        // At level 40 a fifth of the samples of noise 50 fall below black; what is left varies like noise 41.
        let dark = Image(width: 96, height: 96, repeating: 40 / 255)
        let stored = dark.addingGaussianNoise(sigma: 50, seed: 41).quantizedTo8Bit()
        XCTAssertEqual(NoiseEstimator.estimate(stored).sigma, 50, accuracy: 5)
        // Read as unclipped data, the same samples show only the variance that clipping left.
        XCTAssertLessThan(NoiseEstimator.estimate(stored, options: .init(encoding: .unbounded)).sigma, 43)
    }

    func testIntegerStorageDetection() {
        let automatic = NoiseEstimator.SampleEncoding.automatic
        XCTAssertEqual(automatic.clippedSamples(of: Image(width: 8, height: 8, repeating: 17 / 255)), .eightBit)
        XCTAssertEqual(automatic.clippedSamples(of: Image(width: 8, height: 8, repeating: 1000 / 65535)), .sixteenBit)
        XCTAssertNil(automatic.clippedSamples(of: Image(width: 8, height: 8, repeating: 0.5)))
        XCTAssertNil(automatic.clippedSamples(of: Image(width: 8, height: 8, repeating: 1.2)))
        XCTAssertEqual(NoiseEstimator.SampleEncoding.eightBit.clippedSamples(of: Image(width: 8, height: 8, repeating: 0.5)), .eightBit)
        XCTAssertEqual(NoiseEstimator.SampleEncoding.sixteenBit.clippedSamples(of: Image(width: 8, height: 8, repeating: 0.5)), .sixteenBit)
        XCTAssertEqual(ClippedSamples.eightBit.roundingVariance, 1.0 / 12, accuracy: 1e-7)
        XCTAssertLessThan(ClippedSamples.sixteenBit.roundingVariance, 1e-5)
    }

    func testClippedSixteenBitNoiseIsModelled() throws {
        // Dark and bright halves: at levels 15 and 240 more than a quarter of the samples of noise 25
        // clip, and the rest vary like noise of about 19.
        var pixels = [Float](repeating: 15 / 255, count: 96 * 96)
        for index in pixels.indices where index % 96 >= 48 { pixels[index] = 240 / 255 }
        let halves = Image(width: 96, height: 96, channels: 1, pixels: pixels)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("estimator-16-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("noisy16.png")
        try ImageFile.write(halves.addingGaussianNoise(sigma: 25, seed: 42), to: url, bitDepth: 16)
        let stored = try ImageFile.read(url).image

        let automatic = NoiseEstimator.estimate(stored)
        XCTAssertEqual(automatic.sigma, 25, accuracy: 2)
        XCTAssertEqual(NoiseEstimator.estimate(stored, options: .init(encoding: .sixteenBit)), automatic)
        XCTAssertLessThan(NoiseEstimator.estimate(stored, options: .init(encoding: .unbounded)).sigma, 22)
    }

    func testImagesSmallerThanAPatchAreMeasured() {
        let tiny = Image(width: 5, height: 3, repeating: 0.5).addingGaussianNoise(sigma: 20, seed: 50)
        let estimate = NoiseEstimator.estimate(tiny)
        XCTAssertTrue(estimate.sigma.isFinite && estimate.sigma > 0)
    }

    func testGammaQuantileMatchesChiSquareTable() {
        // Chi-square with 10 degrees of freedom is gamma of shape 5 and scale 2; its 95 % point is 18.307.
        XCTAssertEqual(2 * NoiseEstimatorGamma.quantile(shape: 5, probability: 0.95), 18.307, accuracy: 1e-3)
    }

    func testClippingModelMatchesUnclippedNoiseInMidRange() {
        let moments = NoiseEstimatorClipping.moments(level: 128, sigma: 10)
        XCTAssertEqual(moments.mean, 128, accuracy: 1e-6)
        XCTAssertEqual(moments.variance, 100, accuracy: 1e-6)
        // Half the samples of noise centred on black are clipped to zero.
        XCTAssertEqual(NoiseEstimatorClipping.moments(level: 0, sigma: 10).variance, 100 * (0.5 - 1 / (2 * Double.pi)), accuracy: 1e-6)
    }

    /// Smooth ramps, two sinusoidal gratings and a step edge, on the [0, 1] scale.
    private static func texturedImage(width: Int, height: Int) -> Image {
        var image = Image(width: width, height: height)
        for y in 0..<height {
            for x in 0..<width {
                var value = 0.25 + 0.3 * Double(x) / Double(width) + 0.1 * Double(y) / Double(height)
                value += 0.08 * sin(Double(x) / 5) * cos(Double(y) / 9)
                value += 0.05 * sin(Double(x + 2 * y) / 3)
                if x > width / 2 && y > height / 3 { value += 0.2 }
                image[0, y, x] = Float(value)
            }
        }
        return image
    }
}
