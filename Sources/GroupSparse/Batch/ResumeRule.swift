/// What a task does with an input whose output may already exist.
public enum ResumeDecision: Sendable, Equatable {
    /// Denoise it (again).
    case run
    /// Keep the existing output, which this record shows was made with the same settings.
    case skip(BatchRecord)
    /// Stop: the output exists but may not be what these settings would make; says why.
    case refuse(String)
}

/// When a rerun may keep an existing output.
///
/// Engines retry tasks and may run two copies of one, so a task must be able to keep finished work.
/// It keeps an output only when the last record that wrote or kept it shows the same model digest,
/// sigma, strength, colour handling and program version. An output it cannot vouch for (other
/// settings, or no record at all) is neither kept, which would mix results of two settings in one
/// batch, nor overwritten, which could destroy work the user wanted, unless forced.
public enum ResumeRule {
    /// The decision for one output.
    ///
    /// - Parameters:
    ///   - outputExists: Whether the output file is there.
    ///   - latest: The newest `done` or `skipped` record for this output, if any.
    ///   - settings: The settings of this run.
    ///   - force: Redo every output, whatever exists.
    public static func decide(output: String, outputExists: Bool, latest: BatchRecord?, settings: BatchSettings,
                              force: Bool) -> ResumeDecision {
        guard outputExists, !force else { return .run }
        guard let latest else {
            return .refuse("\(output) exists, but no batch record says how it was made; pass --force to replace it")
        }
        let differences = settings.differences(from: latest.settings)
        guard differences.isEmpty else {
            return .refuse("\(output) was made with another \(differences.joined(separator: ", ")) "
                           + "(attempt \(latest.attempt)); pass --force to redo it with these settings")
        }
        return .skip(latest)
    }

    /// The newest record per relative path among those that wrote or kept an output.
    public static func latestOutputs(in records: [BatchRecord]) -> [String: BatchRecord] {
        var latest: [String: BatchRecord] = [:]
        for record in records where record.status != .failed {
            if let known = latest[record.relativePath], known.finished >= record.finished { continue }
            latest[record.relativePath] = record
        }
        return latest
    }
}
