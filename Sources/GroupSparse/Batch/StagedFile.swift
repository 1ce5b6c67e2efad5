import Foundation

/// The temporary name an output is written under before it is renamed into place, and the rule
/// that tells a leftover of a dead task from the work of a live one.
///
/// The name `.<stem>.gs-<host>-<pid>-<token>.partial.<ext>` sits next to the output, so the rename is
/// atomic, and is unique per writer, so two copies of a task never write one file. The extension
/// stays last because it selects the encoder.
public struct StagedFile: Sendable, Equatable {
    /// The host that wrote it.
    public var host: String
    /// The writer's process id on that host.
    public var pid: Int32
    /// A random token that keeps names of one process apart.
    public var token: String

    /// A staged file for this process.
    public init(host: String = ProcessInfo.processInfo.hostName, pid: Int32 = ProcessInfo.processInfo.processIdentifier,
                token: String = String(UUID().uuidString.prefix(8))) {
        // Dashes and dots separate the fields, so a host name keeps neither.
        self.host = String(host.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        self.pid = pid
        self.token = token
    }

    /// The staged path for `output`.
    public func url(for output: URL) -> URL {
        let stem = output.deletingPathExtension().lastPathComponent
        return output.deletingLastPathComponent()
            .appendingPathComponent(".\(stem).gs-\(host)-\(pid)-\(token).partial.\(output.pathExtension)")
    }

    /// The writer of a staged file named `name` for an output named `outputName`, or `nil` when the
    /// name is not one of this type's.
    public static func parse(_ name: String, forOutputNamed outputName: String) -> StagedFile? {
        let output = URL(fileURLWithPath: outputName)
        let prefix = ".\(output.deletingPathExtension().lastPathComponent).gs-"
        let suffix = ".partial.\(output.pathExtension)"
        guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count > prefix.count + suffix.count else { return nil }
        let fields = name.dropFirst(prefix.count).dropLast(suffix.count).split(separator: "-")
        guard fields.count == 3, let pid = Int32(fields[1]) else { return nil }
        return StagedFile(host: String(fields[0]), pid: pid, token: String(fields[2]))
    }

    /// Whether a staged file can be removed: its writer ran on this host and is gone, or it is
    /// older than `maximumAge`, since a process on another host cannot be asked.
    public func isStale(thisHost: String, isRunning: (Int32) -> Bool, age: TimeInterval, maximumAge: TimeInterval) -> Bool {
        if host == StagedFile(host: thisHost).host { return !isRunning(pid) }
        return age > maximumAge
    }
}
