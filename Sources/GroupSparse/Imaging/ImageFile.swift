import Foundation

/// Reads and writes image files, choosing between PNG and NPY from the file name.
///
/// ```swift
/// let noisy = try ImageFile.read(URL(fileURLWithPath: "noisy.png"))
/// let clean = denoise(noisy.image)
/// try ImageFile.write(clean, to: URL(fileURLWithPath: "clean.png"), matching: noisy)
/// ```
public enum ImageFile {
    /// Reads and decodes the image at `url`.
    ///
    /// The format follows the extension (`.png` or `.npy`, in any case); a file with any other
    /// extension is recognised by its first bytes.
    ///
    /// - Throws: ``ImageCodecError/fileNotFound(path:)``, ``ImageCodecError/unreadable(path:reason:)``,
    ///   ``ImageCodecError/unknownFormat(path:)``, or whatever the format's decoder throws.
    public static func read(_ url: URL) throws -> DecodedImage {
        let data = try contents(of: url)
        let path = url.path
        switch ImageFormat(pathExtension: url.pathExtension) ?? ImageFormat(sniffing: data) {
        case .png: return try PNGCodec.decode(data, path: path)
        case .npy: return try NPYCodec.decode(data, path: path)
        case nil: throw ImageCodecError.unknownFormat(path: path)
        }
    }

    /// Encodes `image` in the format named by the extension of `url` and stores it atomically.
    ///
    /// - Parameters:
    ///   - bitDepth: The PNG sample depth, 8 or 16; `nil` means 8. NPY files ignore it and always
    ///     store float32.
    ///   - npyChannelAxis: Whether a single-channel image without alpha is stored as `(H, W, 1)`
    ///     rather than `(H, W)`. Other images always have a channel axis; PNG files ignore it.
    /// - Throws: ``ImageCodecError/unknownExtension(path:)`` when the extension is neither `.png`
    ///   nor `.npy`, or whatever the format's encoder and the write throw. On failure nothing is
    ///   written: no partial file appears, and an existing file at `url` stays as it was.
    public static func write(_ image: Image, to url: URL, bitDepth: Int? = nil, npyChannelAxis: Bool = false) throws {
        switch ImageFormat(pathExtension: url.pathExtension) {
        case .png: try PNGCodec.write(image, to: url, bitDepth: bitDepth ?? 8)
        case .npy: try NPYCodec.write(image, to: url, channelAxis: npyChannelAxis)
        case nil: throw ImageCodecError.unknownExtension(path: url.path)
        }
    }

    /// Writes `image` to `url` in the layout of `source`: the same PNG bit depth and the same NPY
    /// shape convention, whichever of the two the extension of `url` selects.
    ///
    /// A PNG written from an NPY source is 8-bit; an NPY written from a PNG source has shape
    /// `(H, W)` when it is single-channel without alpha.
    public static func write(_ image: Image, to url: URL, matching source: DecodedImage) throws {
        try write(image, to: url, bitDepth: source.bitDepth, npyChannelAxis: source.npyShapeHadChannelAxis)
    }

    /// The bytes of the file at `url`, with missing and unreadable files told apart.
    static func contents(of url: URL) throws -> Data {
        let path = url.path
        guard url.isFileURL else {
            throw ImageCodecError.unreadable(path: url.absoluteString, reason: "not a file URL")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ImageCodecError.fileNotFound(path: path)
        }
        if isDirectory.boolValue {
            throw ImageCodecError.unreadable(path: path, reason: "it is a directory")
        }
        do {
            return try Data(contentsOf: url)
        } catch CocoaError.fileReadNoSuchFile {
            throw ImageCodecError.fileNotFound(path: path)
        } catch {
            throw ImageCodecError.unreadable(path: path, reason: error.localizedDescription)
        }
    }
}
