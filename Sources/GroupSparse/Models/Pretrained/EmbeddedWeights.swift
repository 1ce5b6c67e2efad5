import Foundation

/// A safetensors file compiled into the library as base64 text by `Scripts/embed-model`.
///
/// Compiled-in weights travel with the binary, so an installed `groupsparse` finds its default
/// model wherever it is copied, which a bundle resource cannot promise on every platform.
struct EmbeddedWeights: Sendable {
    /// Length of the decoded file, checked after decoding so that a damaged literal is reported
    /// instead of parsed.
    let byteCount: Int
    /// The file's bytes in base64, possibly broken into lines.
    let base64: String

    /// The decoded file, or `nil` if the text is not valid base64 of the recorded length.
    func data() -> Data? {
        guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters),
              data.count == byteCount else { return nil }
        return data
    }
}
