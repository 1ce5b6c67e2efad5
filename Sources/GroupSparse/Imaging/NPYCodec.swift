import Foundation

/// Reads and writes images as NumPy `.npy` arrays.
///
/// An array of shape `(H, W)` is a grey image; `(H, W, C)` holds `C` interleaved samples per pixel:
/// 1 grey, 2 grey and alpha, 3 RGB, 4 RGBA. Samples are taken as they are, on the [0, 1] scale and
/// never rescaled or clipped, so noisy data and denoiser output survive a round trip exactly.
///
/// Reading accepts format versions 1, 2 and 3 with float32 or float64 elements of either byte order
/// in C order; float64 values are rounded to `Float`. Writing produces version 1 files of
/// little-endian float32, the layout `numpy.save` produces for a `float32` array.
public enum NPYCodec {
    /// Decodes the bytes of an NPY file.
    ///
    /// - Parameters:
    ///   - data: The complete file.
    ///   - path: The name errors report for this data.
    /// - Returns: The image, whether its array had a channel axis, and no bit depth.
    /// - Throws: ``ImageCodecError/truncated(path:)`` when the data stops early,
    ///   ``ImageCodecError/corrupt(path:reason:)`` when it is not a valid NPY file, and
    ///   ``ImageCodecError/unsupported(path:reason:)`` for Fortran order, other element types, and
    ///   shapes that are not `(H, W)` or `(H, W, C)` with `C` in 1...4.
    public static func decode(_ data: Data, path: String = "<data>") throws -> DecodedImage {
        try data.withUnsafeBytes { bytes in try decode(bytes, path: path) }
    }

    /// Reads and decodes the NPY file at `url`.
    ///
    /// - Throws: ``ImageCodecError/fileNotFound(path:)`` and ``ImageCodecError/unreadable(path:reason:)``
    ///   besides the errors of ``decode(_:path:)``.
    public static func read(contentsOf url: URL) throws -> DecodedImage {
        try decode(ImageFile.contents(of: url), path: url.path)
    }

    /// Encodes `image` as a little-endian float32 array, alpha stored as the last channel.
    ///
    /// - Parameter channelAxis: Whether a single-channel image without alpha gets the shape
    ///   `(H, W, 1)` instead of `(H, W)`. Every other image has the shape `(H, W, C)`.
    /// - Throws: ``ImageCodecError/unsupported(path:reason:)`` when the image has neither 1 nor 3
    ///   colour channels, since the reader could not tell such an array's alpha from its colour.
    public static func encode(_ image: Image, channelAxis: Bool = false) throws -> Data {
        try encode(image, channelAxis: channelAxis, path: "<data>")
    }

    /// Encodes `image` and stores it at `url` atomically: on failure no file, not even a partial
    /// one, is left behind, and an existing file at `url` is untouched.
    ///
    /// - Throws: The errors of ``encode(_:channelAxis:)`` and ``ImageCodecError/writeFailed(path:reason:)``.
    public static func write(_ image: Image, to url: URL, channelAxis: Bool = false) throws {
        let data = try encode(image, channelAxis: channelAxis, path: url.path)
        try writeAtomically(data, to: url)
    }

    /// Encodes `image`, naming `path` in errors.
    static func encode(_ image: Image, channelAxis: Bool, path: String) throws -> Data {
        guard image.channels == 1 || image.channels == 3 else {
            throw ImageCodecError.unsupported(
                path: path, reason: "NPY images hold 1 or 3 colour channels, the image has \(image.channels)")
        }
        let stride = image.channels + (image.alpha == nil ? 0 : 1)
        let shape = stride == 1 && !channelAxis
            ? "(\(image.height), \(image.width))"
            : "(\(image.height), \(image.width), \(stride))"
        let dictionary = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        // numpy pads the header with spaces so the array data starts on a 64-byte boundary.
        let unpadded = magic.count + 4 + dictionary.utf8.count + 1
        let header = Array((dictionary + String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n").utf8)
        let prefix = magic + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header

        let pixelCount = image.planeSize
        var data = Data(count: prefix.count + pixelCount * stride * 4)
        data.withUnsafeMutableBytes { output in
            output.copyBytes(from: prefix)
            func store(_ plane: UnsafeBufferPointer<Float>, channel: Int) {
                var offset = prefix.count + channel * 4
                for value in plane {
                    output.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: offset, as: UInt32.self)
                    offset += stride * 4
                }
            }
            image.pixels.withUnsafeBufferPointer { pixels in
                for channel in 0..<image.channels {
                    store(UnsafeBufferPointer(rebasing: pixels[channel * pixelCount..<(channel + 1) * pixelCount]),
                          channel: channel)
                }
            }
            image.alpha?.withUnsafeBufferPointer { alpha in store(alpha, channel: image.channels) }
        }
        return data
    }

    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]

