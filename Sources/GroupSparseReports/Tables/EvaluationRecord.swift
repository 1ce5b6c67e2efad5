import Foundation

/// The scores `groupsparse evaluate` measured for one model on one folder, as its JSON holds them.
///
/// Decoding reads the files `evaluate --json` prints and `--output-json` writes; the keys are
/// `model`, `parameters`, `data`, `seed`, `protocol`, `rows` and `averages`.
public struct EvaluationRecord: Codable, Sendable, Equatable {
    /// One image at one noise level.
    public struct Row: Codable, Sendable, Equatable {
        /// The image's file name.
        public var image: String
        /// Noise standard deviation on the 0-255 scale.
        public var sigma: Double
        /// PSNR in dB.
        public var psnr: Double
        /// SSIM, or `nil` for images smaller than the SSIM window.
        public var ssim: Double?
        /// Seconds the denoiser took.
        public var seconds: Double

        /// Creates a row.
        public init(image: String, sigma: Double, psnr: Double, ssim: Double?, seconds: Double) {
            self.image = image
            self.sigma = sigma
            self.psnr = psnr
            self.ssim = ssim
            self.seconds = seconds
        }
    }

    /// The means over the images of one noise level.
    public struct Average: Codable, Sendable, Equatable {
        /// Noise standard deviation on the 0-255 scale.
        public var sigma: Double
        /// Mean PSNR in dB.
        public var psnr: Double
        /// Mean SSIM, or `nil` when an image had none.
        public var ssim: Double?
        /// Mean seconds per image.
        public var secondsPerImage: Double
        /// Number of images.
        public var images: Int

        /// Creates an average.
        public init(sigma: Double, psnr: Double, ssim: Double?, secondsPerImage: Double, images: Int) {
            self.sigma = sigma
            self.psnr = psnr
            self.ssim = ssim
            self.secondsPerImage = secondsPerImage
            self.images = images
        }

        enum CodingKeys: String, CodingKey {
            case sigma, psnr, ssim, images
            case secondsPerImage = "seconds_per_image"
        }
    }

    /// The model's name or path as given to `--model`.
    public var model: String
    /// Learned parameters.
    public var parameters: Int
    /// The folder of clean images.
    public var data: String
    /// The noise seed.
    public var seed: UInt64
    /// `float` for the standard protocol, `png8` for the 8-bit path.
    public var protocolName: String
    /// Per image and sigma.
    public var rows: [Row]
    /// Per sigma.
    public var averages: [Average]

    /// Creates a record.
    public init(model: String, parameters: Int, data: String, seed: UInt64, protocolName: String, rows: [Row], averages: [Average]) {
        self.model = model
        self.parameters = parameters
        self.data = data
        self.seed = seed
        self.protocolName = protocolName
        self.rows = rows
        self.averages = averages
    }

    enum CodingKeys: String, CodingKey {
        case model, parameters, data, seed, rows, averages
        case protocolName = "protocol"
    }

    /// Reads the JSON file at `url`.
    ///
    /// - Throws: ``ReportError/unreadableFile(path:reason:)`` when the file cannot be read, and
    ///   ``ReportError/invalidEvaluation(path:reason:)`` when it is not an evaluation.
    public init(contentsOf url: URL) throws {
        let data = try ReportError.contents(of: url)
        do {
            self = try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw ReportError.invalidEvaluation(path: url.path, reason: ReportError.describe(error))
        }
        guard !averages.isEmpty else {
            throw ReportError.invalidEvaluation(path: url.path, reason: "it holds no averages")
        }
    }

    /// The model's name as reports show it (see ``ModelNames/display(_:)``).
    public var displayName: String { ModelNames.display(model) }

    /// The name of the image folder, which names the test set (`Set12`).
    public var testSet: String {
        URL(fileURLWithPath: data).standardizedFileURL.lastPathComponent
    }

    /// The mean over every image and sigma of the seconds the denoiser took.
    public var secondsPerImage: Double {
        rows.isEmpty ? 0 : rows.map(\.seconds).reduce(0, +) / Double(rows.count)
    }

    /// The average at `sigma`, if the record has one.
    public func average(at sigma: Double) -> Average? {
        averages.first { $0.sigma == sigma }
    }
}
