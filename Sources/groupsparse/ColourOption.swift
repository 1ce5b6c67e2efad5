import Foundation
import GroupSparse

/// The `--colour` option of `evaluate`: how a grey model denoises RGB images, one or more ways.
///
/// Scoring both ways in one run (`--colour opponent,separate`) compares them on identical noise,
/// since the noise of an image depends only on the seed, the image and sigma.
enum ColourOption {
    /// The names accepted on the command line, in the order of ``GroupSparse/ColourHandling/allCases``.
    static func name(of handling: ColourHandling) -> String {
        switch handling {
        case .opponent: return "opponent"
        case .separateChannels: return "separate"
        }
    }

    /// The ways listed in `text`, comma-separated, without repeats.
    static func list(_ text: String) throws -> [ColourHandling] {
        var handlings: [ColourHandling] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let handling = ColourHandling.allCases.first(where: { name(of: $0) == item }) else {
                throw UsageError("--colour '\(text)': '\(item)' is not a colour handling: write opponent, separate or both, separated by a comma")
            }
            if !handlings.contains(handling) { handlings.append(handling) }
        }
        return handlings
    }
}
