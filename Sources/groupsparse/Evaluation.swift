import Foundation
import GroupSparse

/// The scores of one model on one folder of clean images, measured as `../docs/PROTOCOL.md`
/// prescribes: synthetic Gaussian noise on the clean float image, the denoiser told the true
/// sigma (or, blind, the estimated one), its output clipped to [0, 1], PSNR and SSIM per image.
struct Evaluation: Encodable {
    /// One image at one noise level.
    struct Row: Encodable {
        var image: String
        var sigma: Double
        /// How RGB images were denoised (`--colour`), or `nil` when the option was not given.
        var colour: String?
        var psnr: Double
        /// `nil` for images smaller than the 11 x 11 SSIM window.
        var ssim: Double?
        var seconds: Double
        /// The noise level the denoiser was given when it was estimated (`--blind`), else `nil`.
        var estimatedSigma: Double?

        enum CodingKeys: String, CodingKey {
            case image, sigma, colour, psnr, ssim, seconds
            case estimatedSigma = "estimated_sigma"
        }
    }

    /// The mean over the images of one noise level.
    struct Average: Encodable {
        var sigma: Double
        var colour: String?
        var psnr: Double
        var ssim: Double?
        var secondsPerImage: Double
        var images: Int
        /// The mean estimated noise level of a `--blind` run, else `nil`.
        var estimatedSigma: Double?

        enum CodingKeys: String, CodingKey {
            case sigma, colour, psnr, ssim, images
            case secondsPerImage = "seconds_per_image"
            case estimatedSigma = "estimated_sigma"
        }
    }

    var model: String
    var parameters: Int
    var data: String
    var seed: UInt64
    /// `float` for the standard protocol, `png8` for the realistic 8-bit path.
    var protocolName: String
    /// Whether the denoiser was given the estimated noise level instead of the true one.
    var blind = false
    var rows: [Row] = []

    enum CodingKeys: String, CodingKey {
        case model, parameters, data, seed, rows, averages
        case protocolName = "protocol"
        case noiseLevel = "noise_level"
    }

    /// Means of the rows per sigma (and colour handling), in the order they were first scored.
    var averages: [Average] {
        var keys: [(sigma: Double, colour: String?)] = []
        for row in rows where !keys.contains(where: { $0 == (row.sigma, row.colour) }) { keys.append((row.sigma, row.colour)) }
        return keys.map { key in
            let group = rows.filter { $0.sigma == key.sigma && $0.colour == key.colour }
            let count = Double(group.count)
            let ssims = group.compactMap(\.ssim)
            let estimates = group.compactMap(\.estimatedSigma)
            return Average(
                sigma: key.sigma, colour: key.colour,
                psnr: group.map(\.psnr).reduce(0, +) / count,
                ssim: ssims.count == group.count ? ssims.reduce(0, +) / count : nil,
                secondsPerImage: group.map(\.seconds).reduce(0, +) / count,
                images: group.count,
                estimatedSigma: estimates.count == group.count ? estimates.reduce(0, +) / count : nil)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(parameters, forKey: .parameters)
        try container.encode(data, forKey: .data)
        try container.encode(seed, forKey: .seed)
        try container.encode(protocolName, forKey: .protocolName)
        try container.encode(blind ? "estimated" : "given", forKey: .noiseLevel)
        try container.encode(rows, forKey: .rows)
        try container.encode(averages, forKey: .averages)
    }

    /// Scores one clean image at one noise level.
    ///
    /// - Parameters:
    ///   - png8: Round the noisy input and the output to 8 bits, as saving both as 8-bit PNG files would.
    ///   - blind: Give the denoiser the estimated noise level of the noisy image instead of `sigma`.
    static func score(
        _ clean: Image, name: String, index: Int, sigma: Double, seed: UInt64, png8: Bool, blind: Bool = false,
        denoiser: Denoiser, colour: ColourHandling = .opponent, colourLabel: String? = nil
    ) throws -> Row {
        let noisy = noisyInput(clean, index: index, sigma: sigma, seed: seed, png8: png8)
        let clock = ContinuousClock()
        let start = clock.now
        let estimatedSigma = blind ? NoiseEstimator.estimate(noisy).sigma : nil
        var output = try denoiser.denoise(noisy, sigma: .value(estimatedSigma ?? sigma), colour: colour).clipped()
        let elapsed = clock.now - start
        if png8 { output = output.quantizedTo8Bit() }
        let ssim = structuralSimilarity(output, reference: clean)
        return Row(
            image: name, sigma: sigma, colour: colourLabel, psnr: peakSignalToNoiseRatio(output, reference: clean),
            ssim: ssim.isNaN ? nil : ssim,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            estimatedSigma: estimatedSigma)
    }
}
