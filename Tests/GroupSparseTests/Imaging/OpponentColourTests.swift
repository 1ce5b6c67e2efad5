import XCTest
@testable import GroupSparse

final class OpponentColourTests: XCTestCase {
    private func randomColourImage(width: Int, height: Int, seed: UInt64) -> Image {
        var generator = SeededGenerator(seed: seed)
        let pixels = (0..<3 * width * height).map { _ in generator.nextUniformFloat() }
        let alpha = (0..<width * height).map { _ in generator.nextUniformFloat() }
        return Image(width: width, height: height, channels: 3, pixels: pixels, alpha: alpha)
    }

    func testRowsAreOrthonormal() {
        let rows = OpponentColour.matrix
        for i in 0..<3 {
            for j in 0..<3 {
                let dot = (0..<3).map { Double(rows[3 * i + $0]) * Double(rows[3 * j + $0]) }.reduce(0, +)
                XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-6, "rows \(i), \(j)")
            }
        }
    }

    func testForwardMatchesTheDefiningFormulas() {
        let image = randomColourImage(width: 5, height: 4, seed: 1)
        let opponent = OpponentColour.forward(image)
        for index in 0..<image.planeSize {
            let r = Double(image.pixels[index]), g = Double(image.pixels[20 + index]), b = Double(image.pixels[40 + index])
            XCTAssertEqual(Double(opponent.pixels[index]), (r + g + b) / 3.0.squareRoot(), accuracy: 1e-6)
            XCTAssertEqual(Double(opponent.pixels[20 + index]), (r - b) / 2.0.squareRoot(), accuracy: 1e-6)
            XCTAssertEqual(Double(opponent.pixels[40 + index]), (r - 2 * g + b) / 6.0.squareRoot(), accuracy: 1e-6)
        }
        XCTAssertEqual(opponent.alpha, image.alpha)
    }

    func testGreyPixelsHaveNoChrominance() {
        let grey = (0..<12).map { Float($0) / 11 }
        let image = Image(width: 4, height: 3, channels: 3, pixels: grey + grey + grey)
        let opponent = OpponentColour.forward(image)
        for index in 0..<12 {
            XCTAssertEqual(opponent.pixels[index], Float(3).squareRoot() * grey[index], accuracy: 1e-6)
            XCTAssertEqual(opponent.pixels[12 + index], 0, accuracy: 1e-7)
            XCTAssertEqual(opponent.pixels[24 + index], 0, accuracy: 1e-7)
        }
    }

    func testInverseUndoesForward() {
        let image = randomColourImage(width: 13, height: 7, seed: 2)
        let back = OpponentColour.inverse(OpponentColour.forward(image))
        XCTAssertEqual(back.alpha, image.alpha)
        for (restored, original) in zip(back.pixels, image.pixels) { XCTAssertEqual(restored, original, accuracy: 1e-6) }
        let again = OpponentColour.forward(OpponentColour.inverse(image))
        for (restored, original) in zip(again.pixels, image.pixels) { XCTAssertEqual(restored, original, accuracy: 1e-6) }
    }

    func testWhiteNoiseStaysWhiteWithTheSameSigma() {
        let size = 160, sigma = 0.1
        let noise = Image(width: size, height: size, channels: 3, repeating: 0).addingGaussianNoise(sigma: 255 * sigma, seed: 3)
        let opponent = OpponentColour.forward(noise)
        let count = size * size
        func covariance(_ a: Int, _ b: Int) -> Double {
            (0..<count).map { Double(opponent.pixels[a * count + $0]) * Double(opponent.pixels[b * count + $0]) }
                .reduce(0, +) / Double(count)
        }
        // With 25,600 samples a variance estimate has a relative spread of about 0.9 %.
        for channel in 0..<3 { XCTAssertEqual(covariance(channel, channel), sigma * sigma, accuracy: 0.04 * sigma * sigma) }
        for (a, b) in [(0, 1), (0, 2), (1, 2)] { XCTAssertEqual(covariance(a, b), 0, accuracy: 0.04 * sigma * sigma) }
    }
}
