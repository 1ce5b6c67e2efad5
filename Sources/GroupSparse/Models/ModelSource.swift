import Foundation

/// Where a denoiser's weights were loaded from.
public enum ModelSource: Sendable, Equatable, CustomStringConvertible {
    /// A safetensors file.
    case file(URL)
    /// The weights of a pretrained model compiled into the library.
    case embedded(PretrainedModel)

    /// The file's path, or a note that the weights are built in.
    public var description: String {
        switch self {
        case .file(let url): return url.path
        case .embedded(let model): return "built-in weights of '\(model.rawValue)'"
        }
    }
}
