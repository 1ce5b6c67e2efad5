import Foundation

/// A failure while reading the inputs of a report or drawing one of its pictures.
public enum ReportError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A file is not the JSON that `groupsparse evaluate` writes.
    case invalidEvaluation(path: String, reason: String)
    /// A file of reference results is malformed.
    case invalidReferences(path: String, reason: String)
    /// An atom picture was asked for a model whose patches have neither 1 nor 3 channels.
    case unsupportedChannelCount(Int)

    /// One line naming the file and the problem.
    public var description: String {
        switch self {
        case let .unreadableFile(path, reason): return "\(path): cannot read the file: \(reason)"
        case let .invalidEvaluation(path, reason): return "\(path): not an evaluate result: \(reason)"
        case let .invalidReferences(path, reason): return "\(path): invalid reference results: \(reason)"
        case let .unsupportedChannelCount(count):
            return "atoms of \(count)-channel patches cannot be shown as an image (1 or 3 channels)"
        }
    }

    /// The bytes of `url`, with a missing or unreadable file reported as ``unreadableFile(path:reason:)``.
    static func contents(of url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: url.path)
            throw ReportError.unreadableFile(path: url.path, reason: missing ? "no such file" : error.localizedDescription)
        }
    }

    /// A one-line account of a decoding error, naming the key path where it happened.
    static func describe(_ error: Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "" : " at " + keys.joined(separator: ".")
        }
        switch error {
        case let DecodingError.keyNotFound(key, context): return "missing key '\(key.stringValue)'" + path(context)
        case let DecodingError.typeMismatch(_, context): return "wrong type" + path(context)
        case let DecodingError.valueNotFound(_, context): return "missing value" + path(context)
        case let DecodingError.dataCorrupted(context):
            return (context.codingPath.isEmpty ? "not valid JSON" : context.debugDescription) + path(context)
        default: return String(describing: error)
        }
    }
}
