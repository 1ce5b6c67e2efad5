import Foundation

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A set of named tensors in the safetensors format, the interchange format for learned model weights.
///
/// A file is an 8-byte little-endian header length, a UTF-8 JSON header of that many bytes describing
/// each tensor's dtype, shape and byte range, and the raw little-endian data buffer. Reading accepts
/// `F32`, `F64`, `F16` and `BF16` tensors and converts them to `Float`; writing always produces `F32`.
///
/// Writing is deterministic: tensors are laid out in the byte order of their names and the JSON keys
/// are sorted, so the same tensors and metadata always serialize to the same bytes, and a checked-in
/// model file only changes when its weights do.
public struct SafetensorsFile: Sendable, Equatable {
    /// A dense, row-major array of `Float` values with its shape.
    public struct Tensor: Sendable, Equatable {
        /// The extent of each dimension, outermost first; `[]` is a scalar holding one value.
        public var shape: [Int]
        /// The values in row-major order; `values.count` is the product of `shape`.
        public var values: [Float]

        /// Creates a tensor from its shape and row-major values.
        ///
        /// The count is checked when the file is serialized rather than here, so that a tensor can be
        /// reshaped in place through its mutable properties.
        public init(shape: [Int], values: [Float]) {
            self.shape = shape
            self.values = values
        }
    }

    /// The tensors, by name.
    public var tensors: [String: Tensor]
    /// Free-form string metadata stored in the header under `__metadata__`.
    public var metadata: [String: String]

    /// Creates a file from tensors and optional metadata.
    public init(tensors: [String: Tensor] = [:], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    /// Reads and validates the safetensors file at `url`.
    ///
    /// - Throws: `SafetensorsError` if the file cannot be read or is not a well-formed safetensors file.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw SafetensorsError.unreadable(path: url.path, reason: error.localizedDescription)
        }
        try self.init(data: data)
    }

    /// Parses and validates safetensors bytes.
    ///
    /// Validation is strict because a model file that loads with silently shifted weights produces a
    /// denoiser that runs but is wrong: the header must fit in the data, every tensor's byte range must
    /// lie inside the buffer and match its shape, and the ranges must tile the buffer without overlaps
    /// or holes.
    ///
    /// - Throws: `SafetensorsError` describing the first problem found.
    public init(data: Data) throws {
        self = try data.withUnsafeBytes { raw in try SafetensorsFile.parse(raw) }
    }

    /// The file's bytes: header length, padded JSON header and `F32` data buffer.
    ///
    /// - Throws: `SafetensorsError.valueCountMismatch` or `.invalidShape` if a tensor's values do not
    ///   fill its shape, and `.reservedTensorName` if a tensor is named `__metadata__`.
    public func serialized() throws -> Data {
        let names = tensors.keys.sorted(by: SafetensorsFile.byteOrder)
        var layout: [(name: String, tensor: Tensor, begin: Int)] = []
        layout.reserveCapacity(names.count)
        var bufferSize = 0
        for name in names {
            guard name != SafetensorsFile.metadataKey else { throw SafetensorsError.reservedTensorName(name) }
            guard let tensor = tensors[name] else { continue }
            guard let count = SafetensorsFile.elementCount(of: tensor.shape) else {
                throw SafetensorsError.invalidShape(tensor: name, shape: tensor.shape)
            }
            guard count == tensor.values.count else {
                throw SafetensorsError.valueCountMismatch(
                    tensor: name, shape: tensor.shape, valueCount: tensor.values.count)
            }
            layout.append((name, tensor, bufferSize))
            bufferSize += count * MemoryLayout<Float>.size
        }

        var header = Array(encodedHeader(layout.map { ($0.name, $0.tensor.shape, $0.begin) }).utf8)
        // The data buffer then starts 8-byte aligned, so readers can map the values in place.
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }

        let dataStart = 8 + header.count
        var data = Data(count: dataStart + bufferSize)
        data.withUnsafeMutableBytes { output in
            output.storeBytes(of: UInt64(header.count).littleEndian, toByteOffset: 0, as: UInt64.self)
            UnsafeMutableRawBufferPointer(rebasing: output[8..<dataStart]).copyBytes(from: header)
            for entry in layout {
                entry.tensor.values.withUnsafeBufferPointer { values in
                    var offset = dataStart + entry.begin
                    for value in values {
                        output.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: offset, as: UInt32.self)
                        offset += 4
                    }
                }
            }
        }
        return data
    }

    /// Writes the file to `url`, replacing any existing file atomically.
    ///
    /// The bytes go to a temporary file in the same directory, which is then renamed over `url`, so a
    /// crash or full disk never leaves a truncated model where a good one used to be. The temporary
    /// file is removed if anything fails.
    ///
    /// - Throws: `SafetensorsError` if the tensors cannot be serialized or the file cannot be written.
    public func write(to url: URL) throws {
        let data = try serialized()
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw SafetensorsError.unwritable(path: url.path, reason: error.localizedDescription)
        }
        let failure: String? = temporary.withUnsafeFileSystemRepresentation { source in
            url.withUnsafeFileSystemRepresentation { target in
                guard let source, let target else { return "path is not representable on this file system" }
                return rename(source, target) == 0 ? nil : String(cString: strerror(errno))
            }
        }
        if let failure {
            try? FileManager.default.removeItem(at: temporary)
            throw SafetensorsError.unwritable(path: url.path, reason: failure)
        }
    }
}

