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

    /// Replaces the progress line with `label` and a bar filled to `fraction` (0 to 1).
    func bar(_ label: String, fraction: Double) {
        guard isEnabled else { return }
        let width = 30
        let clamped = min(max(fraction, 0), 1)
        let filled = Int((clamped * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        update("\(label) [\(bar)] \(Int((clamped * 100).rounded(.down)))%")
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
