import Foundation
import GroupSparse
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Several output files that appear together or not at all.
///
/// Each file is written in full under a hidden temporary name next to its destination (through
/// the library's atomic write), and only ``commit()`` renames them into place. A failure before
/// that leaves no output; ``discard()`` removes what was staged.
public final class StagedFiles {
    private var staged: [(temporary: URL, destination: URL)] = []

    /// Creates an empty set of files.
    public init() {}

    /// Writes `data` under a temporary name next to `url`.
    ///
    /// - Throws: ``ImageCodecError/writeFailed(path:reason:)`` naming `url` when the folder is
    ///   missing or not writable.
    public func stage(_ data: Data, at url: URL) throws {
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).partial")
        do {
            try writeAtomically(data, to: temporary)
        } catch ImageCodecError.writeFailed(_, let reason) {
            discard()
            throw ImageCodecError.writeFailed(path: url.path, reason: reason)
        }
        staged.append((temporary, url))
    }

    /// Moves every staged file to its destination, each move atomic.
    ///
    /// - Throws: ``ImageCodecError/writeFailed(path:reason:)`` when a rename fails; the files not
    ///   yet moved are removed.
    public func commit() throws {
        while let entry = staged.first {
            guard rename(entry.temporary.path, entry.destination.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw ImageCodecError.writeFailed(path: entry.destination.path, reason: reason)
            }
            staged.removeFirst()
        }
    }

    /// Removes every staged file that has not been committed.
    public func discard() {
        for entry in staged { unlink(entry.temporary.path) }
        staged.removeAll()
    }

    deinit { discard() }
}
