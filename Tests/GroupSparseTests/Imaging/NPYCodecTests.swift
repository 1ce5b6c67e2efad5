import Foundation
import XCTest
@testable import GroupSparse

final class NPYCodecTests: XCTestCase {
    // MARK: Round trips

    func testRoundTripPreservesEverySampleUnclipped() throws {
        for (channels, hasAlpha) in [(1, false), (1, true), (3, false), (3, true)] {
            let image = pattern(width: 6, height: 4, channels: channels, hasAlpha: hasAlpha)
            let decoded = try NPYCodec.decode(NPYCodec.encode(image))
            XCTAssertEqual(decoded.image, image, "channels \(channels), alpha \(hasAlpha)")
            XCTAssertEqual(decoded.format, .npy)
            XCTAssertNil(decoded.bitDepth)
        }
    }

    func testSpecialValuesSurvive() throws {
        let values: [Float] = [-7.5, 1e-30, 42, .infinity, -.infinity, .nan, -0.0, 1.0000001]
        let image = Image(width: 4, height: 2, channels: 1, pixels: values)
        let decoded = try NPYCodec.decode(NPYCodec.encode(image))
        XCTAssertEqual(decoded.image.pixels.map(\.bitPattern), values.map(\.bitPattern))
    }

    func testShapesFollowTheChannelsAndAlpha() throws {
        let grey = pattern(width: 3, height: 2, channels: 1, hasAlpha: false)
        let cases: [(Image, Bool, String, Bool)] = [
            (grey, false, "(2, 3)", false),
            (grey, true, "(2, 3, 1)", true),
            (pattern(width: 3, height: 2, channels: 1, hasAlpha: true), false, "(2, 3, 2)", true),
            (pattern(width: 3, height: 2, channels: 3, hasAlpha: false), false, "(2, 3, 3)", true),
            (pattern(width: 3, height: 2, channels: 3, hasAlpha: true), false, "(2, 3, 4)", true),
        ]
        for (image, channelAxis, shape, hadAxis) in cases {
            let data = try NPYCodec.encode(image, channelAxis: channelAxis)
            XCTAssertTrue(header(of: data).contains("'shape': \(shape)"), "expected shape \(shape)")
            let decoded = try NPYCodec.decode(data)
            XCTAssertEqual(decoded.npyShapeHadChannelAxis, hadAxis, shape)
            XCTAssertEqual(decoded.image, image, shape)
        }
    }

