/// A reason training cannot start or continue.
public enum TrainingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The training folder holds too few usable images.
    case notEnoughImages(folder: String, found: Int, needed: Int)
    /// An image is smaller than the crops the configuration asks for.
    case imageTooSmall(path: String, width: Int, height: Int, needed: Int)
    /// A setting is out of its range.
    case invalidSetting(String)
    /// The checkpoint at `path` was made with other values of `settings` (names of
    /// ``TrainingConfiguration`` properties, nested ones joined by dots), which a resume may not change.
    case checkpointMismatch(path: String, settings: [String])

    /// A one-line description of the problem.
    public var description: String {
        switch self {
        case .notEnoughImages(let folder, let found, let needed):
            return "\(folder) holds \(found) PNG images; training needs at least \(needed)"
        case .imageTooSmall(let path, let width, let height, let needed):
            return "\(path) is \(width)x\(height); training crops need at least \(needed)x\(needed)"
        case .invalidSetting(let reason):
            return "invalid training setting: \(reason)"
        case .checkpointMismatch(let path, let settings):
            return "cannot resume: \(path) was written with other values of \(settings.joined(separator: ", "))"
        }
    }
}
