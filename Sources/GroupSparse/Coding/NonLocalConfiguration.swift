/// How a group-sparse coder forms its groups.
public struct NonLocalConfiguration: Sendable, Equatable, Codable {
    /// Patches per group `K`, the patch itself included.
    public var neighbourCount: Int
    /// Half-width of the search window, in pixels, around each patch.
    public var searchRadius: Int
    /// Unfoldings between refreshes of the pilot estimate (matching and weights are redone on the
    /// current estimate at unfoldings `0, R, 2R, ...`).
    public var refreshInterval: Int

    /// Creates a configuration. Sixteen neighbours in a 25 x 25 window find enough repetitions in
    /// natural images for the group energy to be reliable without reaching for unrelated structure,
    /// and keep the groups inside a training crop.
    public init(neighbourCount: Int = 16, searchRadius: Int = 12, refreshInterval: Int = 4) {
        self.neighbourCount = neighbourCount
        self.searchRadius = searchRadius
        self.refreshInterval = refreshInterval
    }
}

/// The learned parameters of the non-local part of a group-sparse coder.
public struct NonLocalWeights: Sendable, Equatable {
    /// How groups are formed.
    public let configuration: NonLocalConfiguration
    /// The per-pixel scales `kappa` (`m` values) of the similarity `exp(-|kappa (x_i - x_l)|^2)`.
    public var similarityScales: [Float]
    /// The factor `mu` in [0, 1] mixing the weights of a refreshed pilot with those of the previous one.
    public var mixing: Float

    /// Creates non-local weights.
    public init(configuration: NonLocalConfiguration, similarityScales: [Float], mixing: Float) {
        self.configuration = configuration
        self.similarityScales = similarityScales
        self.mixing = mixing
    }

    /// Number of learned scalars: `m` scales and the mixing factor.
    public var parameterCount: Int { similarityScales.count + 1 }
}
