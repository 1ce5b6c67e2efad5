import XCTest
@testable import GroupSparse

final class GaussianNoiseTests: XCTestCase {
    func testGeneratorMatchesReferenceStream() {
        // Outputs of an independent Python implementation of SplitMix64-seeded xoshiro256**.
        var seedZero = SeededGenerator(seed: 0)
        XCTAssertEqual(
            (0..<4).map { _ in seedZero.next() },
            [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C])
        var seedFortyTwo = SeededGenerator(seed: 42)
        XCTAssertEqual(
            (0..<4).map { _ in seedFortyTwo.next() },
            [0x1578_0B2E_0C2E_C716, 0x6104_D986_6D11_3A7E, 0xAE17_5332_39E4_99A1, 0xECB8_AD47_03B3_60A1])
    }

    func testGaussianStreamIsPinnedBitForBit() {
        // The same polar method and logarithm evaluated in Python's IEEE doubles.
        var generator = SeededGenerator(seed: 42)
        let expected: [UInt64] = [
            0xBFE7_3D2F_EB0F_B377, 0xBFCB_0880_2869_3F9C, 0x3FCC_5E21_F781_2A4E,
            0x3FE0_BA8B_B0C5_FA51, 0x3FDD_B514_BFAC_5B4E, 0x3FE7_B619_5D5A_3E23,
        ]
        XCTAssertEqual((0..<6).map { _ in generator.nextGaussian().bitPattern }, expected)
    }

    func testUniformFloatsAreExactAndInUnitInterval() {
        var generator = SeededGenerator(seed: 7)
        XCTAssertEqual(generator.nextUniformFloat(), 0.7005764245986938)
        XCTAssertEqual(generator.nextUniformFloat(), 0.2787511944770813)
        for _ in 0..<10_000 {
            let value = generator.nextUniformFloat()
            XCTAssertTrue(value >= 0 && value < 1)
            XCTAssertEqual(value * 0x1p24, (value * 0x1p24).rounded())
        }
    }

    func testSameSeedGivesSameNoise() {
        let clean = Image(width: 32, height: 24, channels: 3, repeating: 0.5)
        let first = clean.addingGaussianNoise(sigma: 25, seed: 1234)
        let second = clean.addingGaussianNoise(sigma: 25, seed: 1234)
        XCTAssertEqual(first.pixels.map(\.bitPattern), second.pixels.map(\.bitPattern))
    }

    func testDifferentSeedsGiveDifferentNoise() {
        let clean = Image(width: 32, height: 24, channels: 1, repeating: 0.5)
        let first = clean.addingGaussianNoise(sigma: 25, seed: 1)
        let second = clean.addingGaussianNoise(sigma: 25, seed: 2)
        let differing = zip(first.pixels, second.pixels).filter { $0 != $1 }.count
        XCTAssertGreaterThan(differing, first.pixels.count * 99 / 100)
    }

    func testNoiseHasRequestedMeanAndStandardDeviation() {
        let sigma = 25.0
        let clean = Image(width: 256, height: 256, channels: 1, repeating: 0.5)
        let noisy = clean.addingGaussianNoise(sigma: sigma, seed: 2024)
        let residuals = zip(noisy.pixels, clean.pixels).map { Double($0) - Double($1) }
        let count = Double(residuals.count)
        let mean = residuals.reduce(0, +) / count
        let variance = residuals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        let expected = sigma / 255
        XCTAssertEqual(variance.squareRoot(), expected, accuracy: 0.02 * expected)
        // Four standard errors of the mean.
        XCTAssertEqual(mean, 0, accuracy: 4 * expected / count.squareRoot())
    }

    func testNoiseIsNeitherClippedNorQuantized() {
        let clean = Image(width: 64, height: 64, channels: 1, pixels: (0..<4096).map { Float($0 % 2) })
        let noisy = clean.addingGaussianNoise(sigma: 50, seed: 9)
        XCTAssertTrue(noisy.pixels.contains { $0 < 0 })
        XCTAssertTrue(noisy.pixels.contains { $0 > 1 })
        XCTAssertTrue(noisy.pixels.contains { ($0 * 255).rounded() != $0 * 255 })
    }

    func testNoiseFollowsPlaneOrderDrawByDraw() {
        let clean = Image(width: 3, height: 2, channels: 2, repeating: 0.25)
        let noisy = clean.addingGaussianNoise(sigma: 15, seed: 77)
        var generator = SeededGenerator(seed: 77)
        for index in clean.pixels.indices {
            XCTAssertEqual(noisy.pixels[index], 0.25 + Float(15.0 / 255 * generator.nextGaussian()))
        }
    }

    func testZeroSigmaLeavesImageUnchanged() {
        let clean = Image(width: 5, height: 4, channels: 1, pixels: (0..<20).map { Float($0) / 19 })
        XCTAssertEqual(clean.addingGaussianNoise(sigma: 0, seed: 3), clean)
    }

    func testAlphaIsUntouched() {
        let alpha = (0..<64).map { Float($0) / 63 }
        let clean = Image(width: 8, height: 8, channels: 3, repeating: 0.5)
        var withAlpha = clean
        withAlpha.alpha = alpha
        let noisy = withAlpha.addingGaussianNoise(sigma: 50, seed: 5)
        XCTAssertEqual(noisy.alpha, alpha)
        XCTAssertEqual(noisy.pixels, clean.addingGaussianNoise(sigma: 50, seed: 5).pixels)
        XCTAssertEqual(noisy.quantizedTo8Bit().alpha, alpha)
    }

    func testQuantizationIsExact() {
        let samples: [Float] = [-0.3, 0, 0.2, 0.5, 127.5 / 255, 1, 1.7, 0.999, 0.001]
        let levels: [Float] = [0, 0, 51, 128, 128, 255, 255, 255, 0]
        let expected = levels.map { $0 / 255 }
        let image = Image(width: samples.count, height: 1, channels: 1, pixels: samples)
        XCTAssertEqual(image.quantizedTo8Bit().pixels, expected)

        let noisy = Image(width: 64, height: 64, channels: 3, repeating: 0.5).addingGaussianNoise(sigma: 50, seed: 11)
        let quantized = noisy.quantizedTo8Bit()
        for (original, value) in zip(noisy.pixels, quantized.pixels) {
            let level = (min(max(original, 0), 1) * 255).rounded()
            XCTAssertEqual(value, level / 255)
            XCTAssertEqual((value * 255).rounded(), level)
        }
        XCTAssertEqual(quantized.quantizedTo8Bit(), quantized)
    }
}
