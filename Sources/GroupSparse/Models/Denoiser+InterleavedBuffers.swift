extension Denoiser {
    /// Denoises an interleaved 8-bit RGBA buffer, the layout of most app image APIs.
    ///
    /// The colour samples are read as `value / 255`, denoised, clipped to [0, 1] and rounded back
    /// to 8 bits; the alpha samples are copied unchanged. Colour is taken as stored: premultiplied
    /// buffers should be un-premultiplied first, or semi-transparent edges are denoised darker.
    ///
    /// - Parameters:
    ///   - pixels: `width * height * 4` samples, row after row, each pixel R, G, B, A.
    ///   - width: Columns of the image.
    ///   - height: Rows of the image.
    ///   - sigma: The noise level on the 0-255 scale, or ``NoiseLevel/estimate``.
    ///   - strength: A factor applied to sigma.
    /// - Returns: A buffer of the same size and layout.
    /// - Throws: ``DenoiserError/invalidDimensions(width:height:)`` or
    ///   ``DenoiserError/bufferSizeMismatch(expected:actual:)`` for a buffer that does not match its
    ///   dimensions, and the errors of ``denoise(_:sigma:strength:threads:colour:progress:)``.
    public func denoiseRGBA8(
        _ pixels: [UInt8], width: Int, height: Int, sigma: NoiseLevel, strength: Double = 1
    ) throws -> [UInt8] {
        try denoiseInterleaved(pixels, width: width, height: height, sigma: sigma, strength: strength)
    }

    /// Denoises an interleaved 16-bit RGBA buffer.
    ///
    /// Identical to ``denoiseRGBA8(_:width:height:sigma:strength:)`` with samples on the scale
    /// `value / 65535`; sigma stays on the 0-255 scale.
    ///
    /// - Parameters:
    ///   - pixels: `width * height * 4` samples, row after row, each pixel R, G, B, A.
    ///   - width: Columns of the image.
    ///   - height: Rows of the image.
    ///   - sigma: The noise level on the 0-255 scale, or ``NoiseLevel/estimate``.
    ///   - strength: A factor applied to sigma.
    /// - Returns: A buffer of the same size and layout.
    /// - Throws: The errors of ``denoiseRGBA8(_:width:height:sigma:strength:)``.
    public func denoiseRGBA16(
        _ pixels: [UInt16], width: Int, height: Int, sigma: NoiseLevel, strength: Double = 1
    ) throws -> [UInt16] {
        try denoiseInterleaved(pixels, width: width, height: height, sigma: sigma, strength: strength)
    }

    private func denoiseInterleaved<Sample: FixedWidthInteger & UnsignedInteger>(
        _ pixels: [Sample], width: Int, height: Int, sigma: NoiseLevel, strength: Double
    ) throws -> [Sample] {
        guard width > 0, height > 0 else { throw DenoiserError.invalidDimensions(width: width, height: height) }
        let (area, areaOverflow) = width.multipliedReportingOverflow(by: height)
        let (expected, countOverflow) = area.multipliedReportingOverflow(by: 4)
        guard !areaOverflow, !countOverflow, pixels.count == expected else {
            throw DenoiserError.bufferSizeMismatch(expected: areaOverflow || countOverflow ? Int.max : expected,
                                                   actual: pixels.count)
        }
        let scale = Float(Sample.max)
        var planar = [Float](repeating: 0, count: 3 * area)
        for index in 0..<area {
            for channel in 0..<3 {
                planar[channel * area + index] = Float(pixels[4 * index + channel]) / scale
            }
        }
        let image = Image(width: width, height: height, channels: 3, pixels: planar)
        let denoised = try denoise(image, sigma: sigma, strength: strength)

        var output = pixels
        for index in 0..<area {
            for channel in 0..<3 {
                let value = min(max(denoised.pixels[channel * area + index], 0), 1)
                output[4 * index + channel] = Sample((value * scale).rounded())
            }
        }
        return output
    }
}
