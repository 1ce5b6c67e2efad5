/// The shape of an unrolled sparse coder: patch size, channels, dictionary size and depth.
public struct SparseCoderConfiguration: Sendable, Equatable, Codable {
    /// Side `k` of the square patches the coder works on.
    public var patchSize: Int
    /// Channels of a patch (1 for grey).
    public var channels: Int
    /// Number of dictionary atoms `p`, the length of a code.
    public var atomCount: Int
    /// Number of unrolled iterations `T`; each has its own threshold vector.
    public var unfoldingCount: Int

    /// Creates a configuration. The defaults are the grey model of the GroupSC paper's SC baseline with
    /// a shallower unrolling, which loses little once the matrices are learned.
    public init(patchSize: Int = 9, channels: Int = 1, atomCount: Int = 256, unfoldingCount: Int = 12) {
        self.patchSize = patchSize
        self.channels = channels
        self.atomCount = atomCount
        self.unfoldingCount = unfoldingCount
    }

    /// Length `m = k * k * channels` of a patch vector.
    public var patchLength: Int { patchSize * patchSize * channels }

    /// Number of learned scalars: three `m x p` matrices and two `T x p` threshold tables.
    public var parameterCount: Int { 3 * patchLength * atomCount + 2 * unfoldingCount * atomCount }
}
