#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Progress lines on standard error, shown only when a person is watching.
///
/// When standard error is a terminal each update overwrites the last; when it is redirected to a
/// file or a pipe nothing is written, so logs hold results and diagnostics only.
struct TerminalProgress {
    /// Whether standard error is a terminal.
    let isEnabled = isatty(STDERR_FILENO) != 0

    /// Replaces the progress line with `text`.
    func update(_ text: String) {
        guard isEnabled else { return }
        writeToStandardError("\r\u{1B}[2K" + text)
    }

    /// Removes the progress line, so that the next message starts on a clean line.
    func clear() {
        guard isEnabled else { return }
        writeToStandardError("\r\u{1B}[2K")
    }

    private func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
