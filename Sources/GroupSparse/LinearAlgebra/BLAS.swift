#if canImport(Accelerate)
import Accelerate
#else
import CBLAS
#endif

/// The one door to the BLAS library: every heavy product of the package goes through here, so another
/// backend (Accelerate on Apple platforms) only has to provide these few calls.
enum BLAS {
    /// Whether an operand enters the product as stored or transposed.
    enum Operand {
        case plain, transposed
    }

    /// `C <- alpha * op(A) * op(B) + beta * C` on row-major storage, where `op(A)` is `m x k`,
    /// `op(B)` is `k x n` and `C` is `m x n`; `lda`, `ldb`, `ldc` are the row strides as stored.
    static func gemm(
        _ operandA: Operand, _ operandB: Operand,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        _ a: UnsafePointer<Float>, lda: Int,
        _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        if k == 0 {
            // BLAS leaves C untouched when k = 0 only for some implementations; make it explicit.
            for row in 0..<m {
                for column in 0..<n { c[row * ldc + column] *= beta }
            }
            return
        }
        cblas_sgemm(
            CblasRowMajor,
            operandA == .plain ? CblasNoTrans : CblasTrans,
            operandB == .plain ? CblasNoTrans : CblasTrans,
            Int32(m), Int32(n), Int32(k),
            alpha, a, Int32(lda), b, Int32(ldb),
            beta, c, Int32(ldc))
    }

    /// The CPU core the BLAS library tuned its kernels for (OpenBLAS's `openblas_get_corename()`,
    /// for example `SkylakeX` or `Haswell`), or `nil` when the library does not say.
    static var coreName: String? {
        #if canImport(Accelerate)
        return nil
        #else
        return gs_blas_core_name().map { String(cString: $0) }
        #endif
    }

    /// Sets how many threads the BLAS library may use.
    static func setThreadCount(_ count: Int) {
        #if !canImport(Accelerate)
        openblas_set_num_threads(Int32(max(1, count)))
        #endif
    }
}
