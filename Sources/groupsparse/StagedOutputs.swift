import Foundation
import GroupSparse
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Output images written under hidden temporary names and moved into place only once every image
/// of a run has succeeded, so that a failure part-way through a batch leaves no output behind.
final class StagedOutputs {
    private var staged: [(temporary: URL, final: URL)] = []

    /// Writes `image` next to `url` under a temporary name, in the layout of `source`.
    func stage(_ image: Image, at url: URL, matching source: DecodedImage) throws {
        // The extension stays last because it selects the encoder.
        let name = ".\(url.deletingPathExtension().lastPathComponent).\(UUID().uuidString).partial.\(url.pathExtension)"
        let temporary = url.deletingLastPathComponent().appendingPathComponent(name)
        do {
            try ImageFile.write(image, to: temporary, matching: source)
        } catch let error as ImageCodecError {
            // The temporary name means nothing to the user; report the file they asked for.
            throw CommandFailure(error.description.replacingOccurrences(of: temporary.path, with: url.path))
        }
        staged.append((temporary, url))
    }

    /// Moves every staged file to its final name, each move atomic.
    func commit() throws {
        while let entry = staged.first {
            guard rename(entry.temporary.path, entry.final.path) == 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw CommandFailure("\(entry.final.path): cannot write the file: \(reason)")
            }
            staged.removeFirst()
        }
    }

    /// Deletes every staged file that has not been committed.
    func discard() {
        for (temporary, _) in staged { unlink(temporary.path) }
        staged.removeAll()
    }
}
