import Foundation

extension Denoiser {
    /// A model shipped with the library.
    ///
    /// The weights come from `$GROUPSPARSE_MODELS/<name>.safetensors` when that environment
    /// variable is set and the file exists, and from the copy compiled into the library otherwise;
    /// see ``ModelLocator``.
    ///
    /// - Throws: ``DenoiserError/invalidModelFile(path:reason:)`` when a file in the models folder
    ///   cannot be used.
    public static func pretrained(_ model: PretrainedModel = .default) throws -> Denoiser {
        try Denoiser(source: ModelLocator.source(for: model), name: model.rawValue)
    }

    /// The model a name or a path refers to, found in the order ``ModelLocator`` documents: an
    /// existing file, then the `GROUPSPARSE_MODELS` folder, then the compiled-in weights.
    ///
    /// ```swift
    /// let bundled = try Denoiser(model: "sc")
    /// let retrained = try Denoiser(model: "runs/sc-long.safetensors")
    /// ```
    ///
    /// - Throws: ``DenoiserError`` naming the reference when nothing is found or the file is unusable.
    public init(model reference: String) throws {
        let source = try ModelLocator.source(for: reference)
        let name: String
        switch source {
        case .embedded(let model): name = model.rawValue
        case .file(let url): name = url.deletingPathExtension().lastPathComponent
        }
        try self.init(source: source, name: name)
    }

    /// The model stored in the safetensors file at `url`.
    ///
    /// - Throws: ``DenoiserError/modelFileNotFound(path:)`` when there is no file, and
    ///   ``DenoiserError/invalidModelFile(path:reason:)`` when it is not a valid model.
    public init(contentsOf url: URL) throws {
        try self.init(source: .file(url), name: url.deletingPathExtension().lastPathComponent)
    }

    init(source: ModelSource, name: String) throws {
        let file: SafetensorsFile
        let path: String
        switch source {
        case .file(let url):
            path = url.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw DenoiserError.modelFileNotFound(path: path)
            }
            guard !isDirectory.boolValue else {
                throw DenoiserError.invalidModelFile(path: path, reason: "it is a directory")
            }
            do {
                file = try SafetensorsFile(contentsOf: url)
            } catch {
                throw DenoiserError.invalidModelFile(path: path, reason: Self.reason(error))
            }
        case .embedded(let model):
            path = "built-in model '\(model.rawValue)'"
            guard let data = model.embeddedWeights.data(), let decoded = try? SafetensorsFile(data: data) else {
                throw DenoiserError.damagedEmbeddedModel(name: model.rawValue)
            }
            file = decoded
        }
        let weights: SparseCoderWeights
        do {
            weights = try SparseCoderWeights(safetensors: file)
        } catch {
            throw DenoiserError.invalidModelFile(path: path, reason: Self.reason(error))
        }
        self.init(weights: weights, name: name, metadata: file.metadata, source: source)
    }

    /// The underlying error's one-line text without the prefix that repeats the file format.
    private static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        let prefix = "safetensors: "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
