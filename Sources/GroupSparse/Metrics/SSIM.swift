import Foundation

/// The structural similarity index (Wang, Bovik, Sheikh and Simoncelli, 2004) of `estimate` against
/// `reference`.
///
/// This is the standard definition, matching `skimage.metrics.structural_similarity` with
/// `gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=1`: local means,
/// variances and covariance are weighted by an 11 x 11 Gaussian window with standard deviation 1.5,
/// the constants are C1 = (0.01)^2 and C2 = (0.03)^2 for a data range of 1, and the index map is
/// averaged over the window positions that lie entirely inside the image (no padding, so no border
/// effects). Each colour channel is scored separately and the channel scores are averaged; alpha is
/// excluded. As for PSNR the estimate is clipped to [0, 1] and the reference is used as given. All
/// arithmetic is in double precision.
///
/// - Returns: The mean SSIM, 1 for identical images, or `nan` if the image is smaller than the 11 x 11
///   window in either direction, since no window position is then defined.
/// - Precondition: Both images have the same width, height and channel count.
public func structuralSimilarity(_ estimate: Image, reference: Image) -> Double {
    precondition(
        estimate.width == reference.width && estimate.height == reference.height
            && estimate.channels == reference.channels,
        "SSIM needs images of identical dimensions")
    let size = SSIMWindow.weights.count
    guard estimate.width >= size, estimate.height >= size else { return .nan }

    // Five local moments per position, interleaved; allocated once and reused for every channel.
    var moments = [Double](repeating: 0, count: SSIMWindow.momentCount * estimate.height * (estimate.width - size + 1))
    var total = 0.0
    for channel in 0..<estimate.channels {
        let start = channel * estimate.planeSize
        estimate.pixels.withUnsafeBufferPointer { xs in
            reference.pixels.withUnsafeBufferPointer { ys in
                moments.withUnsafeMutableBufferPointer { output in
                    SSIMWindow.filterRows(
                        UnsafeBufferPointer(rebasing: xs[start..<start + estimate.planeSize]),
                        UnsafeBufferPointer(rebasing: ys[start..<start + estimate.planeSize]),
                        width: estimate.width, height: estimate.height, into: output)
                }
            }
        }
        total += moments.withUnsafeBufferPointer { rowMoments in
            SSIMWindow.meanIndex(rowMoments, width: estimate.width - size + 1, height: estimate.height)
        }
    }
    return total / Double(estimate.channels)
}

/// The separable Gaussian window and the two filtering passes of SSIM.
private enum SSIMWindow {
    /// Eleven normalised taps with sigma 1.5: the radius 5 is `Int(3.5 * sigma + 0.5)`, the truncation
    /// the reference implementations use, so their scores and these agree.
    static let weights: [Double] = {
        let sigma = 1.5
        let raw = (-5...5).map { offset in exp(-Double(offset * offset) / (2 * sigma * sigma)) }
        let sum = raw.reduce(0, +)
        return raw.map { $0 / sum }
    }()

    /// Mean of x, mean of y, mean of x^2, mean of y^2, mean of xy.
    static let momentCount = 5

    /// Filters every row of one plane horizontally, over valid positions only, writing the five
    /// moments of the clipped estimate `xs` and the reference `ys` for each output position.
    static func filterRows(
        _ xs: UnsafeBufferPointer<Float>, _ ys: UnsafeBufferPointer<Float>, width: Int, height: Int,
        into output: UnsafeMutableBufferPointer<Double>
    ) {
        weights.withUnsafeBufferPointer { window in
            let outputWidth = width - window.count + 1
            for row in 0..<height {
                for column in 0..<outputWidth {
                    let source = row * width + column
                    var sx = 0.0, sy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0
                    for tap in 0..<window.count {
                        let weight = window[tap]
                        let x = Double(min(max(xs[source + tap], 0), 1))
                        let y = Double(ys[source + tap])
                        sx += weight * x
                        sy += weight * y
                        sxx += weight * (x * x)
                        syy += weight * (y * y)
                        sxy += weight * (x * y)
                    }
                    let target = momentCount * (row * outputWidth + column)
                    output[target] = sx
                    output[target + 1] = sy
                    output[target + 2] = sxx
                    output[target + 3] = syy
                    output[target + 4] = sxy
                }
            }
        }
    }

    /// Filters the row moments vertically, over valid positions only, and returns the mean SSIM index.
    static func meanIndex(_ rowMoments: UnsafeBufferPointer<Double>, width: Int, height: Int) -> Double {
        let c1 = 0.01 * 0.01, c2 = 0.03 * 0.03
        return weights.withUnsafeBufferPointer { window in
            let outputHeight = height - window.count + 1
            var sum = 0.0
            for row in 0..<outputHeight {
                for column in 0..<width {
                    var ux = 0.0, uy = 0.0, uxx = 0.0, uyy = 0.0, uxy = 0.0
                    for tap in 0..<window.count {
                        let weight = window[tap]
                        let source = momentCount * ((row + tap) * width + column)
                        ux += weight * rowMoments[source]
                        uy += weight * rowMoments[source + 1]
                        uxx += weight * rowMoments[source + 2]
                        uyy += weight * rowMoments[source + 3]
                        uxy += weight * rowMoments[source + 4]
                    }
                    let varianceX = uxx - ux * ux
                    let varianceY = uyy - uy * uy
                    let covariance = uxy - ux * uy
                    let numerator = (2 * ux * uy + c1) * (2 * covariance + c2)
                    let denominator = (ux * ux + uy * uy + c1) * (varianceX + varianceY + c2)
                    sum += numerator / denominator
                }
            }
            return sum / Double(outputHeight * width)
        }
    }
}
