import Foundation
import GroupSparse

/// How well ``NoiseEstimator`` recovers the noise that `evaluate` adds: one estimate per image and
/// sigma, with the mean absolute error and the mean bias per sigma.
struct NoiseEstimationEvaluation: Encodable {
    /// The estimate for one image at one noise level.
    struct Row: Encodable {
        var image: String
        /// The standard deviation of the noise that was added (0-255 scale).
        var sigma: Double
        /// The estimator's answer for the whole image (0-255 scale).
        var estimate: Double
        var seconds: Double

        /// `estimate - sigma`.
        var error: Double { estimate - sigma }
    }

    /// The summary of one noise level over the images.
    struct Average: Encodable {
        var sigma: Double
        /// Mean of `|estimate - sigma|`.
        var meanAbsoluteError: Double
        /// Mean of `estimate - sigma`.
        var meanBias: Double
        /// Largest `|estimate - sigma|`.
        var maximumAbsoluteError: Double
        var secondsPerImage: Double
        var images: Int

        enum CodingKeys: String, CodingKey {
            case sigma, images
            case meanAbsoluteError = "mean_absolute_error"
            case meanBias = "mean_bias"
            case maximumAbsoluteError = "maximum_absolute_error"
            case secondsPerImage = "seconds_per_image"
        }
    }

    var data: String
    var seed: UInt64
    /// `float` for the standard protocol, `png8` for the realistic 8-bit path.
    var protocolName: String
    var rows: [Row] = []

    enum CodingKeys: String, CodingKey {
        case data, seed, rows, averages
        case protocolName = "protocol"
        case measured
    }

    /// Per-sigma summaries of the rows, in the order the sigmas were first measured.
    var averages: [Average] {
        var sigmas: [Double] = []
        for row in rows where !sigmas.contains(row.sigma) { sigmas.append(row.sigma) }
        return sigmas.map { sigma in
            let errors = rows.filter { $0.sigma == sigma }.map(\.error)
            let count = Double(errors.count)
            let seconds = rows.filter { $0.sigma == sigma }.map(\.seconds)
            return Average(
                sigma: sigma,
                meanAbsoluteError: errors.map(abs).reduce(0, +) / count,
                meanBias: errors.reduce(0, +) / count,
                maximumAbsoluteError: errors.map(abs).max() ?? 0,
                secondsPerImage: seconds.reduce(0, +) / count,
                images: errors.count)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("noise-estimator", forKey: .measured)
        try container.encode(data, forKey: .data)
        try container.encode(seed, forKey: .seed)
        try container.encode(protocolName, forKey: .protocolName)
        try container.encode(rows, forKey: .rows)
        try container.encode(averages, forKey: .averages)
    }

    /// Estimates the noise level of one clean image made noisy as `evaluate` does.
    static func measure(_ clean: Image, name: String, index: Int, sigma: Double, seed: UInt64, png8: Bool) -> Row {
        let noisy = Evaluation.noisyInput(clean, index: index, sigma: sigma, seed: seed, png8: png8)
        let clock = ContinuousClock()
        let start = clock.now
        let estimate = NoiseEstimator.estimate(noisy).sigma
        let elapsed = clock.now - start
        return Row(image: name, sigma: sigma, estimate: estimate,
                   seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }
}
