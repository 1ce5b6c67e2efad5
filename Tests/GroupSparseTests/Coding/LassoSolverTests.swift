import XCTest
@testable import GroupSparse

final class LassoSolverTests: XCTestCase {
    /// A random `m x p` dictionary with unit-norm columns.
    private static func dictionary(m: Int, p: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        var matrix = Matrix(rows: m, columns: p, values: (0..<m * p).map { _ in Float(generator.nextGaussian()) })
        for column in 0..<p {
            let norm = (0..<m).reduce(Float(0)) { $0 + matrix[$1, column] * matrix[$1, column] }.squareRoot()
            for row in 0..<m { matrix[row, column] /= norm }
        }
        return matrix
    }

    /// `D^T (x - D alpha)` for one signal, in double precision.
    private static func correlationsOfResidual(_ dictionary: Matrix, signal: [Float], code: [Float]) -> [Double] {
        let m = dictionary.rows, p = dictionary.columns
        var residual = signal.map(Double.init)
        for i in 0..<m { for j in 0..<p { residual[i] -= Double(dictionary[i, j]) * Double(code[j]) } }
        return (0..<p).map { j in (0..<m).reduce(0.0) { $0 + Double(dictionary[$1, j]) * residual[$1] } }
    }

    func testConvergedCodesSatisfyTheLassoOptimalityConditions() {
        let m = 16, p = 24
        let dictionary = LassoSolverTests.dictionary(m: m, p: p, seed: 1)
        var generator = SeededGenerator(seed: 2)
        let signals = Matrix(rows: 6, columns: m, values: (0..<6 * m).map { _ in Float(generator.nextGaussian()) })
        for penalty: Float in [0.05, 0.4] {
            let codes = LassoSolver(dictionary: dictionary, penalty: penalty).solve(signals, iterations: 3000)
            XCTAssertEqual(codes.rows, 6)
            XCTAssertEqual(codes.columns, p)
            var support = 0
            for row in 0..<signals.rows {
                let signal = Array(signals.values[row * m..<(row + 1) * m])
                let code = Array(codes.values[row * p..<(row + 1) * p])
                let correlations = LassoSolverTests.correlationsOfResidual(dictionary, signal: signal, code: code)
                for j in 0..<p {
                    let tolerance = 2e-3
                    if code[j] == 0 {
                        XCTAssertLessThanOrEqual(abs(correlations[j]), Double(penalty) + tolerance,
                                                 "penalty \(penalty), signal \(row), atom \(j) off the support")
                    } else {
                        support += 1
                        XCTAssertEqual(correlations[j], Double(penalty) * (code[j] > 0 ? 1 : -1), accuracy: tolerance,
                                       "penalty \(penalty), signal \(row), atom \(j) on the support")
                    }
                }
            }
            XCTAssertGreaterThan(support, 0)
            XCTAssertLessThan(support, signals.rows * p, "the lasso codes must be sparse")
        }
    }

    func testPenaltyAboveTheLargestCorrelationGivesZeroCodes() {
        let dictionary = LassoSolverTests.dictionary(m: 9, p: 12, seed: 3)
        var generator = SeededGenerator(seed: 4)
        let signal = (0..<9).map { _ in Float(generator.nextGaussian()) }
        let largest = LassoSolverTests.correlationsOfResidual(dictionary, signal: signal, code: [Float](repeating: 0, count: 12))
            .map(abs).max()!
        let codes = LassoSolver(dictionary: dictionary, penalty: Float(largest) * 1.01)
            .solve(Matrix(rows: 1, columns: 9, values: signal), iterations: 100)
        XCTAssertEqual(codes.values, [Float](repeating: 0, count: 12))
    }

    func testZeroPenaltyRecoversExactCoefficientsOfAnUndercompleteDictionary() {
        let dictionary = LassoSolverTests.dictionary(m: 12, p: 4, seed: 5)
        let coefficients = Matrix(rows: 2, columns: 4, values: [1, -0.5, 0, 2, 0.3, 0.7, -1.2, 0])
        let signals = Matrix.product(coefficients, .plain, dictionary, .transposed)
        let codes = LassoSolver(dictionary: dictionary, penalty: 0).solve(signals, iterations: 2000)
        for (value, expected) in zip(codes.values, coefficients.values) { XCTAssertEqual(value, expected, accuracy: 1e-3) }
    }
}
