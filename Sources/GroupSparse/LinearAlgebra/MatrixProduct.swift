extension Matrix {
    /// The product `op(a) * op(b)` computed through BLAS, where `op` transposes an operand on request.
    static func product(
        _ a: Matrix, _ operandA: BLAS.Operand = .plain,
        _ b: Matrix, _ operandB: BLAS.Operand = .plain
    ) -> Matrix {
        let m = operandA == .plain ? a.rows : a.columns
        let k = operandA == .plain ? a.columns : a.rows
        let kB = operandB == .plain ? b.rows : b.columns
        let n = operandB == .plain ? b.columns : b.rows
        precondition(k == kB, "inner dimensions of the product do not agree")
        var result = Matrix(rows: m, columns: n)
        a.values.withUnsafeBufferPointer { aBuffer in
            b.values.withUnsafeBufferPointer { bBuffer in
                result.values.withUnsafeMutableBufferPointer { cBuffer in
                    BLAS.gemm(
                        operandA, operandB, m: m, n: n, k: k,
                        aBuffer.baseAddress!, lda: a.columns,
                        bBuffer.baseAddress!, ldb: b.columns,
                        cBuffer.baseAddress!, ldc: n)
                }
            }
        }
        return result
    }
}
