import XCTest
@testable import GroupSparse

final class BLASTests: XCTestCase {
    private static func randomValues(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(generator.nextGaussian()) }
    }

    /// `alpha * op(A) * op(B) + beta * C` entry by entry in double precision, reading the operands
    /// through their row strides exactly as BLAS documents them.
    private static func referenceProduct(
        _ operandA: BLAS.Operand, _ operandB: BLAS.Operand, m: Int, n: Int, k: Int, alpha: Double,
        a: [Float], lda: Int, b: [Float], ldb: Int, beta: Double, c: [Float], ldc: Int
    ) -> [Float] {
        var result = c
        for row in 0..<m {
            for column in 0..<n {
                var sum: Double = 0
                for inner in 0..<k {
                    let aValue = operandA == .plain ? a[row * lda + inner] : a[inner * lda + row]
                    let bValue = operandB == .plain ? b[inner * ldb + column] : b[column * ldb + inner]
                    sum += Double(aValue) * Double(bValue)
                }
                result[row * ldc + column] = Float(alpha * sum + beta * Double(c[row * ldc + column]))
            }
        }
        return result
    }

    func testGemmMatchesTripleLoopForAllTransposeCombinationsWithPaddedStrides() {
        let (m, n, k) = (5, 4, 3)
        let alpha: Float = 0.7, beta: Float = -0.4
        var seed: UInt64 = 10
        for operandA in [BLAS.Operand.plain, .transposed] {
            for operandB in [BLAS.Operand.plain, .transposed] {
                // Stored shapes: op(A) = m x k, op(B) = k x n; every row stride is larger than the row.
                let (aRows, aColumns) = operandA == .plain ? (m, k) : (k, m)
                let (bRows, bColumns) = operandB == .plain ? (k, n) : (n, k)
                let lda = aColumns + 2, ldb = bColumns + 3, ldc = n + 1
                seed += 3
                let a = BLASTests.randomValues(aRows * lda, seed: seed)
                let b = BLASTests.randomValues(bRows * ldb, seed: seed + 1)
                let original = BLASTests.randomValues(m * ldc, seed: seed + 2)
                var c = original
                a.withUnsafeBufferPointer { aBuffer in
                    b.withUnsafeBufferPointer { bBuffer in
                        c.withUnsafeMutableBufferPointer { cBuffer in
                            BLAS.gemm(operandA, operandB, m: m, n: n, k: k, alpha: alpha,
                                      aBuffer.baseAddress!, lda: lda, bBuffer.baseAddress!, ldb: ldb,
                                      beta: beta, cBuffer.baseAddress!, ldc: ldc)
                        }
                    }
                }
                let expected = BLASTests.referenceProduct(
                    operandA, operandB, m: m, n: n, k: k, alpha: Double(alpha), a: a, lda: lda,
                    b: b, ldb: ldb, beta: Double(beta), c: original, ldc: ldc)
                for row in 0..<m {
                    for column in 0..<ldc {
                        let index = row * ldc + column
                        if column < n {
                            XCTAssertEqual(c[index], expected[index], accuracy: 1e-5,
                                           "\(operandA) x \(operandB) at (\(row), \(column))")
                        } else {
                            XCTAssertEqual(c[index], original[index], "padding of C must stay untouched")
                        }
                    }
                }
            }
        }
    }

    func testGemmWithZeroInnerDimensionScalesC() {
        let a: [Float] = [1], b: [Float] = [1]
        var c: [Float] = [1, 2, 99, 3, 4, 99]
        a.withUnsafeBufferPointer { aBuffer in
            b.withUnsafeBufferPointer { bBuffer in
                c.withUnsafeMutableBufferPointer { cBuffer in
                    BLAS.gemm(.plain, .plain, m: 2, n: 2, k: 0, alpha: 5,
                              aBuffer.baseAddress!, lda: 1, bBuffer.baseAddress!, ldb: 2,
                              beta: 0.5, cBuffer.baseAddress!, ldc: 3)
                }
            }
        }
        XCTAssertEqual(c, [0.5, 1, 99, 1.5, 2, 99])
    }

    func testMatrixProductMatchesTripleLoopForAllTransposeCombinations() {
        let left = Matrix(rows: 3, columns: 4, values: BLASTests.randomValues(12, seed: 1))
        let right = Matrix(rows: 4, columns: 2, values: BLASTests.randomValues(8, seed: 2))
        let leftT = left.transposed(), rightT = right.transposed()
        let cases: [(Matrix, BLAS.Operand, Matrix, BLAS.Operand)] = [
            (left, .plain, right, .plain), (leftT, .transposed, right, .plain),
            (left, .plain, rightT, .transposed), (leftT, .transposed, rightT, .transposed),
        ]
        for (a, operandA, b, operandB) in cases {
            let product = Matrix.product(a, operandA, b, operandB)
            XCTAssertEqual(product.rows, 3)
            XCTAssertEqual(product.columns, 2)
            for row in 0..<3 {
                for column in 0..<2 {
                    var sum: Double = 0
                    for inner in 0..<4 { sum += Double(left[row, inner]) * Double(right[inner, column]) }
                    XCTAssertEqual(Double(product[row, column]), sum, accuracy: 1e-5,
                                   "\(operandA) x \(operandB) at (\(row), \(column))")
                }
            }
        }
    }

    func testTransposedAndFrobeniusNorm() {
        let matrix = Matrix(rows: 2, columns: 3, values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(matrix.transposed(), Matrix(rows: 3, columns: 2, values: [1, 4, 2, 5, 3, 6]))
        XCTAssertEqual(matrix.transposed().transposed(), matrix)
        XCTAssertEqual(matrix.frobeniusNorm, Float(91.0.squareRoot()), accuracy: 1e-6)
    }
}
