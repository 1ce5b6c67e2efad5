/// How a grey model denoises an RGB image.
///
/// A model trained on colour patches codes the three channels jointly and ignores this choice, as
/// does a grey image. For a grey model and an RGB image:
///
/// ```swift
/// let better = try denoiser.denoise(photo, sigma: 25)                              // .opponent
/// let plain = try denoiser.denoise(photo, sigma: 25, colour: .separateChannels)
/// ```
public enum ColourHandling: String, Sendable, Equatable, CaseIterable {
    /// Denoise in the orthonormal opponent-colour space (``OpponentColour``): the luminance and the
    /// two chrominance channels are each coded by the grey model with the same sigma, then
    /// transformed back. A group-sparse model matches its groups on the luminance only and shares the
    /// groups and their similarity weights with the chrominance channels, at the first match and at
    /// every refresh. The default.
    case opponent
    /// Denoise R, G and B as three unrelated grey images, each with its own groups.
    case separateChannels
}
