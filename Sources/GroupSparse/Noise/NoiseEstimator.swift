/// Estimates the level of additive white Gaussian noise in a single image, with no clean reference.
///
/// ```swift
/// let noisy = try ImageFile.read(URL(fileURLWithPath: "noisy.png")).image
/// let estimate = NoiseEstimator.estimate(noisy)
/// print(estimate.sigma)        // 0-255 scale
/// ```
///
/// ## Method
///
/// The estimator follows the weak-texture approach of Liu, Tanaka and Okutomi: noise is measured only in
/// patches whose texture is weak enough to be explained by noise alone, the texture test depends on the
/// noise level, and the two are iterated to a fixed point. It changes how the noise is measured in those
/// patches, so that the result is unbiased by construction instead of corrected afterwards.
///
/// 1. Every 7 x 7 patch (on a grid of stride 1, or coarser for large images) is transformed by the
///    orthonormal 2-D DCT-II. The gradient energy of a patch, the quantity the weak-texture test
///    thresholds, is then a weighted sum of squared coefficients, because the DCT diagonalises the
///    Laplacian of the patch grid.
/// 2. Noise is measured in a band of six high-frequency coefficients, where natural images hold the
///    least energy: the highest frequencies overall, or the highest vertical or horizontal ones. Like the
///    smallest eigenvalue of the patch covariance in the original method, the band with the least variance
///    is taken, but the choice is made on one half of the image (a checkerboard of tiles) and measured on
///    the other, and the other way round. The smallest sample eigenvalue is biased low because its
///    direction is fitted to the noise it then measures; a choice made on independent noise is not.
/// 3. A patch is measured when the gradient energy of its coefficients *outside* the band lies below the
///    70 % quantile of that energy for pure noise of the current level (a gamma law matched to its
///    mean and variance). For white Gaussian noise the coefficients are independent, so this test sees
///    nothing of the noise it selects for, and the selection cannot favour quiet noise, which a test on
///    the full gradient energy does. The estimate is the mean squared band coefficient of the selected
///    patches; it is biased only upwards, by texture that survives the test.
/// 4. The new level sets the next threshold, until the level changes by less than one part in ten
///    thousand, usually within ten rounds.
/// 5. Texture weaker than the test can resolve still passes it, and its energy in the band is measured
///    as noise. Its share of the result grows as fewer patches pass than pure noise would, and
///    ``NoiseEstimatorLeakage`` divides out the share that the BSD400 training images show for the
///    plane's passing fraction; a plane that passes like pure noise is left as measured.
///
/// ## 8- and 16-bit images
///
/// An 8- or 16-bit image has been clipped to [0, 255] and rounded. Rounding adds nearly independent
/// error of variance 1/12 of a level squared (negligible at 16 bits), which is subtracted. Clipping removes part of the noise wherever the image is dark or
/// bright, which makes every estimator underestimate strong noise. Clipped noise in a flat patch is
/// still white, with a variance that the censored normal distribution gives from the patch's true level
/// and the noise level; the estimator infers each patch's true level from its mean, predicts the variance
/// it keeps, uses that prediction in the texture test, and solves for the noise level whose predictions
/// match the measurement. Patches whose mean implies a true level outside the range are left out.
///
/// ## References
///
/// - X. Liu, M. Tanaka and M. Okutomi, "Single-image noise level estimation for blind denoising",
///   IEEE Transactions on Image Processing 22(12), 2013.
/// - G. Chen, F. Zhu and P. A. Heng, "An efficient statistical method for image noise level
///   estimation", ICCV 2015. Its eigenvalue statistics count texture that the patch selection lets
///   through as noise; measuring in a band chosen on held-out noise avoids that without its median test.
public enum NoiseEstimator {
    /// Estimates the noise level of each colour channel of `image` and of the image as a whole.
    ///
    /// Channels are measured independently, so noise of different strength per channel is reported as
    /// such. Alpha is ignored. A channel smaller than 7 x 7 samples is measured from the differences of
    /// neighbouring samples instead, which counts any detail as noise.
    ///
    /// - Parameters:
    ///   - image: The noisy image, on the [0, 1] scale.
    ///   - options: How the samples were stored; by default 8- and 16-bit samples are recognised.
    /// - Returns: Standard deviations on the 0-255 scale.
    public static func estimate(_ image: Image, options: Options = .init()) -> NoiseEstimate {
        let clipped = options.encoding.clippedSamples(of: image)
        var variances: [Double] = []
        image.pixels.withUnsafeBufferPointer { pixels in
            for channel in 0..<image.channels {
                let plane = UnsafeBufferPointer(rebasing: pixels[channel * image.planeSize..<(channel + 1) * image.planeSize])
                variances.append(variance(of: plane, width: image.width, height: image.height, clipped: clipped))
            }
        }
        let overall = variances.reduce(0, +) / Double(variances.count)
        return NoiseEstimate(sigma: overall.squareRoot(), channels: variances.map { $0.squareRoot() })
    }

    /// Noise variance of one plane, on the 0-255 scale squared.
    static func variance(of plane: UnsafeBufferPointer<Float>, width: Int, height: Int, clipped: ClippedSamples?) -> Double {
        let size = NoiseEstimatorBasis.size
        guard width >= size && height >= size else {
            return differenceVariance(of: plane, width: width, height: height)
        }
        let patches = NoiseEstimatorPatches(plane: plane, width: width, height: height)
        var iteration = NoiseEstimatorIteration(patches: patches, clipped: clipped)
        let measured = iteration.run()
        return NoiseEstimatorLeakage.noiseVariance(measured: measured, passingFraction: iteration.passingFraction)
    }

    /// Half the mean squared difference of horizontally and vertically adjacent samples, which is the
    /// noise variance when the plane has no detail.
    private static func differenceVariance(of plane: UnsafeBufferPointer<Float>, width: Int, height: Int) -> Double {
        var sum = 0.0
        var count = 0
        for y in 0..<height {
            for x in 0..<width {
                let value = Double(plane[y * width + x]) * 255
                if x + 1 < width {
                    let difference = Double(plane[y * width + x + 1]) * 255 - value
                    sum += difference * difference
                    count += 1
                }
                if y + 1 < height {
                    let difference = Double(plane[(y + 1) * width + x]) * 255 - value
                    sum += difference * difference
                    count += 1
                }
            }
        }
        return count == 0 ? 0 : sum / Double(2 * count)
    }
}