// MARK: - Reading

extension SafetensorsFile {
    fileprivate static let metadataKey = "__metadata__"

    /// UTF-8 byte order is the order Python's `sorted` and Rust's `BTreeMap` give, so other tools can
    /// reproduce the layout; `String.<` instead depends on Unicode canonical equivalence.
    fileprivate static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// The product of `shape`, or `nil` for a negative extent or a byte count that overflows `Int`.
    fileprivate static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for extent in shape {
            guard extent >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            guard !overflow else { return nil }
            count = product
        }
        return count.multipliedReportingOverflow(by: 8).overflow ? nil : count
    }

    fileprivate static func parse(_ raw: UnsafeRawBufferPointer) throws -> SafetensorsFile {
        guard raw.count >= 8 else { throw SafetensorsError.missingHeaderLength(fileSize: raw.count) }
        let declared = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let available = raw.count - 8
        guard declared <= UInt64(available) else {
            throw SafetensorsError.headerLengthOutOfRange(declared: declared, available: available)
        }
        let headerLength = Int(declared)
        let headerBytes = Data(raw[8..<8 + headerLength])
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: headerBytes)
        } catch {
            throw SafetensorsError.invalidHeader(reason: describe(error, header: headerBytes))
        }

        let dataStart = 8 + headerLength
        let bufferSize = raw.count - dataStart
        var ranges: [(name: String, begin: Int, end: Int)] = []
        ranges.reserveCapacity(header.entries.count)
        // Names are visited in a fixed order so that a file with several faults always reports the same one.
        for name in header.entries.keys.sorted(by: byteOrder) {
            guard let entry = header.entries[name] else { continue }
            guard let dtype = Dtype(rawValue: entry.dtype) else {
                throw SafetensorsError.unsupportedDtype(tensor: name, dtype: entry.dtype)
            }
            guard let count = elementCount(of: entry.shape) else {
                throw SafetensorsError.invalidShape(tensor: name, shape: entry.shape)
            }
            guard entry.dataOffsets.count == 2 else {
                throw SafetensorsError.invalidHeader(
                    reason: "tensor '\(name)' data_offsets must hold two integers, found \(entry.dataOffsets.count)")
            }
            let begin = entry.dataOffsets[0], end = entry.dataOffsets[1]
            guard begin >= 0, begin <= end, end <= bufferSize else {
                throw SafetensorsError.offsetsOutOfRange(tensor: name, begin: begin, end: end, bufferSize: bufferSize)
            }
            guard end - begin == count * dtype.byteWidth else {
                throw SafetensorsError.sizeMismatch(
                    tensor: name, expectedBytes: count * dtype.byteWidth, actualBytes: end - begin)
            }
            ranges.append((name, begin, end))
        }

        ranges.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        var previous: String? = nil
        for range in ranges {
            if range.begin < covered, let previous {
                throw SafetensorsError.overlappingTensors(first: previous, second: range.name)
            }
            if range.begin > covered { throw SafetensorsError.unindexedBytes(begin: covered, end: range.begin) }
            covered = range.end
            previous = range.name
        }
        if covered < bufferSize { throw SafetensorsError.unindexedBytes(begin: covered, end: bufferSize) }

        var tensors: [String: Tensor] = [:]
        tensors.reserveCapacity(ranges.count)
        for range in ranges {
            guard let entry = header.entries[range.name], let dtype = Dtype(rawValue: entry.dtype) else { continue }
            let bytes = UnsafeRawBufferPointer(rebasing: raw[(dataStart + range.begin)..<(dataStart + range.end)])
            tensors[range.name] = Tensor(shape: entry.shape, values: dtype.decode(bytes))
        }
        return SafetensorsFile(tensors: tensors, metadata: header.metadata)
    }
}

/// The element types the reader converts to `Float`.
private enum Dtype: String {
    case f32 = "F32"
    case f64 = "F64"
    case f16 = "F16"
    case bf16 = "BF16"

    var byteWidth: Int {
        switch self {
        case .f32: return 4
        case .f64: return 8
        case .f16, .bf16: return 2
        }
    }

