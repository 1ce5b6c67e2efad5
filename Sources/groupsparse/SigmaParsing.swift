import GroupSparse

/// Reads noise levels and factors written on the command line, through ``NoiseLevelSyntax``, and
/// turns text it refuses into usage errors that say what is accepted.
enum SigmaParsing {
    /// The sigma written as `text`, or `nil` when it is not a plain non-negative decimal.
    static func sigma(_ text: String) -> Double? {
        NoiseLevelSyntax.sigma(text)
    }

    /// The `--sigma` of `denoise`: `auto` to estimate the level, or a sigma.
    static func noiseLevel(_ text: String) throws -> NoiseLevel {
        guard let level = NoiseLevelSyntax.noiseLevel(text) else {
            throw UsageError("--sigma '\(text)' is not a noise level: write auto or a non-negative number on the 0-255 scale, such as 25 or 25.0")
        }
        return level
    }

    /// The `--sigma` of `evaluate`: comma-separated sigmas such as `15,25,50`.
    static func sigmaList(_ text: String) throws -> [Double] {
        switch NoiseLevelSyntax.sigmaList(text) {
        case .success(let sigmas):
            return sigmas
        case .failure(let invalid):
            throw UsageError("--sigma '\(text)': '\(invalid.item)' is not a noise level: write non-negative numbers on the 0-255 scale separated by commas, such as 15,25,50")
        }
    }

    /// The `--strength` factor: a finite, non-negative number.
    static func strength(_ text: String) throws -> Double {
        guard let value = NoiseLevelSyntax.strength(text) else {
            throw UsageError("--strength '\(text)' is not a finite, non-negative factor such as 0.8 or 1.2")
        }
        return value
    }

    /// The `--threads` count: at least 1.
    static func threadCount(_ value: Int?) throws -> Int? {
        if let value, value < 1 { throw UsageError("--threads must be at least 1, not \(value)") }
        return value
    }
}