    func testWrittenFileMatchesNumpyLayout() throws {
        let image = Image(width: 2, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6], alpha: [7, 8])
        let data = try NPYCodec.encode(image)
        let bytes = [UInt8](data)
        XCTAssertEqual(Array(bytes[0..<8]), [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0)
        XCTAssertEqual(bytes[10 + headerLength - 1], UInt8(ascii: "\n"))
        XCTAssertTrue(header(of: data).hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 4), }"))
        // Pixel after pixel, R G B A each.
        XCTAssertEqual(float32s(Data(bytes[(10 + headerLength)...])), [1, 3, 5, 7, 2, 4, 6, 8])
    }

    func testWriteThenReadThroughAFile() throws {
        let url = try temporaryDirectory().appendingPathComponent("image.npy")
        let image = pattern(width: 5, height: 3, channels: 3, hasAlpha: false)
        try NPYCodec.write(image, to: url)
        XCTAssertEqual(try NPYCodec.read(contentsOf: url).image, image)
    }

    // MARK: Other writers' files

    func testReadsNumpyFiles() throws {
        let base = { (x: Int, y: Int) in Float(x + 7 * y) / 16 - 0.5 }

        let grey = try NPYCodec.read(contentsOf: fixture("numpy_f4_hw"))
        assertImage(grey.image, channels: 1, alpha: nil) { x, y, _ in base(x, y) }
        XCTAssertFalse(grey.npyShapeHadChannelAxis)

        let bigEndian = try NPYCodec.read(contentsOf: fixture("numpy_f8be_hwc3"))
        assertImage(bigEndian.image, channels: 3, alpha: nil) { x, y, c in base(x, y) + Float(c) / 4 }
        XCTAssertTrue(bigEndian.npyShapeHadChannelAxis)

        let version2 = try NPYCodec.read(contentsOf: fixture("numpy_f4_v2_hwc4"))
        assertImage(version2.image, channels: 3, alpha: { x, _ in Float(x) / 8 }) { x, y, c in
            base(x, y) + Float(c) / 4
        }

        let version3 = try NPYCodec.read(contentsOf: fixture("numpy_f8_v3_hw"))
        assertImage(version3.image, channels: 1, alpha: nil) { x, y, _ in base(x, y) }
    }

    func testReadsFloat64InEitherByteOrder() throws {
        let values: [Double] = [-0.25, 0.5, 1.75, 3, 1e10, -2]
        for bigEndian in [false, true] {
            let descriptor = bigEndian ? ">f8" : "<f8"
            let data = npy(header: "{'descr': '\(descriptor)', 'fortran_order': False, 'shape': (2, 3), }",
                           payload: values.flatMap { bytes(of: $0.bitPattern, bigEndian: bigEndian) })
            XCTAssertEqual(try NPYCodec.decode(data).image.pixels, values.map(Float.init), descriptor)
        }
    }

    func testReadsBigEndianFloat32AndGreyAlpha() throws {
        let values: [Float] = [0.1, 1, 0.2, 0.5, 0.3, 0]
        let data = npy(header: "{'descr': '>f4', 'fortran_order': False, 'shape': (1, 3, 2), }",
                       payload: values.flatMap { bytes(of: $0.bitPattern, bigEndian: true) })
        let image = try NPYCodec.decode(data).image
        XCTAssertEqual(image.channels, 1)
        XCTAssertEqual(image.pixels, [0.1, 0.2, 0.3])
        XCTAssertEqual(image.alpha, [1, 0.5, 0])
    }

    func testAcceptsHeaderVariations() throws {
        let payload = [Float](repeating: 0.5, count: 6).flatMap { bytes(of: $0.bitPattern, bigEndian: false) }
        let headers = [
            "{\"shape\": (2, 3), \"fortran_order\": False, \"descr\": \"<f4\"}",
            "{ 'descr' : '<f4' , 'fortran_order' : False , 'shape' : ( 2 , 3 ) }   \n",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': [2, 3]}",
        ]
        for header in headers {
            XCTAssertEqual(try NPYCodec.decode(npy(header: header, payload: payload)).image.pixels.count, 6, header)
        }
        for version: UInt8 in [2, 3] {
            let data = npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
                           version: version, payload: payload)
            XCTAssertEqual(try NPYCodec.decode(data).image.pixels, [Float](repeating: 0.5, count: 6))
        }
    }

    // MARK: Rejected files

    func testFortranOrderIsUnsupported() throws {
        XCTAssertThrowsError(try NPYCodec.read(contentsOf: fixture("numpy_fortran_hw"))) { error in
            guard case .unsupported? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
        }
    }

    func testUnsupportedElementTypesAndShapes() {
        let headers = [
            "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }",
            "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 3), }",
            "{'descr': '<f2', 'fortran_order': False, 'shape': (2, 3), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2, 3, 1), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1, 5), }",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3), }",
            "{'descr': [('r', '<f4')], 'fortran_order': False, 'shape': (2, 3), }",
        ]
        for header in headers {
            let data = npy(header: header, payload: [UInt8](repeating: 0, count: 64))
            XCTAssertThrowsError(try NPYCodec.decode(data), header) { error in
                guard case .unsupported? = error as? ImageCodecError else {
                    return XCTFail("unexpected error \(error) for \(header)")
                }
            }
        }
        var future = npy(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", payload: [0, 0, 0, 0])
        future[6] = 9
        XCTAssertThrowsError(try NPYCodec.decode(future)) { error in
            guard case .unsupported? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
        }
    }

    func testMalformedHeadersAreCorrupt() {
        let headers = [
            "not a dictionary",
            "{'descr': '<f4', 'shape': (2, 3)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)",
            "{'descr': '<f4', 'fortran_order': Maybe, 'shape': (2, 3)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999, 3)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904, 4)}",
        ]
        for header in headers {
            XCTAssertThrowsError(try NPYCodec.decode(npy(header: header, payload: [])), header) { error in
                guard case .corrupt? = error as? ImageCodecError else {
                    return XCTFail("unexpected error \(error) for \(header)")
                }
            }
        }
        XCTAssertThrowsError(try NPYCodec.decode(Data("\u{89}PNG garbage that is long enough".utf8))) { error in
            guard case .corrupt? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
        }
    }

    func testTruncatedFilesAreRejected() throws {
        let data = try NPYCodec.encode(pattern(width: 4, height: 3, channels: 3, hasAlpha: false))
        for length in [0, 3, 9, 40, 128, data.count - 1] {
            XCTAssertThrowsError(try NPYCodec.decode(data.prefix(length), path: "cut.npy"), "length \(length)") { error in
                XCTAssertEqual(error as? ImageCodecError, .truncated(path: "cut.npy"), "length \(length)")
            }
        }
    }

    func testImagesWithoutOneOrThreeChannelsAreNotEncoded() {
        let image = Image(width: 2, height: 2, channels: 2, repeating: 0.5)
        XCTAssertThrowsError(try NPYCodec.encode(image)) { error in
            guard case .unsupported? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
        }
    }

    func testWriteIntoMissingDirectoryFailsWithoutLeavingFiles() throws {
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent("missing/out.npy")
        XCTAssertThrowsError(try NPYCodec.write(Image(width: 2, height: 2), to: url)) { error in
            guard case .writeFailed? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    // MARK: Helpers

    private func pattern(width: Int, height: Int, channels: Int, hasAlpha: Bool) -> Image {
        let count = width * height
        let pixels = (0..<channels * count).map { index in Float(index) * 0.37 - 2.5 }
        let alpha = hasAlpha ? (0..<count).map { index in 1.5 - Float(index) * 0.11 } : nil
        return Image(width: width, height: height, channels: channels, pixels: pixels, alpha: alpha)
    }

    /// An NPY file with the given header text (padded as numpy pads it) and raw payload bytes.
    private func npy(header: String, version: UInt8 = 1, payload: [UInt8]) -> Data {
        let prefixLength = version == 1 ? 10 : 12
        var text = Array(header.utf8)
        while (prefixLength + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        var prefix: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
        prefix += version == 1 ? bytes(of: UInt16(text.count), bigEndian: false)
                               : bytes(of: UInt32(text.count), bigEndian: false)
        return Data(prefix + text + payload)
    }

    private func bytes<T: FixedWidthInteger>(of value: T, bigEndian: Bool) -> [UInt8] {
        withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { Array($0) }
    }

    private func header(of data: Data) -> String {
        let bytes = [UInt8](data)
        let length = Int(bytes[8]) | Int(bytes[9]) << 8
        return String(decoding: bytes[10..<10 + length], as: UTF8.self)
    }

    private func float32s(_ data: Data) -> [Float] {
        let bytes = [UInt8](data)
        return stride(from: 0, to: bytes.count, by: 4).map { offset in
            Float(bitPattern: (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) })
        }
    }

    /// Checks a 7 x 5 fixture against `expected(x, y, channel)` and the optional alpha formula.
    private func assertImage(
        _ image: Image, channels: Int, alpha: ((Int, Int) -> Float)?, expected: (Int, Int, Int) -> Float,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual([image.width, image.height, image.channels], [7, 5, channels], file: file, line: line)
        XCTAssertEqual(image.alpha != nil, alpha != nil, file: file, line: line)
        for y in 0..<5 {
            for x in 0..<7 {
                for c in 0..<channels {
                    XCTAssertEqual(image[c, y, x], expected(x, y, c), "(\(x), \(y), \(c))", file: file, line: line)
                }
                if let alpha, let plane = image.alpha {
                    XCTAssertEqual(plane[y * 7 + x], alpha(x, y), "alpha (\(x), \(y))", file: file, line: line)
                }
            }
        }
    }

    private func fixture(_ name: String) throws -> URL {
        try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "npy", subdirectory: "Fixtures"))
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("NPYCodecTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
