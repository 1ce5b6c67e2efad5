import Foundation
import XCTest
@testable import GroupSparse

/// The calibration of ``NoiseEstimatorLeakage`` on training images, run only on request because it
/// measures 400 images at seven noise levels (a few minutes in a release build):
///
///     GROUPSPARSE_CALIBRATION_DATA=../shared/data/BSD400 swift test -c release --filter NoiseEstimatorCalibrationTests
///
/// For every image and sigma it adds the noise `groupsparse evaluate --seed 0` adds, runs the estimator's
/// iteration, and measures the clean image's variance in the band over the patches that were measured:
/// the texture that leaked in. It then fits `leaked = sigma^2 * scale * (q^-exponent - 1)` by least squares
/// (residuals divided by sigma), prints the fit and checks it against the constants in use.
final class NoiseEstimatorCalibrationTests: XCTestCase {
    static let sigmas: [Double] = [2, 5, 10, 15, 25, 35, 50]

    func testLeakageModelMatchesTrainingImages() throws {
        guard let path = ProcessInfo.processInfo.environment["GROUPSPARSE_CALIBRATION_DATA"] else {
            throw XCTSkip("set GROUPSPARSE_CALIBRATION_DATA to a folder of clean training PNGs to calibrate")
        }
        let files = try ImageFolder.pngFiles(in: URL(fileURLWithPath: path))
        var samples: [(sigma: Double, passing: Double, leaked: Double)] = []
        for (index, file) in files.enumerated() {
            let clean = try ImageFile.read(file).image.plane(0)
            for sigma in Self.sigmas {
                // The seed formula of `groupsparse evaluate` with --seed 0.
                let noisy = clean.addingGaussianNoise(sigma: sigma, seed: UInt64(index) * 10_000 + UInt64((10 * sigma).rounded()))
                samples.append(Self.measure(noisy: noisy, clean: clean, sigma: sigma))
            }
        }
        let (scale, exponent) = Self.fit(samples)
        print(String(format: "leakage fit on %d images: scale %.4f, exponent %.4f", files.count, scale, exponent))
        XCTAssertEqual(scale, NoiseEstimatorLeakage.scale, accuracy: 0.1 * NoiseEstimatorLeakage.scale)
        XCTAssertEqual(exponent, NoiseEstimatorLeakage.exponent, accuracy: 0.1 * NoiseEstimatorLeakage.exponent)
    }

    /// The passing fraction and the clean variance in the band over the measured patches.
    private static func measure(noisy: Image, clean: Image, sigma: Double) -> (sigma: Double, passing: Double, leaked: Double) {
        let (noisyPatches, cleanPatches) = noisy.pixels.withUnsafeBufferPointer { noisyPlane in
            clean.pixels.withUnsafeBufferPointer { cleanPlane in
                (NoiseEstimatorPatches(plane: noisyPlane, width: noisy.width, height: noisy.height),
                 NoiseEstimatorPatches(plane: cleanPlane, width: clean.width, height: clean.height))
            }
        }
        var iteration = NoiseEstimatorIteration(patches: noisyPatches, clipped: nil)
        iteration.recordsMeasuredFolds = true
        _ = iteration.run()
        var leaked = 0.0, count = 0
        for fold in iteration.measuredFolds {
            let band = NoiseEstimatorBasis.shared.bands[fold.band]
            for coefficient in band {
                var sum = 0.0, squares = 0.0
                for patch in fold.patches {
                    let value = Double(cleanPatches.coefficients[patch * NoiseEstimatorBasis.dimension + coefficient])
                    sum += value
                    squares += value * value
                }
                let n = Double(fold.patches.count)
                leaked += (squares - sum * sum / n) / (n - 1) / Double(band.count) * n
            }
            count += fold.patches.count
        }
        return (sigma, iteration.passingFraction, count > 0 ? leaked / Double(count) : 0)
    }

    /// Least squares over a grid of exponents; for a fixed exponent the scale has a closed form.
    private static func fit(_ samples: [(sigma: Double, passing: Double, leaked: Double)]) -> (Double, Double) {
        var best = (scale: 0.0, exponent: 0.0, residual: Double.infinity)
        for step in 1...300 {
            let exponent = Double(step) * 0.005
            var xy = 0.0, xx = 0.0
            for sample in samples {
                let x = sample.sigma * (pow(min(sample.passing, 1), -exponent) - 1)
                xy += x * sample.leaked / sample.sigma
                xx += x * x
            }
            let scale = xx > 0 ? xy / xx : 0
            var residual = 0.0
            for sample in samples {
                let model = scale * sample.sigma * sample.sigma * (pow(min(sample.passing, 1), -exponent) - 1)
                residual += pow((sample.leaked - model) / sample.sigma, 2)
            }
            if residual < best.residual { best = (scale, exponent, residual) }
        }
        return (best.scale, best.exponent)
    }
}
