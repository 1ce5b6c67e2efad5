/// An image together with the facts about its file that a writer needs to produce a file "like it".
///
/// A denoiser reads a noisy file, and the result is usually written in the same shape: a 16-bit PNG
/// stays 16-bit, an `(H, W)` NPY array stays two-dimensional. Pass the decoded value to
/// ``ImageFile/write(_:to:matching:)`` to do exactly that.
public struct DecodedImage: Sendable, Equatable {
    /// The samples, on the [0, 1] scale and unclipped.
    public var image: Image
    /// The format the file was decoded from.
    public var format: ImageFormat
    /// The PNG sample depth, 8 or 16; `nil` for NPY files.
    public var bitDepth: Int?
    /// Whether an NPY array had a channel axis, `(H, W, C)`, rather than the shape `(H, W)`;
    /// always `false` for PNG files.
    public var npyShapeHadChannelAxis: Bool

    /// Creates a decoded image from its parts.
    public init(image: Image, format: ImageFormat, bitDepth: Int? = nil, npyShapeHadChannelAxis: Bool = false) {
        self.image = image
        self.format = format
        self.bitDepth = bitDepth
        self.npyShapeHadChannelAxis = npyShapeHadChannelAxis
    }
}
