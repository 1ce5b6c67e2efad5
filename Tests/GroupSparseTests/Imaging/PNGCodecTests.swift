import Foundation
import XCTest
@testable import GroupSparse

final class PNGCodecTests: XCTestCase {
    // MARK: Round trips

    func testRoundTripEveryLayoutAndDepthReproducesQuantisedSamples() throws {
        for bitDepth in [8, 16] {
            for (channels, hasAlpha) in [(1, false), (1, true), (3, false), (3, true)] {
                let image = pattern(width: 9, height: 6, channels: channels, hasAlpha: hasAlpha)
                let decoded = try PNGCodec.decode(PNGCodec.encode(image, bitDepth: bitDepth))
                let label = "depth \(bitDepth), channels \(channels), alpha \(hasAlpha)"
                XCTAssertEqual(decoded.format, .png, label)
                XCTAssertEqual(decoded.bitDepth, bitDepth, label)
                XCTAssertFalse(decoded.npyShapeHadChannelAxis, label)
                XCTAssertEqual(decoded.image, quantised(image, bitDepth: bitDepth), label)
            }
        }
    }

    func testDecodedSamplesSurviveReencodingUnchanged() throws {
        for bitDepth in [8, 16] {
            let first = try PNGCodec.decode(PNGCodec.encode(pattern(width: 5, height: 4, channels: 3, hasAlpha: true),
                                                            bitDepth: bitDepth))
            let second = try PNGCodec.decode(PNGCodec.encode(first.image, bitDepth: bitDepth))
            XCTAssertEqual(first, second)
        }
    }

    func testEncodingClipsAndRoundsToTheNearestLevel() throws {
        let values: [Float] = [-3, -0, 0.6 / 255, 0.49 / 255, 1.51 / 255, 0.5, 1, 1.7, .infinity, -.infinity]
        let image = Image(width: values.count, height: 1, channels: 1, pixels: values)
        let decoded = try PNGCodec.decode(PNGCodec.encode(image))
        let levels: [Float] = [0, 0, 1, 0, 2, 128, 255, 255, 255, 0]
        XCTAssertEqual(decoded.image.pixels, levels.map { $0 / 255 })
    }

    func testWriteThenReadThroughAFile() throws {
        let url = try temporaryDirectory().appendingPathComponent("round trip.png")
        let image = pattern(width: 4, height: 3, channels: 3, hasAlpha: false)
        try PNGCodec.write(image, to: url, bitDepth: 16)
        let decoded = try PNGCodec.read(contentsOf: url)
        XCTAssertEqual(decoded.bitDepth, 16)
        XCTAssertEqual(decoded.image, quantised(image, bitDepth: 16))
    }

    // MARK: Fixtures written by an independent encoder

    func testPaletteExpandsToRGB() throws {
        let decoded = try PNGCodec.read(contentsOf: fixture("palette2"))
        let palette: [[Float]] = [[0, 0, 0], [255, 0, 0], [0, 128, 255], [255, 255, 255]]
        assertFixture(decoded, channels: 3, hasAlpha: false, bitDepth: 8) { x, y in palette[(x + 2 * y) % 4] + [255] }
    }

    func testPaletteTransparencyBecomesAlpha() throws {
        let decoded = try PNGCodec.read(contentsOf: fixture("palette_trns"))
        let palette: [[Float]] = [[10, 20, 30, 0], [200, 100, 50, 128], [0, 255, 0, 255]]
        assertFixture(decoded, channels: 3, hasAlpha: true, bitDepth: 8) { x, y in palette[(x + y) % 3] }
    }

    func testLowBitGreyWidensToEightBits() throws {
        for bits in [1, 2, 4] {
            let decoded = try PNGCodec.read(contentsOf: fixture("grey\(bits)"))
            let levels = 1 << bits
            let scale = 255 / (levels - 1)
            assertFixture(decoded, channels: 1, hasAlpha: false, bitDepth: 8) { x, y in
                [Float((x + 3 * y) % levels * scale), 255]
            }
        }
    }

    func testGreyTransparencyBecomesAlpha() throws {
        let decoded = try PNGCodec.read(contentsOf: fixture("grey_trns"))
        assertFixture(decoded, channels: 1, hasAlpha: true, bitDepth: 8) { x, y in
            let grey = 40 * x + y
            return [Float(grey), grey == 40 ? 0 : 255]
        }
    }

    func testRGBTransparencyBecomesAlpha() throws {
        let decoded = try PNGCodec.read(contentsOf: fixture("rgb_trns"))
        assertFixture(decoded, channels: 3, hasAlpha: true, bitDepth: 8) { x, y in
            (x + y) % 3 == 0 ? [255, 0, 0, 0] : [Float(10 * x), Float(20 * y + 1), 5, 255]
        }
    }

