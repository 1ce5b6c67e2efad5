import GroupSparse

/// What `info` reports about a model: where it came from, its shape, its size and its provenance.
struct ModelSummary: Encodable {
    struct Shape: Encodable {
        var patchSize: Int
        var channels: Int
        var atoms: Int
        var unfoldings: Int

        enum CodingKeys: String, CodingKey {
            case channels, atoms, unfoldings
            case patchSize = "patch_size"
        }
    }

    struct Groups: Encodable {
        var neighbours: Int
        var searchRadius: Int
        var refreshInterval: Int

        enum CodingKeys: String, CodingKey {
            case neighbours
            case searchRadius = "search_radius"
            case refreshInterval = "refresh_interval"
        }
    }

    var name: String
    var source: String
    /// `sc` (every patch coded on its own) or `groupsc` (groups of similar patches coded jointly).
    var kind: String
    var configuration: Shape
    /// How groups are formed, for a group-sparse coder.
    var groups: Groups?
    /// Every learned scalar used at inference: three dictionaries, two threshold tables and, for a
    /// group-sparse coder, the similarity scales and the mixing factor.
    var parameters: Int
    /// The weight file's metadata other than the configuration: how the model was trained.
    var provenance: [String: String]
    /// The kernel set and BLAS core this process runs the model with.
    var runtime = RuntimeSummary()

    init(_ denoiser: Denoiser) {
        let shape = denoiser.configuration
        name = denoiser.name
        source = denoiser.source?.description ?? "memory"
        configuration = Shape(
            patchSize: shape.patchSize, channels: shape.channels, atoms: shape.atomCount,
            unfoldings: shape.unfoldingCount)
        parameters = denoiser.parameterCount
        let nonLocal = denoiser.weights.nonLocal?.configuration
        kind = nonLocal == nil ? "sc" : "groupsc"
        groups = nonLocal.map {
            Groups(neighbours: $0.neighbourCount, searchRadius: $0.searchRadius, refreshInterval: $0.refreshInterval)
        }
        provenance = denoiser.metadata.filter { !$0.key.hasPrefix("groupsparse.") }
    }

    /// The summary as aligned `key value` lines.
    var text: String {
        let m = configuration.patchSize * configuration.patchSize * configuration.channels
        var lines = [
            "model        \(name) (\(kind))",
            "source       \(source)",
            "patches      \(configuration.patchSize) x \(configuration.patchSize), \(configuration.channels) channel\(configuration.channels == 1 ? "" : "s")",
            "atoms        \(configuration.atoms)",
            "unfoldings   \(configuration.unfoldings)",
            "parameters   \(parameters) (3 dictionaries of \(m) x \(configuration.atoms), "
                + "2 threshold tables of \(configuration.unfoldings) x \(configuration.atoms)"
                + (groups == nil ? ")" : ", \(m) similarity scales, 1 mixing factor)"),
        ]
        if let groups {
            lines.insert("groups       \(groups.neighbours) patches within \(groups.searchRadius) pixels, "
                         + "refreshed every \(groups.refreshInterval) unfoldings", at: 5)
        }
        lines += runtime.lines
        if provenance.isEmpty {
            lines.append("provenance   none recorded")
        } else {
            lines.append("provenance")
            let width = provenance.keys.map(\.count).max() ?? 0
            for key in provenance.keys.sorted() {
                let value = provenance[key] ?? ""
                lines.append("  " + key + String(repeating: " ", count: width - key.count) + "  " + value)
            }
        }
        return lines.joined(separator: "\n")
    }
}
