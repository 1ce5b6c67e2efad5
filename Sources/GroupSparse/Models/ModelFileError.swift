/// A reason a model file could not be used.
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file names a model kind this version does not know.
    case unsupportedKind(String)
    /// A required metadata entry is absent or unparsable.
    case invalidMetadata(key: String, reason: String)
    /// A required tensor is absent.
    case missingTensor(String)
    /// A tensor's shape does not match the configuration in the metadata.
    case shapeMismatch(tensor: String, expected: [Int], found: [Int])
    /// A learned value is NaN or infinite.
    case nonFiniteValues(tensor: String)
    /// A learned value lies outside the range its meaning allows (a negative threshold, a mixing
    /// factor outside [0, 1]); `range` says which.
    case valueOutOfRange(tensor: String, range: String)

    /// A one-line description of the problem.
    public var description: String {
        switch self {
        case .unsupportedKind(let kind):
            return "model kind '\(kind)' is not supported by this version of GroupSparse"
        case .invalidMetadata(let key, let reason):
            return "model metadata '\(key)' is invalid: \(reason)"
        case .missingTensor(let name):
            return "model file has no tensor '\(name)'"
        case .shapeMismatch(let tensor, let expected, let found):
            return "model tensor '\(tensor)' has shape \(found), expected \(expected)"
        case .nonFiniteValues(let tensor):
            return "model tensor '\(tensor)' holds NaN or infinite values"
        case .valueOutOfRange(let tensor, let range):
            return "model tensor '\(tensor)' holds values outside \(range)"
        }
    }
}
