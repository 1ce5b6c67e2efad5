import XCTest
@testable import GroupSparse

final class MetricsTests: XCTestCase {
    func testPSNRMatchesHandComputedValue() {
        let reference = Image(width: 2, height: 2, channels: 1, pixels: [0, 0.5, 1, 0.25])
        let estimate = Image(width: 2, height: 2, channels: 1, pixels: [0.125, 0.5, 1, 0.25])
        // MSE = 0.125^2 / 4 = 2^-8, so PSNR = 10 log10(256).
        XCTAssertEqual(peakSignalToNoiseRatio(estimate, reference: reference), 24.082399653118497, accuracy: 1e-12)
    }

    func testPSNRAveragesOverAllChannels() {
        let reference = Image(width: 1, height: 2, channels: 2, pixels: [0.5, 0.5, 0.5, 0.5])
        let estimate = Image(width: 1, height: 2, channels: 2, pixels: [0.5, 0.5, 0.5, 0.75])
        // One error of 0.25 among four samples: MSE = 2^-6.
        XCTAssertEqual(peakSignalToNoiseRatio(estimate, reference: reference), 10 * log10(64.0), accuracy: 1e-12)
    }

    func testPSNRClipsTheEstimateOnly() {
        let reference = Image(width: 2, height: 2, channels: 1, pixels: [0, 0.5, 1, 0.25])
        let overshoot = Image(width: 2, height: 2, channels: 1, pixels: [-0.75, 0.5, 1.5, 0.25])
        XCTAssertEqual(peakSignalToNoiseRatio(overshoot, reference: reference), .infinity)

        let estimate = Image(width: 2, height: 2, channels: 1, pixels: [0.125, 0.5, 1.5, 0.25])
        // Unclipped, the 1.5 would add 0.5^2 to the error; clipped it adds nothing.
        XCTAssertEqual(peakSignalToNoiseRatio(estimate, reference: reference), 24.082399653118497, accuracy: 1e-12)
    }

    func testPSNROfIdenticalImagesIsInfinite() {
        let image = MetricsTests.referencePair().reference
        XCTAssertEqual(peakSignalToNoiseRatio(image, reference: image), .infinity)
    }

    func testPSNRIgnoresAlpha() {
        let reference = Image(width: 2, height: 1, channels: 1, pixels: [0.25, 0.75], alpha: [1, 1])
        let estimate = Image(width: 2, height: 1, channels: 1, pixels: [0.25, 0.75], alpha: [0, 0.5])
        XCTAssertEqual(peakSignalToNoiseRatio(estimate, reference: reference), .infinity)
    }

    func testSSIMOfIdenticalImagesIsOne() {
        let image = MetricsTests.referencePair().reference
        XCTAssertEqual(structuralSimilarity(image, reference: image), 1, accuracy: 1e-12)
    }

    func testSSIMMatchesReferenceImplementation() {
        let (reference, estimate) = MetricsTests.referencePair()
        // skimage.metrics.structural_similarity(clip(estimate, 0, 1), reference, gaussian_weights=True,
        // sigma=1.5, use_sample_covariance=False, data_range=1, channel_axis=0) and a direct NumPy
        // evaluation of the same definition both give 0.969791385484 for this pair.
        XCTAssertEqual(structuralSimilarity(estimate, reference: reference), 0.969791385484, accuracy: 1e-4)
        XCTAssertEqual(
            structuralSimilarity(estimate.plane(0), reference: reference.plane(0)), 0.969436558733, accuracy: 1e-4)
    }

    func testSSIMClipsTheEstimate() {
        let reference = MetricsTests.referencePair().reference
        var overshoot = reference
        for index in overshoot.pixels.indices where overshoot.pixels[index] == 0 || overshoot.pixels[index] == 1 {
            overshoot.pixels[index] = overshoot.pixels[index] == 0 ? -0.5 : 1.5
        }
        XCTAssertNotEqual(overshoot, reference)
        XCTAssertEqual(structuralSimilarity(overshoot, reference: reference), 1, accuracy: 1e-12)
    }

    func testSSIMOfImageSmallerThanWindowIsNaN() {
        let image = Image(width: 10, height: 20, channels: 1, repeating: 0.5)
        XCTAssertTrue(structuralSimilarity(image, reference: image).isNaN)
    }

    /// A 20 x 16 two-channel pair built from exact binary fractions, so that the NumPy reference sees
    /// exactly the same samples. The estimate leaves [0, 1] in 56 places, which exercises clipping.
    private static func referencePair() -> (reference: Image, estimate: Image) {
        let width = 20, height = 16, channels = 2
        var reference = Image(width: width, height: height, channels: channels)
        var estimate = reference
        for channel in 0..<channels {
            for row in 0..<height {
                for column in 0..<width {
                    let value = Float((column * 7 + row * 13 + channel * 5) % 17) / 16
                    reference[channel, row, column] = value
                    estimate[channel, row, column] = value + Float((column * 3 + row * 5 + channel) % 11 - 5) / 40
                }
            }
        }
        return (reference, estimate)
    }
}
