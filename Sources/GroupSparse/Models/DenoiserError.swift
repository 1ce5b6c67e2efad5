/// A reason a denoiser could not be loaded or could not process an input.
///
/// ``description`` is a single line that names the problem, suitable for a command-line message.
public enum DenoiserError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The noise level is negative, infinite or NaN.
    case invalidSigma(Double)
    /// The strength factor is negative, infinite or NaN.
    case invalidStrength(Double)
    /// The requested thread count is below 1.
    case invalidThreadCount(Int)
    /// The image holds a NaN or infinite sample, which would spread through every overlapping patch.
    case nonFiniteSamples
    /// The image's channels cannot be coded by a model built for `modelChannels` channels.
    case channelMismatch(modelChannels: Int, imageChannels: Int)
    /// Interleaved buffer dimensions are not positive.
    case invalidDimensions(width: Int, height: Int)
    /// An interleaved buffer holds `actual` samples where its dimensions call for `expected`.
    case bufferSizeMismatch(expected: Int, actual: Int)
    /// No model of this name was found where ``ModelLocator`` looks.
    case unknownModel(name: String, searched: [String])
    /// A model path names no existing file.
    case modelFileNotFound(path: String)
    /// A model file exists but cannot be used; `reason` says why.
    case invalidModelFile(path: String, reason: String)
    /// The weights compiled into the library do not decode, which means the build is damaged.
    case damagedEmbeddedModel(name: String)

    /// A one-line explanation of the problem.
    public var description: String {
        switch self {
        case .invalidSigma(let sigma):
            return "sigma must be a finite, non-negative number on the 0-255 scale, not \(sigma)"
        case .invalidStrength(let strength):
            return "strength must be a finite, non-negative factor, not \(strength)"
        case .invalidThreadCount(let count):
            return "the thread count must be at least 1, not \(count)"
        case .nonFiniteSamples:
            return "the image holds NaN or infinite samples"
        case .channelMismatch(let modelChannels, let imageChannels):
            return "the model codes \(modelChannels)-channel patches and cannot denoise a \(imageChannels)-channel image"
        case .invalidDimensions(let width, let height):
            return "image dimensions must be positive, not \(width) x \(height)"
        case .bufferSizeMismatch(let expected, let actual):
            return "the pixel buffer holds \(actual) samples but its dimensions need \(expected)"
        case .unknownModel(let name, let searched):
            let known = PretrainedModel.allCases.map(\.rawValue).joined(separator: ", ")
            let places = searched.isEmpty ? "" : " (looked in \(searched.joined(separator: ", ")))"
            return "unknown model '\(name)'\(places); bundled models: \(known), or give a .safetensors path"
        case .modelFileNotFound(let path):
            return "\(path): no such model file"
        case .invalidModelFile(let path, let reason):
            return "\(path): not a usable model: \(reason)"
        case .damagedEmbeddedModel(let name):
            return "the weights of the bundled model '\(name)' are damaged; rebuild the library"
        }
    }
}
