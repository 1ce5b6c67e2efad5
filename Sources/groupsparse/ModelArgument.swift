import GroupSparse

/// Help shared by every command that takes `--model` or a model argument.
enum ModelArgument {
    /// How a model name or path is resolved, for help texts.
    static let lookupHelp = """
        A model is a bundled name (\(PretrainedModel.allCases.map(\.rawValue).joined(separator: ", "))) \
        or a .safetensors path, looked up in this order: an existing file at the given path, then \
        $\(ModelLocator.environmentVariable)/<name>.safetensors when that variable is set, then the \
        weights built into the program.
        """

    /// The denoiser `reference` names, with a name or path that finds nothing reported as a usage error.
    static func load(_ reference: String) throws -> Denoiser {
        do {
            return try Denoiser(model: reference)
        } catch let error as DenoiserError {
            switch error {
            case .unknownModel, .modelFileNotFound: throw UsageError(error.description)
            default: throw error
            }
        }
    }
}
