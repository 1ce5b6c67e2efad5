/// An orthonormal opponent-colour transform of RGB images: one luminance channel and two
/// chrominance channels.
///
///     O1 = (R + G + B) / sqrt(3)
///     O2 = (R - B) / sqrt(2)
///     O3 = (R - 2G + B) / sqrt(6)
///
/// The rows are orthonormal, so the inverse is the transpose and the transform is a rotation of
/// each pixel's colour vector: white Gaussian noise of standard deviation sigma in R, G and B stays
/// white, uncorrelated across channels, with the same sigma in O1, O2 and O3. A grey model trained
/// for sigma therefore applies unchanged to each opponent channel. (YCbCr is not orthonormal: it
/// shrinks the noise in the chroma channels by different factors and correlates it across
/// channels.) Natural images put most of their structure in O1 and little in O2 and O3, which a
/// denoiser can smooth much harder than R, G or B.
///
/// ```swift
/// let opponent = OpponentColour.forward(photo)     // 3 channels: O1, O2, O3
/// let back = OpponentColour.inverse(opponent)      // photo again, up to rounding
/// ```
public enum OpponentColour {
    /// The transform matrix, row-major: row `i` gives opponent channel `i` from (R, G, B).
    public static let matrix: [Float] = {
        let a = 1 / Float(3).squareRoot(), b = 1 / Float(2).squareRoot(), c = 1 / Float(6).squareRoot()
        return [a, a, a,
                b, 0, -b,
                c, -2 * c, c]
    }()

    /// The opponent channels (O1, O2, O3) of an RGB image; alpha is carried over unchanged.
    ///
    /// - Precondition: `image.channels == 3`.
    public static func forward(_ image: Image) -> Image {
        apply(matrix, to: image)
    }

    /// The RGB image whose opponent channels are `image`; alpha is carried over unchanged.
    ///
    /// - Precondition: `image.channels == 3`.
    public static func inverse(_ image: Image) -> Image {
        apply(transposed, to: image)
    }

    private static let transposed: [Float] = (0..<9).map { matrix[($0 % 3) * 3 + $0 / 3] }

    private static func apply(_ rows: [Float], to image: Image) -> Image {
        precondition(image.channels == 3, "the opponent-colour transform needs an RGB image")
        let size = image.planeSize
        var output = [Float](repeating: 0, count: 3 * size)
        image.pixels.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                let red = source.baseAddress!, green = red + size, blue = green + size
                for channel in 0..<3 {
                    let r = rows[3 * channel], g = rows[3 * channel + 1], b = rows[3 * channel + 2]
                    let plane = target.baseAddress! + channel * size
                    for index in 0..<size { plane[index] = r * red[index] + g * green[index] + b * blue[index] }
                }
            }
        }
        return Image(width: image.width, height: image.height, channels: 3, pixels: output, alpha: image.alpha)
    }
}
