import Foundation

/// Writes one line to standard error, where progress and diagnostics go so that standard output
/// stays clean for results.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
