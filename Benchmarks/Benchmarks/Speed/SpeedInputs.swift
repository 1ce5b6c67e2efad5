import Foundation
import GroupSparse

/// The images every stage is timed on, built from the bundled sample so that the suite needs no data
/// set: `Samples/coffee.png` (256 x 256 grey) and a 512 x 512 image made of it and its three mirror
/// images, which has no seams and the statistics of a photograph. Noisy versions carry seeded
/// Gaussian noise of standard deviation 25.
enum SpeedInputs {
    /// The image sides the whole-image stages run at.
    static let sides = [256, 512]

    /// Noise standard deviation (0-255 scale) of the noisy inputs and the sigma given to the models.
    static let sigma = 25.0

    /// The repository's `Samples/coffee.png`, found from this source file so that the suite runs from
    /// any working directory.
    static var sampleURL: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()   // Speed
            .deletingLastPathComponent()   // Benchmarks/Benchmarks
            .deletingLastPathComponent()   // Benchmarks
            .deletingLastPathComponent()   // repository root
            .appendingPathComponent("Samples/coffee.png")
    }

    /// The clean grey image of the given side.
    static func clean(side: Int) throws -> Image {
        let sample = try PNGCodec.read(contentsOf: sampleURL).image
        precondition(sample.channels == 1 && sample.width == 256 && sample.height == 256,
                     "Samples/coffee.png is expected to be 256 x 256 grey")
        switch side {
        case 256: return sample
        case 512: return mirrorTiled(sample)
        default: preconditionFailure("no input of side \(side)")
        }
    }

    /// The clean image with seeded noise of standard deviation ``sigma``.
    static func noisy(side: Int) throws -> Image {
        try clean(side: side).addingGaussianNoise(sigma: sigma, seed: 0)
    }

    /// An 8-bit PNG file of the given side, held in memory: the sample's own bytes at 256, the tiled
    /// image encoded by the library at 512.
    static func pngBytes(side: Int) throws -> Data {
        side == 256 ? try Data(contentsOf: sampleURL) : try PNGCodec.encode(clean(side: side))
    }

    /// A `2w x 2h` image: the original top left, its horizontal mirror top right, and the vertical
    /// mirrors of both below.
    static func mirrorTiled(_ image: Image) -> Image {
        let width = image.width, height = image.height
        var pixels = [Float](repeating: 0, count: 4 * width * height)
        for row in 0..<2 * height {
            let sourceRow = row < height ? row : 2 * height - 1 - row
            for column in 0..<2 * width {
                let sourceColumn = column < width ? column : 2 * width - 1 - column
                pixels[row * 2 * width + column] = image.pixels[sourceRow * width + sourceColumn]
            }
        }
        return Image(width: 2 * width, height: 2 * height, channels: 1, pixels: pixels)
    }
}
