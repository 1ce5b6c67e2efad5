import XCTest
@testable import GroupSparse

final class CropSamplerTests: XCTestCase {
    /// A square image whose samples are all different, in no symmetric arrangement.
    private static func asymmetricImage(size: Int, channels: Int = 1) -> Image {
        let count = size * size * channels
        return Image(width: size, height: size, channels: channels,
                     pixels: (0..<count).map { Float(($0 * 7919) % count) / Float(count) })
    }

    func testEightSymmetriesGiveEightDistinctPermutations() {
        let image = CropSamplerTests.asymmetricImage(size: 5)
        let results = (0..<8).map { CropSampler.apply(symmetry: $0, to: image) }
        XCTAssertEqual(results[0], image)
        for (code, result) in results.enumerated() {
            XCTAssertEqual(result.width, 5)
            XCTAssertEqual(result.pixels.sorted(), image.pixels.sorted(), "code \(code) must permute the pixels")
            for other in 0..<code { XCTAssertNotEqual(result, results[other], "codes \(other) and \(code)") }
        }
    }

    func testCodesActAsDocumented() {
        let image = CropSamplerTests.asymmetricImage(size: 4)
        let transposed = CropSampler.apply(symmetry: 1, to: image)
        let rowsMirrored = CropSampler.apply(symmetry: 2, to: image)
        let columnsMirrored = CropSampler.apply(symmetry: 4, to: image)
        for y in 0..<4 {
            for x in 0..<4 {
                XCTAssertEqual(transposed[0, y, x], image[0, x, y])
                XCTAssertEqual(rowsMirrored[0, y, x], image[0, 3 - y, x])
                XCTAssertEqual(columnsMirrored[0, y, x], image[0, y, 3 - x])
            }
        }
    }

    func testTranspositionAndMirrorsAreInvolutions() {
        let image = CropSamplerTests.asymmetricImage(size: 6, channels: 3)
        for code in [1, 2, 4, 6] {
            let once = CropSampler.apply(symmetry: code, to: image)
            XCTAssertNotEqual(once, image)
            XCTAssertEqual(CropSampler.apply(symmetry: code, to: once), image, "code \(code) twice")
        }
    }

    func testEveryChannelGetsTheSamePermutation() {
        let grey = CropSamplerTests.asymmetricImage(size: 5)
        var colour = Image(width: 5, height: 5, channels: 3, pixels: grey.pixels + grey.pixels.map { $0 + 1 } + grey.pixels.map { $0 + 2 })
        colour.alpha = nil
        for code in 0..<8 {
            let greyResult = CropSampler.apply(symmetry: code, to: grey)
            let colourResult = CropSampler.apply(symmetry: code, to: colour)
            for channel in 0..<3 {
                XCTAssertEqual(colourResult.plane(channel).pixels, greyResult.pixels.map { $0 + Float(channel) })
            }
        }
    }

    func testSamplesAreSymmetriesOfCropsOfTheImagesAndDeterministic() {
        let images = [CropSamplerTests.asymmetricImage(size: 9), CropSamplerTests.asymmetricImage(size: 7).plane(0)]
        let sampler = CropSampler(images: images, cropSize: 4)
        var generator = SeededGenerator(seed: 3)
        var again = SeededGenerator(seed: 3)
        for _ in 0..<10 {
            let sample = sampler.sample(using: &generator)
            XCTAssertEqual(sampler.sample(using: &again), sample)
            XCTAssertEqual(sample.width, 4)
            XCTAssertEqual(sample.height, 4)
            var found = false
            search: for image in images {
                for top in 0...(image.height - 4) {
                    for left in 0...(image.width - 4) {
                        let crop = image.crop(row: top, column: left, height: 4, width: 4)
                        for code in 0..<8 where CropSampler.apply(symmetry: code, to: crop) == sample {
                            found = true
                            break search
                        }
                    }
                }
            }
            XCTAssertTrue(found, "a sample must be a symmetry of a crop of one of the images")
        }
    }
}
