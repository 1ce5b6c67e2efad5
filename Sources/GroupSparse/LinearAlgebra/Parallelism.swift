import Dispatch

/// Process-wide control over how many threads the numeric kernels use.
public enum Parallelism {
    /// Threads for the matrix products (BLAS). Results do not depend on it beyond float rounding of
    /// the BLAS library's own blocking.
    public static var threadCount: Int {
        get { storedThreadCount }
        set {
            storedThreadCount = max(1, newValue)
            BLAS.setThreadCount(storedThreadCount)
        }
    }

    nonisolated(unsafe) private static var storedThreadCount = 2
}

extension Parallelism {
    /// Runs `body(0) ... body(count - 1)` on up to ``threadCount`` threads and returns when all are done.
    ///
    /// The kernels that call this split their work into pieces that touch disjoint outputs, so the
    /// closure may capture raw buffers; the check that the compiler cannot make is theirs.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1, threadCount > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let work = UncheckedSendable(value: escapable)
            DispatchQueue.concurrentPerform(iterations: count) { work.value($0) }
        }
    }
}

/// Carries a value the caller guarantees is used safely across threads.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}

extension Parallelism {
    /// The CPU core the BLAS library tuned its matrix products for, as the library names it
    /// (OpenBLAS: `openblas_get_corename()`, for example `SkylakeX`); `nil` when the library does not
    /// say, as with Accelerate.
    public static var blasCoreName: String? { BLAS.coreName }
}
