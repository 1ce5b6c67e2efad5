import XCTest
@testable import GroupSparse

final class SpectralNormTests: XCTestCase {
    /// The Householder reflection `I - 2 v v^T / (v^T v)`, an orthogonal matrix.
    private static func reflection(size: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        let v = (0..<size).map { _ in generator.nextGaussian() }
        let squaredNorm = v.reduce(0) { $0 + $1 * $1 }
        var matrix = Matrix(rows: size, columns: size)
        for row in 0..<size {
            for column in 0..<size {
                matrix[row, column] = Float((row == column ? 1 : 0) - 2 * v[row] * v[column] / squaredNorm)
            }
        }
        return matrix
    }

    /// `U S V^T` for random orthogonal `U` (`rows x rows`) and `V` (`columns x columns`) and the given
    /// singular values on the diagonal of `S`.
    private static func matrix(rows: Int, columns: Int, singularValues: [Float], seed: UInt64) -> Matrix {
        var s = Matrix(rows: rows, columns: columns)
        for (index, value) in singularValues.enumerated() { s[index, index] = value }
        let u = reflection(size: rows, seed: seed), v = reflection(size: columns, seed: seed + 1)
        return Matrix.product(Matrix.product(u, .plain, s, .plain), .plain, v, .transposed)
    }

    func testDiagonalMatrixGivesSquareOfLargestEntry() {
        var diagonal = Matrix(rows: 6, columns: 4)
        for (index, value) in [Float(0.5), -3, 2, 1].enumerated() { diagonal[index, index] = value }
        XCTAssertEqual(diagonal.largestEigenvalueOfGram(), 9, accuracy: 1e-4)
    }

    func testRotatedMatrixGivesSquareOfLargestSingularValue() {
        let tall = SpectralNormTests.matrix(rows: 9, columns: 5, singularValues: [2.5, 2, 1, 0.3, 0.1], seed: 3)
        XCTAssertEqual(tall.largestEigenvalueOfGram(), 6.25, accuracy: 6.25 * 1e-4)
        let wide = SpectralNormTests.matrix(rows: 4, columns: 7, singularValues: [0.2, 1.5, 0.9, 0.4], seed: 5)
        XCTAssertEqual(wide.largestEigenvalueOfGram(), 2.25, accuracy: 2.25 * 1e-4)
    }

    func testScalingBySquareRootGivesUnitSpectralNorm() {
        var generator = SeededGenerator(seed: 8)
        var dictionary = Matrix(rows: 25, columns: 16, values: (0..<400).map { _ in Float(generator.nextGaussian()) })
        let scale = 1 / dictionary.largestEigenvalueOfGram().squareRoot()
        for index in dictionary.values.indices { dictionary.values[index] *= scale }
        XCTAssertEqual(dictionary.largestEigenvalueOfGram(), 1, accuracy: 1e-4)
    }

    func testZeroMatrixGivesZero() {
        XCTAssertEqual(Matrix(rows: 3, columns: 2).largestEigenvalueOfGram(), 0)
    }
}
