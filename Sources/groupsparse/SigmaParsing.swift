import Foundation
import GroupSparse

/// Reads noise levels and factors written on the command line.
///
/// A noise level is a plain decimal number on the 0-255 scale, `25` or `25.0`. Signs, exponents,
/// `nan`, `inf` and units are refused rather than interpreted, so that a typo never turns into a
/// surprising sigma.
enum SigmaParsing {
    /// The sigma written as `text`, or `nil` when it is not a plain non-negative decimal.
    static func sigma(_ text: String) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isDecimal = (1...2).contains(parts.count) && !parts[0].isEmpty
            && parts.allSatisfy { part in part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard isDecimal, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The `--sigma` of `denoise`: `auto` to estimate the level, or a sigma.
    static func noiseLevel(_ text: String) throws -> NoiseLevel {
        if text.lowercased() == "auto" { return .estimate }
        guard let value = sigma(text) else {
            throw UsageError("--sigma '\(text)' is not a noise level: write auto or a non-negative number on the 0-255 scale, such as 25 or 25.0")
        }
        return .value(value)
    }

    /// The `--sigma` of `evaluate`: comma-separated sigmas such as `15,25,50`.
    static func sigmaList(_ text: String) throws -> [Double] {
        try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let value = sigma(item) else {
                throw UsageError("--sigma '\(text)': '\(item)' is not a noise level: write non-negative numbers on the 0-255 scale separated by commas, such as 15,25,50")
            }
            return value
        }
    }

    /// The `--strength` factor: a finite, non-negative number.
    static func strength(_ text: String) throws -> Double {
        guard let value = Double(text), value.isFinite, value >= 0 else {
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
