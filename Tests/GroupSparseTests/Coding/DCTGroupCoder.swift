import Foundation
@testable import GroupSparse

/// A small group-sparse coder built by hand, a real denoiser yet cheap enough for debug-build tests:
/// `C = D = W` are the orthonormal 2-D DCT atoms of 5 x 5 patches without the constant one (patches
/// are centred), so each unfolding group-shrinks the DCT coefficients with thresholds of
/// `1.2 sigma`. Groups of 6 patches in a 7 x 7 window, refreshed every 2 of 4 unfoldings.
func dctGroupCoder() -> SparseCoderWeights {
    let size = 5, m = size * size, p = m - 1
    func basis(_ frequency: Int, _ position: Int) -> Double {
        let scale = frequency == 0 ? (1 / Double(size)).squareRoot() : (2 / Double(size)).squareRoot()
        return scale * cos(Double.pi * Double(frequency) * (Double(position) + 0.5) / Double(size))
    }
    var dictionary = Matrix(rows: m, columns: p)
    for atom in 0..<p {
        let vertical = (atom + 1) / size, horizontal = (atom + 1) % size
        for row in 0..<size {
            for column in 0..<size {
                dictionary.values[(row * size + column) * p + atom] = Float(basis(vertical, row) * basis(horizontal, column))
            }
        }
    }
    let configuration = SparseCoderConfiguration(patchSize: size, channels: 1, atomCount: p, unfoldingCount: 4)
    var weights = SparseCoderWeights(configuration: configuration, dictionary: dictionary, thresholdSlope: 1.2)
    weights.nonLocal = NonLocalWeights(
        configuration: NonLocalConfiguration(neighbourCount: 6, searchRadius: 3, refreshInterval: 2),
        similarityScales: [Float](repeating: 3, count: m), mixing: 0.5)
    return weights
}

/// A test picture with the correlated channels of a photograph, built from two crops of the grey
/// sample: every channel holds the first crop's structure, and the second crop tints it unevenly.
func syntheticColourCrop(width: Int, height: Int) throws -> Image {
    let size = max(width, height)
    let first = try SampleCrops.grey(size: size, row: 100, column: 100).crop(row: 0, column: 0, height: height, width: width)
    let second = try SampleCrops.grey(size: size, row: 40, column: 120).crop(row: 0, column: 0, height: height, width: width)
    let pairs = zip(first.pixels, second.pixels)
    let red = pairs.map { 0.8 * $0 + 0.2 * $1 }, green = first.pixels.map { 0.85 * $0 + 0.05 }
    let blue = pairs.map { 0.6 * $0 + 0.3 * $1 + 0.05 }
    return Image(width: width, height: height, channels: 3, pixels: red + green + blue)
}