    func testInterlacedRGBIsDeinterlaced() throws {
        let decoded = try PNGCodec.read(contentsOf: fixture("interlaced_rgb8"))
        assertFixture(decoded, channels: 3, hasAlpha: false, bitDepth: 8) { x, y in
            [Float(30 * x), Float(50 * y), Float(11 * x * y % 256), 255]
        }
    }

    func testInterlacedSixteenBitGreyAlphaKeepsFullPrecision() throws {
        let decoded = try PNGCodec.read(contentsOf: fixture("interlaced_greyalpha16"))
        assertFixture(decoded, channels: 1, hasAlpha: true, bitDepth: 16) { x, y in
            [Float(9000 * x + 100 * y), Float(65535 - 1000 * x - 7 * y)]
        }
    }

    func testSixteenBitRGBAIsReadInTheRightByteOrder() throws {
        let decoded = try PNGCodec.read(contentsOf: fixture("rgba16"))
        assertFixture(decoded, channels: 3, hasAlpha: true, bitDepth: 16) { x, y in
            [Float(10000 * x + y), Float(60000 - 1000 * y), Float(257 * x * y), Float(65535 - 3 * x)]
        }
    }

    // MARK: Damaged input

    func testTruncatedDataIsReportedAsTruncated() throws {
        let data = try PNGCodec.encode(pattern(width: 16, height: 16, channels: 3, hasAlpha: false))
        for length in [1, 5, 8, 12, 30, data.count / 2, data.count - 1] {
            XCTAssertThrowsError(try PNGCodec.decode(data.prefix(length), path: "cut.png"), "length \(length)") { error in
                XCTAssertEqual(error as? ImageCodecError, .truncated(path: "cut.png"), "length \(length)")
            }
        }
    }

    func testEmptyDataIsTruncated() {
        XCTAssertThrowsError(try PNGCodec.decode(Data(), path: "empty.png")) { error in
            XCTAssertEqual(error as? ImageCodecError, .truncated(path: "empty.png"))
        }
    }

    func testGarbageIsCorrupt() {
        let garbage = Data("this is certainly not a PNG file".utf8)
        XCTAssertThrowsError(try PNGCodec.decode(garbage, path: "garbage.png")) { error in
            guard case .corrupt(let path, _)? = error as? ImageCodecError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(path, "garbage.png")
        }
    }

    func testDamagedChunkIsCorrupt() throws {
        var data = try PNGCodec.encode(pattern(width: 8, height: 8, channels: 1, hasAlpha: false))
        // Byte 20 lies inside the IHDR chunk, so its CRC no longer matches.
        data[data.startIndex + 20] ^= 0xFF
        XCTAssertThrowsError(try PNGCodec.decode(data)) { error in
            guard case .corrupt? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
        }
    }

    func testHeaderClaimingMoreThanTheDataCanHoldIsCorruptBeforeAllocating() throws {
        // 69 bytes whose header declares a 32768 x 65536 grey image: 2 GiB of samples, just inside
        // the decoder's size cap. The few compressed bytes cannot inflate to that, so the decoder
        // must refuse from the header instead of reserving the rows first (found while writing FuzzPNG).
        let url = try XCTUnwrap(Bundle.module.url(
            forResource: "huge_header", withExtension: "png", subdirectory: "Fixtures/FuzzRegressions/FuzzPNG"))
        XCTAssertThrowsError(try PNGCodec.decode(Data(contentsOf: url), path: "huge.png")) { error in
            XCTAssertEqual(error as? ImageCodecError, .corrupt(
                path: "huge.png", reason: "the image data is too short for the image size in the header"))
        }
    }

    func testDamagedFixturesFailWithTypedErrors() throws {
        for name in ["palette2", "palette_trns", "interlaced_rgb8", "interlaced_greyalpha16", "rgba16"] {
            let original = try Data(contentsOf: fixture(name))
            var generator = SplitMix64(seed: UInt64(original.count))
            for _ in 0..<200 {
                var damaged = original
                for _ in 0..<1 + Int(generator.next() % 3) {
                    let index = damaged.startIndex + Int(generator.next() % UInt64(damaged.count))
                    damaged[index] = UInt8(truncatingIfNeeded: generator.next())
                }
                do {
                    _ = try PNGCodec.decode(damaged)
                } catch {
                    XCTAssertTrue(error is ImageCodecError, "\(name): unexpected error \(error)")
                }
            }
        }
    }

    func testMissingFileIsNotFound() throws {
        let url = try temporaryDirectory().appendingPathComponent("absent.png")
        XCTAssertThrowsError(try PNGCodec.read(contentsOf: url)) { error in
            XCTAssertEqual(error as? ImageCodecError, .fileNotFound(path: url.path))
        }
    }