    /// Converts little-endian elements to `Float`; `bytes.count` is a multiple of `byteWidth`.
    func decode(_ bytes: UnsafeRawBufferPointer) -> [Float] {
        let count = bytes.count / byteWidth
        return [Float](unsafeUninitializedCapacity: count) { values, initialized in
            switch self {
            case .f32:
                for index in 0..<count {
                    let bits = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self))
                    values[index] = Float(bitPattern: bits)
                }
            case .f64:
                for index in 0..<count {
                    let bits = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self))
                    values[index] = Float(Double(bitPattern: bits))
                }
            case .f16:
                for index in 0..<count {
                    let bits = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * index, as: UInt16.self))
                    values[index] = Dtype.halfToFloat(bits)
                }
            case .bf16:
                for index in 0..<count {
                    let bits = UInt16(littleEndian: bytes.loadUnaligned(fromByteOffset: 2 * index, as: UInt16.self))
                    values[index] = Float(bitPattern: UInt32(bits) << 16)
                }
            }
            initialized = count
        }
    }

    /// Widens an IEEE binary16 value exactly; done by hand because `Float16` is unavailable on Intel Macs.
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign = UInt32(bits >> 15) << 31
        let exponent = UInt32(bits >> 10) & 0x1F
        let mantissa = UInt32(bits) & 0x3FF
        switch exponent {
        case 0:
            let magnitude = Float(mantissa) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | mantissa << 13)
        default:
            return Float(bitPattern: sign | (exponent + 112) << 23 | mantissa << 13)
        }
    }
}

/// The decoded JSON header: tensor entries plus the optional metadata object.
private struct Header: Decodable {
    struct Entry: Decodable {
        var dtype: String
        var shape: [Int]
        var dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            dtype = try container.decode(String.self, forKey: .dtype)
            shape = try Entry.integers(in: container, forKey: .shape)
            dataOffsets = try Entry.integers(in: container, forKey: .dataOffsets)
        }

        /// Integers are read through `Double` because `JSONDecoder` reports a fractional or oversized
        /// value decoded as `Int` only as "not valid JSON", with no hint of where; doubles are exact
        /// for every integer up to 2^53, far beyond any real file size.
        private static func integers(
            in container: KeyedDecodingContainer<CodingKeys>, forKey key: CodingKeys
        ) throws -> [Int] {
            try container.decode([Double].self, forKey: key).map { number in
                guard let integer = Int(exactly: number) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: key, in: container, debugDescription: "expected integers, found \(number)")
                }
                return integer
            }
        }
    }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var entries: [String: Entry] = [:]
    var metadata: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == SafetensorsFile.metadataKey {
                if try !container.decodeNil(forKey: key) {
                    metadata = try container.decode([String: String].self, forKey: key)
                }
            } else {
                entries[key.stringValue] = try container.decode(Entry.self, forKey: key)
            }
        }
    }
}

/// Condenses a decoding failure to one line naming the offending key, instead of its multi-line dump.
private func describe(_ error: any Error, header: Data) -> String {
    guard let error = error as? DecodingError else { return String(describing: error) }
    func located(_ message: String, _ context: DecodingError.Context) -> String {
        let path = context.codingPath.reduce(into: "") { path, key in
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return path.isEmpty ? message : "'\(path)': \(message)"
    }
    switch error {
    case let .keyNotFound(key, context):
        return located("missing key '\(key.stringValue)'", context)
    case let .dataCorrupted(context) where context.codingPath.isEmpty:
        return syntaxError(in: header) ?? context.debugDescription
    case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
        return located(context.debugDescription, context)
    @unknown default:
        return String(describing: error)
    }
}

/// `JSONDecoder` reports every syntax error as the same sentence; `JSONSerialization` says where it is.
private func syntaxError(in header: Data) -> String? {
    do {
        _ = try JSONSerialization.jsonObject(with: header)
        return nil
    } catch {
        return (error as NSError).userInfo[NSDebugDescriptionErrorKey].map { "invalid JSON: \($0)" }
    }
}

// MARK: - Writing

extension SafetensorsFile {
    /// The JSON header with every object's keys in byte order, written by hand because
    /// `JSONSerialization` guarantees neither key order nor number formatting across platforms.
    fileprivate func encodedHeader(_ layout: [(name: String, shape: [Int], begin: Int)]) -> String {
        var members: [(key: String, json: String)] = []
        members.reserveCapacity(layout.count + 1)
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted(by: SafetensorsFile.byteOrder).map { key in
                "\(jsonString(key)):\(jsonString(metadata[key] ?? ""))"
            }
            members.append((SafetensorsFile.metadataKey, "{" + pairs.joined(separator: ",") + "}"))
        }
        for entry in layout {
            let count = entry.shape.reduce(1, *)
            let end = entry.begin + count * MemoryLayout<Float>.size
            let shape = entry.shape.map(String.init).joined(separator: ",")
            members.append((entry.name, "{\"data_offsets\":[\(entry.begin),\(end)],\"dtype\":\"F32\",\"shape\":[\(shape)]}"))
        }
        members.sort { SafetensorsFile.byteOrder($0.key, $1.key) }
        return "{" + members.map { "\(jsonString($0.key)):\($0.json)" }.joined(separator: ",") + "}"
    }
}

/// A JSON string literal; non-ASCII text is kept as raw UTF-8, which JSON allows.
private func jsonString(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case _ where scalar.value < 0x20:
            let hex = String(scalar.value, radix: 16)
            result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result + "\""
}
