/// A planar floating-point image: `channels` planes of `height` rows of `width` samples.
///
/// Samples are on the [0, 1] scale of an 8- or 16-bit image but are never clipped: noisy data and
/// denoiser output legitimately fall below 0 and above 1. An optional alpha plane travels with the
/// image untouched, so that transparency survives denoising.
public struct Image: Sendable, Equatable {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Number of colour channels (1 for grey, 3 for RGB), not counting alpha.
    public let channels: Int
    /// The samples, plane after plane, each plane row after row: `pixels[(c * height + y) * width + x]`.
    public var pixels: [Float]
    /// The alpha plane (`height * width` samples, row after row), or `nil` for an opaque image.
    public var alpha: [Float]?

    /// Creates an image from planar samples.
    ///
    /// - Precondition: `pixels.count == channels * height * width`, and `alpha`, when given, holds
    ///   `height * width` samples. Codecs validate user files before they get here.
    public init(width: Int, height: Int, channels: Int, pixels: [Float], alpha: [Float]? = nil) {
        precondition(width > 0 && height > 0 && channels > 0, "image dimensions must be positive")
        precondition(pixels.count == channels * height * width, "pixel count does not match the dimensions")
        precondition(alpha == nil || alpha!.count == height * width, "alpha plane does not match the dimensions")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
        self.alpha = alpha
    }

    /// Creates an image whose every sample equals `value`.
    public init(width: Int, height: Int, channels: Int = 1, repeating value: Float = 0) {
        self.init(
            width: width, height: height, channels: channels,
            pixels: [Float](repeating: value, count: channels * height * width))
    }

    /// Number of samples in one plane, `height * width`.
    @inlinable public var planeSize: Int { width * height }

    /// The sample of `channel` at (`row`, `column`).
    @inlinable public subscript(channel: Int, row: Int, column: Int) -> Float {
        get { pixels[(channel * height + row) * width + column] }
        set { pixels[(channel * height + row) * width + column] = newValue }
    }

    /// The samples of one channel as a single-channel image (alpha is not carried).
    public func plane(_ channel: Int) -> Image {
        precondition(channel >= 0 && channel < channels, "channel out of range")
        let start = channel * planeSize
        return Image(width: width, height: height, channels: 1, pixels: Array(pixels[start..<start + planeSize]))
    }

    /// The consecutive channels `range` as an image (alpha is not carried).
    func selectingChannels(_ range: Range<Int>) -> Image {
        precondition(range.lowerBound >= 0 && range.upperBound <= channels && !range.isEmpty, "channels out of range")
        return Image(width: width, height: height, channels: range.count,
                     pixels: range == 0..<channels ? pixels
                         : Array(pixels[range.lowerBound * planeSize..<range.upperBound * planeSize]))
    }

    /// A copy with every sample clipped to [0, 1], as scored by the evaluation protocol.
    public func clipped() -> Image {
        var copy = self
        for index in copy.pixels.indices {
            copy.pixels[index] = min(max(copy.pixels[index], 0), 1)
        }
        return copy
    }

    /// The rectangle of `height` rows and `width` columns whose top-left sample is at (`row`, `column`).
    public func crop(row: Int, column: Int, height cropHeight: Int, width cropWidth: Int) -> Image {
        precondition(row >= 0 && column >= 0 && row + cropHeight <= height && column + cropWidth <= width,
                     "crop outside the image")
        var cropped = [Float](repeating: 0, count: channels * cropHeight * cropWidth)
        for channel in 0..<channels {
            for y in 0..<cropHeight {
                let source = (channel * height + row + y) * width + column
                let target = (channel * cropHeight + y) * cropWidth
                for x in 0..<cropWidth { cropped[target + x] = pixels[source + x] }
            }
        }
        var croppedAlpha: [Float]? = nil
        if let alpha {
            var plane = [Float](repeating: 0, count: cropHeight * cropWidth)
            for y in 0..<cropHeight {
                for x in 0..<cropWidth { plane[y * cropWidth + x] = alpha[(row + y) * width + column + x] }
            }
            croppedAlpha = plane
        }
        return Image(width: cropWidth, height: cropHeight, channels: channels, pixels: cropped, alpha: croppedAlpha)
    }
}
