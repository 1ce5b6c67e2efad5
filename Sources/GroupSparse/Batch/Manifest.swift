import Foundation

/// A list of input images for a batch: a text file with one path per line.
///
/// Relative paths are relative to the manifest's own folder, so a manifest can move with the
/// images it lists. Blank lines and lines starting with `#` are ignored, and surrounding spaces are
/// trimmed, so a list written by hand or by `find` reads the same.
public enum Manifest {
    /// The inputs listed in `text`, for a manifest stored in `folder`.
    public static func entries(in text: String, relativeTo folder: URL) -> [URL] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let path = line.trimmingCharacters(in: .whitespaces)
            guard !path.isEmpty, !path.hasPrefix("#") else { return nil }
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
            return url.standardizedFileURL
        }
    }

    /// The inputs listed in the manifest file at `url`.
    ///
    /// - Throws: ``BatchPlanError/unreadableManifest(path:reason:)`` when the file cannot be read
    ///   as UTF-8 text or lists nothing.
    public static func read(_ url: URL) throws -> [URL] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw BatchPlanError.unreadableManifest(path: url.path, reason: "cannot be read as UTF-8 text")
        }
        let entries = entries(in: text, relativeTo: url.deletingLastPathComponent())
        guard !entries.isEmpty else { throw BatchPlanError.unreadableManifest(path: url.path, reason: "lists no input") }
        return entries
    }
}
