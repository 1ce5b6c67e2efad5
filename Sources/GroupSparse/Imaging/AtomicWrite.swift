import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Stores `data` at `url` so that readers see either the old file or the complete new one.
///
/// The bytes go to a hidden temporary file in the destination's directory (a rename is atomic only
/// within one file system) and are flushed before the rename; any failure removes the temporary file.
package func writeAtomically(_ data: Data, to url: URL) throws {
    let destination = url.standardizedFileURL
    let directory = destination.deletingLastPathComponent()
    let temporary = directory.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
    let path = url.path

    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
        throw ImageCodecError.writeFailed(path: path, reason: systemErrorDescription())
    }
    var failure: String? = data.withUnsafeBytes { bytes in writeAll(bytes, to: descriptor) }
    if failure == nil, fsync(descriptor) != 0 { failure = systemErrorDescription() }
    if close(descriptor) != 0, failure == nil { failure = systemErrorDescription() }
    if failure == nil, rename(temporary.path, destination.path) != 0 { failure = systemErrorDescription() }
    if let failure {
        unlink(temporary.path)
        throw ImageCodecError.writeFailed(path: path, reason: failure)
    }
}

/// Writes every byte, retrying short writes and interruptions; returns the error text on failure.
private func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, base + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return systemErrorDescription()
        }
        offset += written
    }
    return nil
}

private func systemErrorDescription() -> String {
    let code = errno
    guard let text = strerror(code) else { return "system error \(code)" }
    return String(cString: text)
}
