/// Why a batch cannot be planned. Each of these stops every task the same way, so a retry cannot
/// help: the command line or the manifest has to change.
public enum BatchPlanError: Error, Equatable, CustomStringConvertible {
    /// The manifest is missing, not text, or empty.
    case unreadableManifest(path: String, reason: String)
    /// An input lies outside the folder that outputs mirror.
    case outsideRoot(input: String, root: String)
    /// Two inputs would be written to one output.
    case sameOutput(first: String, second: String, output: String)
    /// An output would replace one of the inputs.
    case overwritesInput(input: String, output: String)

    /// One line naming the files concerned.
    public var description: String {
        switch self {
        case .unreadableManifest(let path, let reason):
            return "\(path): the manifest \(reason)"
        case .outsideRoot(let input, let root):
            return "\(input) is outside the root \(root); outputs mirror paths below the root, so pass a --root that holds every input"
        case .sameOutput(let first, let second, let output):
            return "\(first) and \(second) would both write \(output)"
        case .overwritesInput(let input, let output):
            return "the output \(output) of \(input) would overwrite an input; choose another output folder"
        }
    }
}
