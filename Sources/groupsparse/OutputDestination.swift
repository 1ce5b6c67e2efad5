import Foundation

/// Checks made on an output path before any work starts, so that a long run never ends in an
/// error about where to write.
enum OutputDestination {
    /// The URL of `path` after checking that it ends in one of `extensions` (any case), that it
    /// is not a folder, and that the folder it goes in exists.
    ///
    /// - Parameter option: The option that named the path, for messages.
    /// - Throws: ``UsageError`` for a wrong extension or a folder, ``CommandFailure`` for a
    ///   missing parent folder.
    static func checked(_ path: String, extensions: [String], option: String) throws -> URL {
        let url = URL(fileURLWithPath: path)
        guard extensions.contains(url.pathExtension.lowercased()) else {
            let names = extensions.map { "." + $0 }.joined(separator: " or ")
            throw UsageError("\(option) \(path): the file name must end in \(names)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UsageError("\(option) \(path) is a folder; give a file name")
        }
        let parent = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("\(path): the folder to write it in does not exist")
        }
        return url
    }
}
