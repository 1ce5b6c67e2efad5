import Foundation

/// Lists the image files of a folder in a stable order.
public enum ImageFolder {
    /// The `.png` files directly inside `folder`, sorted by name.
    ///
    /// - Throws: ``ImageCodecError/fileNotFound(path:)`` when the folder does not exist.
    public static func pngFiles(in folder: URL) throws -> [URL] {
        try files(in: folder, extensions: ["png"])
    }

    /// The files directly inside `folder` in a format this library reads (``ImageFormat``: `.png`
    /// and `.npy`), sorted by name.
    ///
    /// - Throws: ``ImageCodecError/fileNotFound(path:)`` when the folder does not exist.
    public static func imageFiles(in folder: URL) throws -> [URL] {
        try files(in: folder, extensions: Set(ImageFormat.allCases.map(\.pathExtension)))
    }

    /// The files directly inside `folder` whose extension (case-insensitive) is in `extensions`,
    /// sorted by name.
    public static func files(in folder: URL, extensions: Set<String>) throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ImageCodecError.fileNotFound(path: folder.path)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        return names.sorted()
            .filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .map { folder.appendingPathComponent($0) }
    }
}
