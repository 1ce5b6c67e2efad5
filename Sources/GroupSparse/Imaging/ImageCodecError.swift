/// An error raised while reading, decoding, encoding or writing an image file.
///
/// Every case names the file it concerns; in-memory decoding and encoding use the name given by the
/// caller, or `<data>`. ``description`` is a one-line message suitable for a command-line tool.
public enum ImageCodecError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing exists at `path`.
    case fileNotFound(path: String)
    /// The file exists but could not be read (a directory, no permission, an I/O error).
    case unreadable(path: String, reason: String)
    /// The file ends before the image it describes does.
    case truncated(path: String)
    /// The file is not a valid image of its format.
    case corrupt(path: String, reason: String)
    /// The file is valid but uses a feature this library does not handle, or the image cannot be
    /// represented in the requested format.
    case unsupported(path: String, reason: String)
    /// The path's extension names no known image format, so there is no way to choose an encoder.
    case unknownExtension(path: String)
    /// Neither the path's extension nor the file's first bytes identify a known image format.
    case unknownFormat(path: String)
    /// The encoded image could not be stored at `path`.
    case writeFailed(path: String, reason: String)

    /// A one-line message naming the file and the problem.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "\(path): no such file"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the file: \(reason)"
        case .truncated(let path):
            return "\(path): the file is truncated"
        case .corrupt(let path, let reason):
            return "\(path): not a valid image: \(reason)"
        case .unsupported(let path, let reason):
            return "\(path): unsupported: \(reason)"
        case .unknownExtension(let path):
            return "\(path): unknown image extension (expected .png or .npy)"
        case .unknownFormat(let path):
            return "\(path): neither the extension nor the contents identify a PNG or NPY image"
        case .writeFailed(let path, let reason):
            return "\(path): cannot write the file: \(reason)"
        }
    }
}