    func testDirectoryIsUnreadable() throws {
        let directory = try temporaryDirectory()
        XCTAssertThrowsError(try PNGCodec.read(contentsOf: directory)) { error in
            guard case .unreadable? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
        }
    }

    // MARK: Unencodable images and atomic writes

    func testUnencodableImagesAreRejected() {
        let grey = Image(width: 2, height: 2, channels: 1, repeating: 0.5)
        var withNaN = grey
        withNaN[0, 1, 0] = .nan
        var alphaNaN = grey
        alphaNaN.alpha = [1, 1, .nan, 1]
        let cases: [(Image, Int)] = [
            (grey, 12), (Image(width: 2, height: 2, channels: 2, repeating: 0), 8), (withNaN, 8), (alphaNaN, 16),
        ]
        for (image, bitDepth) in cases {
            XCTAssertThrowsError(try PNGCodec.encode(image, bitDepth: bitDepth)) { error in
                guard case .unsupported? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
            }
        }
    }

    func testWriteIntoMissingDirectoryFailsWithoutLeavingFiles() throws {
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent("missing").appendingPathComponent("out.png")
        XCTAssertThrowsError(try PNGCodec.write(Image(width: 2, height: 2), to: url)) { error in
            guard case .writeFailed(let path, _)? = error as? ImageCodecError else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(path, url.path)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    func testFailedWriteKeepsTheExistingFileAndLeavesNoTemporaryFile() throws {
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent("kept.png")
        let original = Image(width: 3, height: 2, channels: 1, repeating: 0.25)
        try PNGCodec.write(original, to: url)
        let before = try Data(contentsOf: url)

        var broken = original
        broken[0, 0, 0] = .nan
        XCTAssertThrowsError(try PNGCodec.write(broken, to: url))
        XCTAssertEqual(try Data(contentsOf: url), before)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["kept.png"])
    }

    func testWriteReplacesAnExistingFile() throws {
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent("replaced.png")
        try PNGCodec.write(Image(width: 3, height: 2, channels: 1, repeating: 0), to: url)
        try PNGCodec.write(Image(width: 2, height: 2, channels: 3, repeating: 1), to: url, bitDepth: 16)
        let decoded = try PNGCodec.read(contentsOf: url)
        XCTAssertEqual(decoded.image, Image(width: 2, height: 2, channels: 3, repeating: 1))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), ["replaced.png"])
    }

    // MARK: Helpers

    /// Samples that cover both ends of [0, 1], values outside it, and levels between quantisation steps.
    private func pattern(width: Int, height: Int, channels: Int, hasAlpha: Bool) -> Image {
        let count = width * height
        let pixels = (0..<channels * count).map { index in Float((index * 37) % 101) / 80 - 0.1 }
        let alpha = hasAlpha ? (0..<count).map { index in Float((index * 13) % 29) / 28 } : nil
        return Image(width: width, height: height, channels: channels, pixels: pixels, alpha: alpha)
    }

    private func quantised(_ image: Image, bitDepth: Int) -> Image {
        let maximum = Float((1 << bitDepth) - 1)
        func level(_ value: Float) -> Float { (min(max(value, 0), 1) * maximum).rounded() / maximum }
        var result = image
        result.pixels = image.pixels.map(level)
        result.alpha = image.alpha?.map(level)
        return result
    }

    /// Checks every pixel of a 7 x 5 fixture against `expected(x, y)`: colour levels, then alpha.
    private func assertFixture(
        _ decoded: DecodedImage, channels: Int, hasAlpha: Bool, bitDepth: Int,
        expected: (Int, Int) -> [Float], file: StaticString = #filePath, line: UInt = #line
    ) {
        let image = decoded.image
        XCTAssertEqual(decoded.bitDepth, bitDepth, file: file, line: line)
        XCTAssertEqual([image.width, image.height, image.channels], [7, 5, channels], file: file, line: line)
        XCTAssertEqual(image.alpha != nil, hasAlpha, file: file, line: line)
        let maximum = Float((1 << bitDepth) - 1)
        for y in 0..<5 {
            for x in 0..<7 {
                let levels = expected(x, y)
                var actual = (0..<channels).map { image[$0, y, x] }
                if let alpha = image.alpha { actual.append(alpha[y * 7 + x]) }
                let wanted = Array(levels.prefix(channels)) + (hasAlpha ? [levels[channels]] : [])
                XCTAssertEqual(actual, wanted.map { $0 / maximum }, "pixel (\(x), \(y))", file: file, line: line)
            }
        }
    }

    private func fixture(_ name: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "png", subdirectory: "Fixtures"))
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("PNGCodecTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}

/// A small deterministic generator, so damaged inputs are the same on every run.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
