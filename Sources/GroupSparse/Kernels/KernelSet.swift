import CKernels

/// The implementations of the package's element-wise kernels (soft thresholding, group shrinkage
/// and their adjoints) that this process can use.
///
/// The kernels are written in C with one version per instruction set, because Swift compiles a whole
/// module for one target and the package is built for baseline x86-64. The first kernel call picks
/// the best set the CPU supports, or the one named by the `GROUPSPARSE_KERNELS` environment variable
/// (`scalar`, `avx2` or `avx512`) when the CPU can run it. Element-wise results are the same bits in
/// every set; sums over atoms may differ in the last bits, because their order follows the vector
/// width.
public enum KernelSet: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    /// Portable C, for any CPU.
    case scalar
    /// AVX2 with FMA: eight floats per instruction (x86-64 from Haswell and Zen on).
    case avx2
    /// AVX-512 F, DQ, BW and VL: sixteen floats per instruction (x86-64 from Skylake-SP and Zen 4 on).
    case avx512

    /// The set the kernels use now.
    public static var active: KernelSet { KernelSet(gs_kernels_active()) }

    /// The sets this CPU can run, in increasing order; always contains ``scalar``.
    public static var supported: [KernelSet] { allCases.filter(\.isSupported) }

    /// The fastest set this CPU can run: the one used when `GROUPSPARSE_KERNELS` is unset.
    public static var best: KernelSet { KernelSet(gs_kernels_best()) }

    /// Whether this CPU, and its operating system, can run the set.
    public var isSupported: Bool { gs_kernels_cpu_supports(cValue) != 0 }

    /// The name `GROUPSPARSE_KERNELS` uses for the set: `scalar`, `avx2` or `avx512`.
    public var description: String {
        switch self {
        case .scalar: "scalar"
        case .avx2: "avx2"
        case .avx512: "avx512"
        }
    }

    /// Makes every later kernel call use `requested`, or the best supported set below it when the CPU
    /// cannot run it, and returns the set now in use.
    ///
    /// Calls already running finish with the set they started with. Meant for tests and
    /// measurements; the environment variable is the way to choose a set for a whole run.
    @discardableResult
    public static func select(_ requested: KernelSet) -> KernelSet {
        KernelSet(gs_kernels_select(requested.cValue))
    }

    /// The set that `GROUPSPARSE_KERNELS=request` selects; `nil` or an unknown name gives ``best``.
    public static func resolving(_ request: String?) -> KernelSet {
        KernelSet(gs_kernels_resolve(request))
    }

    /// Orders sets by the width of the CPU they need.
    public static func < (lhs: KernelSet, rhs: KernelSet) -> Bool { lhs.rawValue < rhs.rawValue }

    private init(_ set: gs_kernel_set) {
        self = KernelSet(rawValue: Int(set.rawValue)) ?? .scalar
    }

    private var cValue: gs_kernel_set { gs_kernel_set(rawValue: UInt32(rawValue)) }
}
