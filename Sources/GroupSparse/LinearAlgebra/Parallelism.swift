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