    private static func decode(_ bytes: UnsafeRawBufferPointer, path: String) throws -> DecodedImage {
        guard bytes.starts(with: magic.prefix(bytes.count)) else {
            throw ImageCodecError.corrupt(path: path, reason: "the data does not start with the NPY signature")
        }
        guard bytes.count >= 10 else { throw ImageCodecError.truncated(path: path) }
        let major = bytes[6], minor = bytes[7]
        let headerStart: Int, headerLength: Int
        switch major {
        case 1:
            headerStart = 10
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        case 2, 3:
            guard bytes.count >= 12 else { throw ImageCodecError.truncated(path: path) }
            headerStart = 12
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        default:
            throw ImageCodecError.unsupported(path: path, reason: "NPY format version \(major).\(minor)")
        }
        guard headerLength <= bytes.count - headerStart else { throw ImageCodecError.truncated(path: path) }
        var parser = NPYHeaderParser(bytes: Array(bytes[headerStart..<headerStart + headerLength]))
        guard let header = parser.parseHeader() else {
            throw ImageCodecError.corrupt(path: path, reason: "the NPY header is not a valid dictionary")
        }
        let layout = try Layout(header: header, path: path)

        let body = UnsafeRawBufferPointer(rebasing: bytes[(headerStart + headerLength)...])
        let (count, countOverflow) = layout.height.multipliedReportingOverflow(by: layout.width)
        let (elements, elementsOverflow) = count.multipliedReportingOverflow(by: layout.stride)
        let (byteCount, bytesOverflow) = elements.multipliedReportingOverflow(by: layout.elementSize)
        guard !countOverflow, !elementsOverflow, !bytesOverflow else {
            throw ImageCodecError.corrupt(path: path, reason: "the array shape is too large")
        }
        guard byteCount <= body.count else { throw ImageCodecError.truncated(path: path) }

        let planes: (pixels: [Float], alpha: [Float]?)
        switch layout.elementSize {
        case 4:
            planes = deinterleave(body, as: UInt32.self, layout: layout) { Float(bitPattern: $0) }
        default:
            planes = deinterleave(body, as: UInt64.self, layout: layout) { Float(Double(bitPattern: $0)) }
        }
        let image = Image(width: layout.width, height: layout.height, channels: layout.colourChannels,
                          pixels: planes.pixels, alpha: planes.alpha)
        return DecodedImage(image: image, format: .npy, bitDepth: nil, npyShapeHadChannelAxis: layout.hasChannelAxis)
    }

    /// Splits the interleaved elements of `body` into planes, fixing the byte order on the way.
    private static func deinterleave<Bits: FixedWidthInteger & UnsignedInteger>(
        _ body: UnsafeRawBufferPointer, as _: Bits.Type, layout: Layout, value: (Bits) -> Float
    ) -> (pixels: [Float], alpha: [Float]?) {
        let pixelCount = layout.width * layout.height
        let elementSize = MemoryLayout<Bits>.size
        let bigEndian = layout.bigEndian
        func fill(_ plane: UnsafeMutableBufferPointer<Float>, channel: Int) {
            var offset = channel * elementSize
            for index in plane.indices {
                let raw = body.loadUnaligned(fromByteOffset: offset, as: Bits.self)
                plane[index] = value(bigEndian ? Bits(bigEndian: raw) : Bits(littleEndian: raw))
                offset += layout.stride * elementSize
            }
        }
        var pixels = [Float](repeating: 0, count: layout.colourChannels * pixelCount)
        pixels.withUnsafeMutableBufferPointer { output in
            for channel in 0..<layout.colourChannels {
                fill(UnsafeMutableBufferPointer(rebasing: output[channel * pixelCount..<(channel + 1) * pixelCount]),
                     channel: channel)
            }
        }
        var alpha: [Float]? = nil
        if layout.hasAlpha {
            var plane = [Float](repeating: 0, count: pixelCount)
            plane.withUnsafeMutableBufferPointer { fill($0, channel: layout.colourChannels) }
            alpha = plane
        }
        return (pixels, alpha)
    }

    /// What the header says about the array, checked against what an image can be.
    private struct Layout {
        var height: Int
        var width: Int
        /// Samples per pixel, alpha included.
        var stride: Int
        var hasChannelAxis: Bool
        var elementSize: Int
        var bigEndian: Bool

        var hasAlpha: Bool { stride == 2 || stride == 4 }
        var colourChannels: Int { hasAlpha ? stride - 1 : stride }

