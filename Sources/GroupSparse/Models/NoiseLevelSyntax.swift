import Foundation

/// Reads noise levels and factors written as text, as the command line takes them.
///
/// A noise level is a plain decimal number on the 0-255 scale, `25` or `25.0`. Signs, exponents,
/// `nan`, `inf` and units are refused rather than interpreted, so that a typo never turns into a
/// surprising sigma. Every function returns `nil` (or the offending item) instead of trapping, for
/// any text.
public enum NoiseLevelSyntax {
    /// The sigma written as `text`, or `nil` when it is not a plain non-negative decimal.
    public static func sigma(_ text: String) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let isDecimal = (1...2).contains(parts.count) && !parts[0].isEmpty
            && parts.allSatisfy { part in part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard isDecimal, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `auto` (in any case) for an estimated level, or a sigma; `nil` for anything else.
    public static func noiseLevel(_ text: String) -> NoiseLevel? {
        if text.lowercased() == "auto" { return .estimate }
        return sigma(text).map(NoiseLevel.value)
    }

    /// The sigmas of a comma-separated list such as `15,25,50`; spaces around an item are ignored.
    ///
    /// - Returns: The sigmas, or the first item (trimmed) that is not one.
    public static func sigmaList(_ text: String) -> Result<[Double], InvalidItem> {
        var sigmas: [Double] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            guard let value = sigma(item) else { return .failure(InvalidItem(item: item)) }
            sigmas.append(value)
        }
        return .success(sigmas)
    }

    /// A finite, non-negative factor such as `0.8`, or `nil`.
    public static func strength(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// An item of a list that is not what the list holds.
    public struct InvalidItem: Error, Equatable, Sendable {
        /// The item, with surrounding spaces removed.
        public var item: String

        /// Names the refused item.
        public init(item: String) {
            self.item = item
        }
    }
}
