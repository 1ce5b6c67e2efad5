import Foundation
import PNGSupport

/// Reads and writes PNG images.
///
/// Decoding accepts every PNG colour type, bit depth and interlace method: palettes become RGB,
/// grey below 8 bits is widened to 8 bits, a tRNS chunk becomes an alpha plane, and 16-bit files
/// keep their full precision. Samples land on the [0, 1] scale as `sample / 255` or
/// `sample / 65535`. Encoding clips to [0, 1] and rounds to the nearest integer level.
public enum PNGCodec {
    /// Decodes the bytes of a PNG file.
    ///
    /// - Parameters:
    ///   - data: The complete file.
    ///   - path: The name errors report for this data.
    /// - Returns: The image (1 or 3 colour channels, alpha when the file has it) and its bit depth.
    /// - Throws: ``ImageCodecError/truncated(path:)`` when the data stops early,
    ///   ``ImageCodecError/corrupt(path:reason:)`` when it is not a valid PNG,
    ///   ``ImageCodecError/unsupported(path:reason:)`` when the image is too large to decode.
    public static func decode(_ data: Data, path: String = "<data>") throws -> DecodedImage {
        var message = [CChar](repeating: 0, count: messageCapacity)
        var decoded = gs_png_image()
        let status = data.withUnsafeBytes { bytes in
            message.withUnsafeMutableBufferPointer { buffer in
                gs_png_decode(bytes.baseAddress, bytes.count, &decoded, buffer.baseAddress, buffer.count)
            }
        }
        defer { gs_png_free(decoded.samples) }
        if status != GS_PNG_OK {
            throw error(for: status, message: string(from: message), path: path, writing: false)
        }

        let width = Int(decoded.width), height = Int(decoded.height)
        let channels = Int(decoded.channels), hasAlpha = decoded.has_alpha != 0
        let pixelCount = width * height
        guard let samples = decoded.samples, channels == 1 || channels == 3,
              decoded.sample_count == pixelCount * (channels + (hasAlpha ? 1 : 0)) else {
            throw ImageCodecError.corrupt(path: path, reason: "the decoder returned an inconsistent layout")
        }
        let planes: (pixels: [Float], alpha: [Float]?)
        switch decoded.bit_depth {
        case 8:
            let buffer = UnsafeBufferPointer(start: samples.assumingMemoryBound(to: UInt8.self), count: decoded.sample_count)
            planes = deinterleave(buffer, pixelCount: pixelCount, channels: channels, hasAlpha: hasAlpha)
        case 16:
            let buffer = UnsafeBufferPointer(start: samples.assumingMemoryBound(to: UInt16.self), count: decoded.sample_count)
            planes = deinterleave(buffer, pixelCount: pixelCount, channels: channels, hasAlpha: hasAlpha)
        default:
            throw ImageCodecError.corrupt(path: path, reason: "the decoder returned bit depth \(decoded.bit_depth)")
        }
        let image = Image(width: width, height: height, channels: channels, pixels: planes.pixels, alpha: planes.alpha)
        return DecodedImage(image: image, format: .png, bitDepth: Int(decoded.bit_depth))
    }

    /// Reads and decodes the PNG file at `url`.
    ///
    /// - Throws: ``ImageCodecError/fileNotFound(path:)`` and ``ImageCodecError/unreadable(path:reason:)``
    ///   besides the errors of ``decode(_:path:)``.
    public static func read(contentsOf url: URL) throws -> DecodedImage {
        try decode(ImageFile.contents(of: url), path: url.path)
    }

    /// Encodes `image` as a non-interlaced PNG.
    ///
    /// One colour channel gives a grey PNG and three give RGB; an alpha plane adds an alpha channel.
    /// Samples are clipped to [0, 1], so infinities become 0 or the maximum level.
    ///
    /// - Parameter bitDepth: 8 or 16.
    /// - Throws: ``ImageCodecError/unsupported(path:reason:)`` when the bit depth is neither 8 nor 16,
    ///   the image has neither 1 nor 3 channels, or a sample is NaN.
    public static func encode(_ image: Image, bitDepth: Int = 8) throws -> Data {
        try encode(image, bitDepth: bitDepth, path: "<data>")
    }

    /// Encodes `image` and stores it at `url` atomically: on failure no file, not even a partial
    /// one, is left behind, and an existing file at `url` is untouched.
    ///
    /// - Throws: The errors of ``encode(_:bitDepth:)`` and ``ImageCodecError/writeFailed(path:reason:)``.
    public static func write(_ image: Image, to url: URL, bitDepth: Int = 8) throws {
        let data = try encode(image, bitDepth: bitDepth, path: url.path)
        try writeAtomically(data, to: url)
    }