        init(header: [String: NPYHeaderValue], path: String) throws {
            guard let element = header["descr"],
                  case .boolean(let fortranOrder)? = header["fortran_order"],
                  case .sequence(let dimensions)? = header["shape"] else {
                throw ImageCodecError.corrupt(path: path, reason: "the NPY header lacks descr, fortran_order or shape")
            }
            guard case .string(let descriptor) = element else {
                throw ImageCodecError.unsupported(path: path, reason: "structured NPY element types")
            }
            switch descriptor {
            case "<f4": (elementSize, bigEndian) = (4, false)
            case ">f4": (elementSize, bigEndian) = (4, true)
            case "<f8": (elementSize, bigEndian) = (8, false)
            case ">f8": (elementSize, bigEndian) = (8, true)
            default:
                throw ImageCodecError.unsupported(
                    path: path, reason: "NPY element type '\(descriptor)' (expected float32 or float64)")
            }
            if fortranOrder {
                throw ImageCodecError.unsupported(path: path, reason: "Fortran-ordered NPY arrays (save in C order)")
            }
            var shape: [Int] = []
            for dimension in dimensions {
                guard case .integer(let extent) = dimension, extent >= 0 else {
                    throw ImageCodecError.corrupt(path: path, reason: "the NPY shape holds a non-integer or negative extent")
                }
                shape.append(extent)
            }
            let description = "(" + shape.map(String.init).joined(separator: ", ") + ")"
            guard shape.count == 2 || shape.count == 3 else {
                throw ImageCodecError.unsupported(
                    path: path, reason: "NPY shape \(description) (expected (H, W) or (H, W, C))")
            }
            guard shape.allSatisfy({ $0 > 0 }) else {
                throw ImageCodecError.unsupported(path: path, reason: "empty NPY array of shape \(description)")
            }
            height = shape[0]
            width = shape[1]
            hasChannelAxis = shape.count == 3
            stride = hasChannelAxis ? shape[2] : 1
            guard (1...4).contains(stride) else {
                throw ImageCodecError.unsupported(
                    path: path, reason: "NPY shape \(description) (expected 1 to 4 channels)")
            }
        }
    }
}

/// A value of the Python literal subset that NPY headers are written in.
private enum NPYHeaderValue {
    case string(String)
    case boolean(Bool)
    case integer(Int)
    case none
    case sequence([NPYHeaderValue])
}

/// Parses an NPY header: the `repr` of a Python dictionary, e.g.
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (5, 7), }`, padded with spaces.
///
/// Writers other than numpy vary the spacing, quoting, key order and trailing commas, so this is a
/// small recursive-descent parser rather than a pattern match on numpy's exact output.
private struct NPYHeaderParser {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseHeader() -> [String: NPYHeaderValue]? {
        guard let dictionary = parseDictionary() else { return nil }
        skipSpace()
        return position == bytes.count ? dictionary : nil
    }

    private mutating func parseDictionary() -> [String: NPYHeaderValue]? {
        guard consume(UInt8(ascii: "{")) else { return nil }
        var dictionary: [String: NPYHeaderValue] = [:]
        while true {
            if consume(UInt8(ascii: "}")) { return dictionary }
            guard case .string(let key)? = parseValue(), consume(UInt8(ascii: ":")),
                  let value = parseValue() else { return nil }
            dictionary[key] = value
            if consume(UInt8(ascii: "}")) { return dictionary }
            guard consume(UInt8(ascii: ",")) else { return nil }
        }
    }

    private mutating func parseValue() -> NPYHeaderValue? {
        skipSpace()
        guard position < bytes.count else { return nil }
        switch bytes[position] {
        case UInt8(ascii: "'"), UInt8(ascii: "\""): return parseString()
        case UInt8(ascii: "("): return parseSequence(closing: UInt8(ascii: ")"))
        case UInt8(ascii: "["): return parseSequence(closing: UInt8(ascii: "]"))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return parseInteger()
        default: return parseKeyword()
        }
    }

    private mutating func parseString() -> NPYHeaderValue? {
        let quote = bytes[position]
        position += 1
        guard let end = bytes[position...].firstIndex(of: quote) else { return nil }
        let text = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end + 1
        return .string(text)
    }

    private mutating func parseSequence(closing: UInt8) -> NPYHeaderValue? {
        position += 1
        var elements: [NPYHeaderValue] = []
        while true {
            if consume(closing) { return .sequence(elements) }
            guard let element = parseValue() else { return nil }
            elements.append(element)
            if consume(closing) { return .sequence(elements) }
            guard consume(UInt8(ascii: ",")) else { return nil }
        }
    }

    private mutating func parseInteger() -> NPYHeaderValue? {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            position += 1
        }
        guard let value = Int(String(decoding: bytes[start..<position], as: UTF8.self)) else { return nil }
        // Python 2 wrote long integers with an `L` suffix.
        _ = consume(UInt8(ascii: "L"), skippingSpace: false)
        return .integer(value)
    }

    private mutating func parseKeyword() -> NPYHeaderValue? {
        for (word, value) in [("True", NPYHeaderValue.boolean(true)), ("False", .boolean(false)), ("None", .none)] {
            let spelling = Array(word.utf8)
            if bytes[position...].starts(with: spelling) {
                position += spelling.count
                return value
            }
        }
        return nil
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func consume(_ byte: UInt8, skippingSpace: Bool = true) -> Bool {
        if skippingSpace { skipSpace() }
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }
}
