import Foundation
@testable import GroupSparse

/// Small crops of the bundled sample photograph, so denoising tests run in a fraction of a second.
enum SampleCrops {
    /// `Samples/coffee.png` at the top of the package.
    static let sampleURL = packageRoot.appendingPathComponent("Samples/coffee.png")

    /// The package's root folder, found from this file's location.
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A `size x size` grey crop with its top-left corner at (`row`, `column`).
    static func grey(size: Int = 48, row: Int = 100, column: Int = 100) throws -> Image {
        try ImageFile.read(sampleURL).image.crop(row: row, column: column, height: size, width: size)
    }
}
