import GroupSparse

/// What `info` reports about the machine code that will run: the kernel set and the BLAS core.
struct RuntimeSummary: Encodable {
    /// The kernel set in use: `scalar`, `avx2` or `avx512` (see `GROUPSPARSE_KERNELS`).
    var kernels: String
    /// The kernel sets this CPU supports, in increasing order.
    var supportedKernels: [String]
    /// The CPU core the BLAS library tuned itself for, when it says.
    var blasCore: String?

    enum CodingKeys: String, CodingKey {
        case kernels
        case supportedKernels = "supported_kernels"
        case blasCore = "blas_core"
    }

    init() {
        kernels = KernelSet.active.description
        supportedKernels = KernelSet.supported.map(\.description)
        blasCore = Parallelism.blasCoreName
    }

    /// The summary as `key value` lines aligned with the model summary.
    var lines: [String] {
        [
            "kernels      \(kernels) (supported: \(supportedKernels.joined(separator: ", ")))",
            "blas core    \(blasCore ?? "not reported")",
        ]
    }
}
