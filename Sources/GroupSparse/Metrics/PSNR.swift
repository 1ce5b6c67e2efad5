import Foundation

/// The peak signal-to-noise ratio of `estimate` against `reference`, in decibels, as the evaluation
/// protocol defines it.
///
/// The estimate is clipped to [0, 1] first, because a denoiser's output is always stored as an image
/// and cannot be credited for values no image can hold; the reference is used as given. The mean
/// squared error runs over every sample of every colour channel (alpha is excluded) and is accumulated
/// in double precision, so that scores of large images do not drift with summation order. The peak is
/// 1, the top of the [0, 1] scale:
///
///     PSNR = 10 log10(1 / MSE)
///
/// - Returns: The PSNR in dB, or `+infinity` when the clipped estimate equals the reference.
/// - Precondition: Both images have the same width, height and channel count.
public func peakSignalToNoiseRatio(_ estimate: Image, reference: Image) -> Double {
    precondition(
        estimate.width == reference.width && estimate.height == reference.height
            && estimate.channels == reference.channels,
        "PSNR needs images of identical dimensions")
    let sumOfSquares = estimate.pixels.withUnsafeBufferPointer { estimated in
        reference.pixels.withUnsafeBufferPointer { expected in
            var sum = 0.0
            for index in 0..<estimated.count {
                let clipped = Double(min(max(estimated[index], 0), 1))
                let error = clipped - Double(expected[index])
                sum += error * error
            }
            return sum
        }
    }
    let meanSquaredError = sumOfSquares / Double(estimate.pixels.count)
    guard meanSquaredError > 0 else { return .infinity }
    return 10 * log10(1 / meanSquaredError)
}
