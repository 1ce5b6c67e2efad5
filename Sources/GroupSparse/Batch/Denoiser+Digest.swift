import Foundation

extension Denoiser {
    /// The SHA-256 digest of the weights' bytes: the safetensors file, the compiled-in copy, or for
    /// weights held in memory their serialised form.
    ///
    /// Batch records store it so that a rerun can tell whether an existing output came from the same
    /// model; a name would not do, since `GROUPSPARSE_MODELS` can put other weights behind one.
    ///
    /// - Throws: when the weight file can no longer be read.
    public func weightsDigest() throws -> String {
        switch source {
        case .file(let url):
            return SHA256.hexDigest(of: try Data(contentsOf: url))
        case .embedded(let model):
            guard let data = model.embeddedWeights.data() else { throw DenoiserError.damagedEmbeddedModel(name: model.rawValue) }
            return SHA256.hexDigest(of: data)
        case nil:
            return SHA256.hexDigest(of: try weights.safetensors().serialized())
        }
    }
}
