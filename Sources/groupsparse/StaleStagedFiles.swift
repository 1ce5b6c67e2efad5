import Foundation
import GroupSparse
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes the staged files that dead tasks left next to an output.
enum StaleStagedFiles {
    /// A writer on another host cannot be asked whether it still runs; a day is far longer than
    /// any one image takes.
    static let maximumAge: TimeInterval = 24 * 3600

    static func remove(for output: URL) {
        let folder = output.deletingLastPathComponent()
        let host = ProcessInfo.processInfo.hostName
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
            guard let staged = StagedFile.parse(name, forOutputNamed: output.lastPathComponent) else { continue }
            let path = folder.appendingPathComponent(name).path
            let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
            if staged.isStale(thisHost: host, isRunning: isRunning, age: Date().timeIntervalSince(modified), maximumAge: maximumAge) {
                unlink(path)
            }
        }
    }

    /// `kill(pid, 0)` fails with `ESRCH` only when no such process exists.
    private static func isRunning(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno != ESRCH
    }
}
