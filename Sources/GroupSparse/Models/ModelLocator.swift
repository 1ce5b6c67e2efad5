import Foundation

/// Finds the weights a model name or path refers to.
///
/// A reference is resolved in this order, and the first match wins:
///
/// 1. An explicit path: a reference that names an existing file is read as a safetensors file.
/// 2. The folder in the `GROUPSPARSE_MODELS` environment variable: when it is set,
///    `$GROUPSPARSE_MODELS/<name>.safetensors` is used if that file exists.
/// 3. The weights compiled into the library, for the names of ``PretrainedModel`` (`sc`).
///
/// The environment variable lets a user try retrained weights under a bundled name without
/// rebuilding; compiled-in weights mean an installed binary never depends on files next to it.
public enum ModelLocator {
    /// The environment variable naming a folder of `<name>.safetensors` files.
    public static let environmentVariable = "GROUPSPARSE_MODELS"

    /// Where the weights for `reference`, a model name or a path, come from.
    ///
    /// - Parameter environment: The variables to consult; the process environment by default.
    /// - Throws: ``DenoiserError/modelFileNotFound(path:)`` when `reference` looks like a path
    ///   (it contains `/` or ends in `.safetensors`) but names no file,
    ///   ``DenoiserError/invalidModelFile(path:reason:)`` when it names a directory, and
    ///   ``DenoiserError/unknownModel(name:searched:)`` when no step of the lookup finds it.
    public static func source(
        for reference: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> ModelSource {
        var isDirectory: ObjCBool = false
        if !reference.isEmpty, FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw DenoiserError.invalidModelFile(path: reference, reason: "it is a directory")
            }
            return .file(URL(fileURLWithPath: reference))
        }
        guard isName(reference) else { throw DenoiserError.modelFileNotFound(path: reference) }
        if let file = environmentFile(named: reference, environment: environment) {
            return .file(file)
        }
        if let model = PretrainedModel(rawValue: reference) {
            return .embedded(model)
        }
        let searched = environmentFolder(in: environment).map {
            [$0.appendingPathComponent(reference + fileSuffix).path]
        } ?? []
        throw DenoiserError.unknownModel(name: reference, searched: searched)
    }

    /// Where the weights of a pretrained model come from: the `GROUPSPARSE_MODELS` folder when it
    /// holds a file for the model, the compiled-in weights otherwise.
    ///
    /// - Parameter environment: The variables to consult; the process environment by default.
    public static func source(
        for model: PretrainedModel, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ModelSource {
        environmentFile(named: model.rawValue, environment: environment).map(ModelSource.file) ?? .embedded(model)
    }

    private static let fileSuffix = ".safetensors"

    /// A name is what is left once paths are ruled out; only names are looked up in folders, so a
    /// reference can never escape the models folder.
    private static func isName(_ reference: String) -> Bool {
        !reference.isEmpty && !reference.contains("/") && !reference.hasSuffix(fileSuffix)
            && reference != "." && reference != ".."
    }

    private static func environmentFolder(in environment: [String: String]) -> URL? {
        guard let folder = environment[environmentVariable], !folder.isEmpty else { return nil }
        return URL(fileURLWithPath: folder, isDirectory: true)
    }

    private static func environmentFile(named name: String, environment: [String: String]) -> URL? {
        guard let folder = environmentFolder(in: environment) else { return nil }
        let file = folder.appendingPathComponent(name + fileSuffix)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory),
              !isDirectory.boolValue else { return nil }
        return file
    }
}
