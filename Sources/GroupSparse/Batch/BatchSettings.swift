/// Everything that decides an output's pixels besides its input: two runs with equal settings
/// write the same bytes, so a rerun may keep an output made with them.
public struct BatchSettings: Codable, Sendable, Equatable {
    /// The SHA-256 digest of the weights (``Denoiser/weightsDigest()``).
    public var modelDigest: String
    /// The sigma as given: a number on the 0-255 scale, or `auto`.
    public var sigma: String
    /// The factor applied to sigma.
    public var strength: Double
    /// How a grey model treats RGB images (`opponent` or `separate`).
    public var colour: String
    /// The program version (``ProgramVersion/current``).
    public var version: String

    /// Settings with the current program version unless told otherwise.
    public init(modelDigest: String, sigma: String, strength: Double, colour: String, version: String = ProgramVersion.current) {
        self.modelDigest = modelDigest
        self.sigma = sigma
        self.strength = strength
        self.colour = colour
        self.version = version
    }

    /// The names of the settings that differ from `other`, in a fixed order, for messages.
    public func differences(from other: BatchSettings) -> [String] {
        var names: [String] = []
        if modelDigest != other.modelDigest { names.append("model") }
        if sigma != other.sigma { names.append("sigma") }
        if strength != other.strength { names.append("strength") }
        if colour != other.colour { names.append("colour") }
        if version != other.version { names.append("version") }
        return names
    }
}
