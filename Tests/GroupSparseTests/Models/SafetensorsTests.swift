import Foundation
import XCTest
@testable import GroupSparse

final class SafetensorsTests: XCTestCase {
    private typealias Tensor = SafetensorsFile.Tensor

    /// XCTest makes a fresh instance per test method, so every test gets its own directory.
    private let temporaryDirectory = FileManager.default.temporaryDirectory
        .appendingPathComponent("SafetensorsTests-\(UUID().uuidString)")

    override func setUpWithError() throws {
        try FileManager.default.createDirectory(at: temporaryDirectory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: temporaryDirectory)
    }

    // MARK: Round trips

    func testRoundTripIsBitExact() throws {
        let original = SafetensorsTests.sample()
        let loaded = try SafetensorsFile(data: try original.serialized())
        SafetensorsTests.assertBitIdentical(loaded, original)
    }

    func testFileRoundTripReplacesAtomicallyAndLeavesNoTemporaryFile() throws {
        let url = temporaryDirectory.appendingPathComponent("model.safetensors")
        try SafetensorsFile(tensors: ["old": Tensor(shape: [1], values: [1])]).write(to: url)
        let original = SafetensorsTests.sample()
        try original.write(to: url)
        SafetensorsTests.assertBitIdentical(try SafetensorsFile(contentsOf: url), original)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporaryDirectory.path), ["model.safetensors"])
    }

    func testFailedWriteLeavesNoTemporaryFile() throws {
        let blocker = temporaryDirectory.appendingPathComponent("taken")
        try FileManager.default.createDirectory(
            at: blocker.appendingPathComponent("child"), withIntermediateDirectories: true)
        // rename(2) cannot replace a non-empty directory with a file.
        XCTAssertThrowsError(try SafetensorsTests.sample().write(to: blocker)) { error in
            guard case .unwritable? = error as? SafetensorsError else { return XCTFail("unexpected \(error)") }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temporaryDirectory.path), ["taken"])
    }

    func testReadsMissingFileAsUnreadable() {
        let url = temporaryDirectory.appendingPathComponent("absent.safetensors")
        XCTAssertThrowsError(try SafetensorsFile(contentsOf: url)) { error in
            guard case .unreadable? = error as? SafetensorsError else { return XCTFail("unexpected \(error)") }
        }
    }

    // MARK: Deterministic output

    func testSerializationIsDeterministicAndCanonical() throws {
        var forward = SafetensorsFile(metadata: ["format": "pt", "author": "x"])
        forward.tensors["b"] = Tensor(shape: [2], values: [1, 2])
        forward.tensors["a"] = Tensor(shape: [], values: [3])
        var backward = SafetensorsFile(metadata: ["author": "x"])
        backward.tensors["a"] = Tensor(shape: [], values: [3])
        backward.metadata["format"] = "pt"
        backward.tensors["b"] = Tensor(shape: [2], values: [1, 2])

        let bytes = try forward.serialized()
        XCTAssertEqual(bytes, try backward.serialized())
        XCTAssertEqual(bytes, try SafetensorsFile(data: bytes).serialized())

        let json = #"{"__metadata__":{"author":"x","format":"pt"},"a":{"data_offsets":[0,4],"dtype":"F32","shape":[]},"#
            + #""b":{"data_offsets":[4,12],"dtype":"F32","shape":[2]}}"#
        let headerLength = bytes.prefix(8).reversed().reduce(0) { $0 << 8 | Int($1) }
        XCTAssertEqual(headerLength % 8, 0)
        XCTAssertEqual(bytes.count, 8 + headerLength + 12)
        let header = String(decoding: bytes.dropFirst(8).prefix(headerLength), as: UTF8.self)
        XCTAssertEqual(header, json + String(repeating: " ", count: headerLength - json.utf8.count))
        XCTAssertEqual(Array(bytes.suffix(12)), [0, 0, 0x40, 0x40, 0, 0, 0x80, 0x3F, 0, 0, 0, 0x40])
    }

    func testEscapesNamesAndMetadata() throws {
        let file = SafetensorsFile(
            tensors: ["quote\"back\\slash\nnewline\u{1}": Tensor(shape: [1], values: [1])],
            metadata: ["ünïcode": "tab\tand \"quotes\""])
        SafetensorsTests.assertBitIdentical(try SafetensorsFile(data: try file.serialized()), file)
    }

    // MARK: Other dtypes

    func testConvertsF64F16AndBF16() throws {
        var data: [UInt8] = []
        for value in [0.1, -2.5] { data += withUnsafeBytes(of: value.bitPattern.littleEndian, Array.init) }
        let half: [UInt16] = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00, 0x8000]
        for bits in half { data += withUnsafeBytes(of: bits.littleEndian, Array.init) }
        let brain: [UInt16] = [0x3F80, 0xC040]
        for bits in brain { data += withUnsafeBytes(of: bits.littleEndian, Array.init) }
        let header = #"{"d":{"dtype":"F64","shape":[2],"data_offsets":[0,16]},"#
            + #""h":{"dtype":"F16","shape":[2,3],"data_offsets":[16,28]},"#
            + #""b":{"dtype":"BF16","shape":[2],"data_offsets":[28,32]}}"#
        let file = try SafetensorsFile(data: SafetensorsTests.file(header: header, data: data))
        XCTAssertEqual(file.tensors["d"], Tensor(shape: [2], values: [Float(0.1), -2.5]))
        XCTAssertEqual(file.tensors["h"], Tensor(shape: [2, 3], values: [1, -2, 65504, 0x1p-24, .infinity, -0.0]))
        XCTAssertEqual(file.tensors["h"]?.values.last?.sign, .minus)
        XCTAssertEqual(file.tensors["b"], Tensor(shape: [2], values: [1, -3]))
    }

    // MARK: Corrupt files

    func testRejectsFileShorterThanHeaderLength() {
        assertRejects(Data([1, 0, 0]), with: .missingHeaderLength(fileSize: 3))
    }

    func testRejectsHeaderLengthBeyondFile() {
        var bytes = SafetensorsTests.file(header: "{}", data: [])
        bytes[0] = 200
        assertRejects(bytes, with: .headerLengthOutOfRange(declared: 200, available: 2))
        assertRejects(Data(repeating: 0xFF, count: 8), with: .headerLengthOutOfRange(declared: .max, available: 0))
    }

    func testRejectsMalformedHeaders() {
        let headers = [
            "{\"a\":",  // truncated JSON
            "[1, 2]",  // not an object
            "\u{FF}",  // not JSON at all
            #"{"a":{"shape":[1],"data_offsets":[0,4]}}"#,  // no dtype
            #"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#,  // fractional extent
            #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}}"#,  // three offsets
            #"{"__metadata__":{"k":1}}"#,  // non-string metadata
        ]
        for header in headers {
            let bytes = SafetensorsTests.file(header: header, data: [0, 0, 0, 0])
            XCTAssertThrowsError(try SafetensorsFile(data: bytes), header) { error in
                guard case .invalidHeader? = error as? SafetensorsError else { return XCTFail("unexpected \(error)") }
            }
        }
        var invalidUTF8 = SafetensorsTests.file(header: "{}", data: [])
        invalidUTF8[8] = 0xC3
        XCTAssertThrowsError(try SafetensorsFile(data: invalidUTF8)) { error in
            guard case .invalidHeader? = error as? SafetensorsError else { return XCTFail("unexpected \(error)") }
        }
    }

    func testHeaderErrorsNameTheOffendingKey() {
        let header = #"{"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,4]}}"#
        XCTAssertThrowsError(try SafetensorsFile(data: SafetensorsTests.file(header: header, data: [0, 0, 0, 0]))) { error in
            XCTAssertEqual("\(error)", "safetensors: invalid header: 'a.shape': expected integers, found 1.5")
        }
    }

    func testRejectsUnknownDtype() {
        let header = #"{"a":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}"#
        assertRejects(SafetensorsTests.file(header: header, data: [0, 0, 0, 0]), with: .unsupportedDtype(tensor: "a", dtype: "I32"))
    }

    func testRejectsNegativeShape() {
        let header = #"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#
        assertRejects(SafetensorsTests.file(header: header, data: [0, 0, 0, 0]), with: .invalidShape(tensor: "a", shape: [-1]))
    }

    func testRejectsOffsetsOutsideBuffer() {
        let beyond = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        assertRejects(
            SafetensorsTests.file(header: beyond, data: [0, 0, 0, 0]),
            with: .offsetsOutOfRange(tensor: "a", begin: 0, end: 8, bufferSize: 4))
        let reversed = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,0]}}"#
        assertRejects(
            SafetensorsTests.file(header: reversed, data: [0, 0, 0, 0]),
            with: .offsetsOutOfRange(tensor: "a", begin: 4, end: 0, bufferSize: 4))
        let negative = #"{"a":{"dtype":"F32","shape":[0],"data_offsets":[-4,-4]}}"#
        assertRejects(
            SafetensorsTests.file(header: negative, data: []),
            with: .offsetsOutOfRange(tensor: "a", begin: -4, end: -4, bufferSize: 0))
    }

    func testRejectsRangeThatDoesNotMatchShape() {
        let header = #"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#
        assertRejects(
            SafetensorsTests.file(header: header, data: Array(repeating: 0, count: 8)),
            with: .sizeMismatch(tensor: "a", expectedBytes: 12, actualBytes: 8))
    }

    func testRejectsOverlappingTensors() {
        let header = #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
            + #""b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#
        assertRejects(
            SafetensorsTests.file(header: header, data: Array(repeating: 0, count: 12)),
            with: .overlappingTensors(first: "a", second: "b"))
    }

    func testRejectsHolesAndTrailingBytes() {
        let hole = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"#
            + #""b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}"#
        assertRejects(
            SafetensorsTests.file(header: hole, data: Array(repeating: 0, count: 12)),
            with: .unindexedBytes(begin: 4, end: 8))
        let trailing = #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        assertRejects(
            SafetensorsTests.file(header: trailing, data: Array(repeating: 0, count: 6)),
            with: .unindexedBytes(begin: 4, end: 6))
    }

    func testRejectsInconsistentTensorsOnWrite() {
        let short = SafetensorsFile(tensors: ["w": Tensor(shape: [2, 3], values: [1, 2, 3])])
        XCTAssertThrowsError(try short.serialized()) { error in
            XCTAssertEqual(error as? SafetensorsError, .valueCountMismatch(tensor: "w", shape: [2, 3], valueCount: 3))
        }
        let negative = SafetensorsFile(tensors: ["w": Tensor(shape: [-1], values: [])])
        XCTAssertThrowsError(try negative.serialized()) { error in
            XCTAssertEqual(error as? SafetensorsError, .invalidShape(tensor: "w", shape: [-1]))
        }
        let reserved = SafetensorsFile(tensors: ["__metadata__": Tensor(shape: [1], values: [0])])
        XCTAssertThrowsError(try reserved.serialized()) { error in
            XCTAssertEqual(error as? SafetensorsError, .reservedTensorName("__metadata__"))
        }
    }

    func testErrorDescriptionsAreSingleLines() {
        let errors: [SafetensorsError] = [
            .missingHeaderLength(fileSize: 3), .invalidHeader(reason: "bad"),
            .overlappingTensors(first: "a", second: "b"), .unindexedBytes(begin: 4, end: 8),
            .unwritable(path: "/x", reason: "denied"),
        ]
        for error in errors {
            XCTAssertTrue(error.description.hasPrefix("safetensors: "))
            XCTAssertFalse(error.description.contains("\n"))
        }
    }

    // MARK: Helpers

    private func assertRejects(
        _ bytes: Data, with expected: SafetensorsError, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try SafetensorsFile(data: bytes), file: file, line: line) { error in
            XCTAssertEqual(error as? SafetensorsError, expected, file: file, line: line)
        }
    }

    /// A safetensors file with the given header text, unpadded, and data buffer.
    private static func file(header: String, data: [UInt8]) -> Data {
        let json = Array(header.utf8)
        return Data(withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init) + json + data)
    }

    /// Tensors covering the awkward cases: a scalar, an empty tensor, and values whose bits must
    /// survive exactly (signed zero, infinities, a NaN payload, subnormals, extremes).
    private static func sample() -> SafetensorsFile {
        let special: [Float] = [
            0, -0.0, .infinity, -.infinity, Float(bitPattern: 0x7FC0_1234), .leastNonzeroMagnitude,
            -.leastNormalMagnitude, .greatestFiniteMagnitude, 1 / 3, -7.25, .ulpOfOne, 0.1,
        ]
        return SafetensorsFile(
            tensors: [
                "layer.weight": Tensor(shape: [3, 4], values: special),
                "layer.bias": Tensor(shape: [4], values: [0.5, -0.5, 2, 1e-20]),
                "scale": Tensor(shape: [], values: [1.5]),
                "empty": Tensor(shape: [0, 3], values: []),
            ],
            metadata: ["format": "groupsparse", "sigma": "25"])
    }

    private static func assertBitIdentical(
        _ actual: SafetensorsFile, _ expected: SafetensorsFile, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(actual.metadata, expected.metadata, file: file, line: line)
        XCTAssertEqual(Set(actual.tensors.keys), Set(expected.tensors.keys), file: file, line: line)
        for (name, tensor) in expected.tensors {
            XCTAssertEqual(actual.tensors[name]?.shape, tensor.shape, name, file: file, line: line)
            XCTAssertEqual(
                actual.tensors[name]?.values.map(\.bitPattern), tensor.values.map(\.bitPattern), name,
                file: file, line: line)
        }
    }
}
