import Foundation

/// An image file format this library reads and writes.
public enum ImageFormat: String, Sendable, Hashable, CaseIterable {
    /// Portable Network Graphics: 8- or 16-bit integer samples, quantised to [0, 1].
    case png
    /// NumPy's `.npy` array format: floating-point samples, stored unclipped.
    case npy

    /// The format whose conventional extension is `pathExtension`, compared case-insensitively,
    /// or `nil` when the extension names no format this library handles.
    ///
    /// ```swift
    /// ImageFormat(pathExtension: "PNG")  // .png
    /// ImageFormat(pathExtension: "jpg")  // nil
    /// ```
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "png": self = .png
        case "npy": self = .npy
        default: return nil
        }
    }

    /// The conventional extension, without the leading dot.
    public var pathExtension: String { rawValue }

    /// The format whose signature starts `data`, or `nil` when the bytes match neither.
    init?(sniffing data: Data) {
        let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let npySignature: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        if data.starts(with: pngSignature) {
            self = .png
        } else if data.starts(with: npySignature) {
            self = .npy
        } else {
            return nil
        }
    }
}