    /// Encodes `image`, naming `path` in errors.
    static func encode(_ image: Image, bitDepth: Int, path: String) throws -> Data {
        guard bitDepth == 8 || bitDepth == 16 else {
            throw ImageCodecError.unsupported(path: path, reason: "PNG bit depth \(bitDepth) (use 8 or 16)")
        }
        guard image.channels == 1 || image.channels == 3 else {
            throw ImageCodecError.unsupported(
                path: path, reason: "PNG holds 1 or 3 colour channels, the image has \(image.channels)")
        }
        guard let width = UInt32(exactly: image.width), let height = UInt32(exactly: image.height) else {
            throw ImageCodecError.unsupported(path: path, reason: "the image is too large for PNG")
        }
        if let location = firstNaN(in: image) {
            throw ImageCodecError.unsupported(path: path, reason: "cannot store NaN in a PNG (\(location))")
        }

        var message = [CChar](repeating: 0, count: messageCapacity)
        var encoded = gs_png_encoded()
        let hasAlpha: Int32 = image.alpha == nil ? 0 : 1
        let status: gs_png_status
        if bitDepth == 8 {
            let samples: [UInt8] = interleave(image)
            status = samples.withUnsafeBytes { bytes in
                message.withUnsafeMutableBufferPointer { buffer in
                    gs_png_encode(bytes.baseAddress, width, height, Int32(image.channels), hasAlpha, 8,
                                  &encoded, buffer.baseAddress, buffer.count)
                }
            }
        } else {
            let samples: [UInt16] = interleave(image)
            status = samples.withUnsafeBytes { bytes in
                message.withUnsafeMutableBufferPointer { buffer in
                    gs_png_encode(bytes.baseAddress, width, height, Int32(image.channels), hasAlpha, 16,
                                  &encoded, buffer.baseAddress, buffer.count)
                }
            }
        }
        defer { gs_png_free(encoded.bytes) }
        guard status == GS_PNG_OK, let bytes = encoded.bytes else {
            throw error(for: status, message: string(from: message), path: path, writing: true)
        }
        return Data(bytes: bytes, count: encoded.size)
    }

    private static let messageCapacity = 256

    /// Splits interleaved integer samples into planes scaled to [0, 1].
    private static func deinterleave<Sample: FixedWidthInteger & UnsignedInteger>(
        _ samples: UnsafeBufferPointer<Sample>, pixelCount: Int, channels: Int, hasAlpha: Bool
    ) -> (pixels: [Float], alpha: [Float]?) {
        let stride = channels + (hasAlpha ? 1 : 0)
        // Dividing, rather than multiplying by a reciprocal, gives the correctly rounded level / max,
        // so decoding what `encode` wrote reproduces the quantised value exactly.
        let maximum = Float(Sample.max)
        func fill(_ plane: UnsafeMutableBufferPointer<Float>, from offset: Int) {
            var source = offset
            for index in plane.indices {
                plane[index] = Float(samples[source]) / maximum
                source += stride
            }
        }
        var pixels = [Float](repeating: 0, count: channels * pixelCount)
        pixels.withUnsafeMutableBufferPointer { output in
            for channel in 0..<channels {
                fill(UnsafeMutableBufferPointer(rebasing: output[channel * pixelCount..<(channel + 1) * pixelCount]),
                     from: channel)
            }
        }
        var alpha: [Float]? = nil
        if hasAlpha {
            var plane = [Float](repeating: 0, count: pixelCount)
            plane.withUnsafeMutableBufferPointer { fill($0, from: channels) }
            alpha = plane
        }
        return (pixels, alpha)
    }

    /// Interleaves the planes of `image` as clipped, rounded integer levels (alpha last).
    private static func interleave<Sample: FixedWidthInteger & UnsignedInteger>(_ image: Image) -> [Sample] {
        let pixelCount = image.planeSize
        let stride = image.channels + (image.alpha == nil ? 0 : 1)
        let maximum = Float(Sample.max)
        var samples = [Sample](repeating: 0, count: pixelCount * stride)
        samples.withUnsafeMutableBufferPointer { output in
            func store(_ plane: UnsafeBufferPointer<Float>, at offset: Int) {
                var target = offset
                for value in plane {
                    output[target] = Sample((min(max(value, 0), 1) * maximum).rounded())
                    target += stride
                }
            }
            image.pixels.withUnsafeBufferPointer { pixels in
                for channel in 0..<image.channels {
                    store(UnsafeBufferPointer(rebasing: pixels[channel * pixelCount..<(channel + 1) * pixelCount]),
                          at: channel)
                }
            }
            image.alpha?.withUnsafeBufferPointer { alpha in store(alpha, at: image.channels) }
        }
        return samples
    }

    /// Describes where the first NaN sample sits, or returns `nil` when there is none.
    private static func firstNaN(in image: Image) -> String? {
        if let index = image.pixels.firstIndex(where: \.isNaN) {
            let channel = index / image.planeSize, offset = index % image.planeSize
            return "channel \(channel), row \(offset / image.width), column \(offset % image.width)"
        }
        if let index = image.alpha?.firstIndex(where: \.isNaN) {
            return "alpha, row \(index / image.width), column \(index % image.width)"
        }
        return nil
    }

    private static func error(for status: gs_png_status, message: String, path: String, writing: Bool) -> ImageCodecError {
        switch status {
        case GS_PNG_TRUNCATED:
            return .truncated(path: path)
        case GS_PNG_NOT_PNG, GS_PNG_CORRUPT:
            return .corrupt(path: path, reason: message)
        case GS_PNG_OUT_OF_MEMORY where writing:
            return .writeFailed(path: path, reason: message)
        case GS_PNG_OUT_OF_MEMORY:
            return .unreadable(path: path, reason: message)
        default:
            return .unsupported(path: path, reason: message.isEmpty ? "libpng failed" : message)
        }
    }

    private static func string(from buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
