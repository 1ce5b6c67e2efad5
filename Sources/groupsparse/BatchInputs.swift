import Foundation
import GroupSparse

/// The inputs of a batch as `denoise` and `batch-report` both read them, so that the report
/// expects exactly the inputs the tasks planned.
enum BatchInputs {
    /// The manifest's entries, then the command line's (folders expanded), planned against `root`:
    /// by default the one folder given, or the deepest folder holding every input.
    static func plan(manifest: String?, inputs: [String], root: String?, output: String) throws -> BatchPlan {
        var files: [URL] = []
        if let manifest { files += try Manifest.read(URL(fileURLWithPath: manifest)) }
        var folders: [URL] = []
        for input in inputs {
            let url = URL(fileURLWithPath: input)
            if let images = try folderImages(input) {
                folders.append(url)
                files += images
            } else {
                // A missing file is recorded as a failure by the task that owns it, not refused here,
                // so that one bad entry does not stop every task.
                files.append(url)
            }
        }
        guard !files.isEmpty else { throw UsageError("no input image given: pass --manifest or inputs") }
        let defaultRoot = manifest == nil && inputs.count == 1 ? folders.first : nil
        return try BatchPlan(inputs: files, root: root.map { URL(fileURLWithPath: $0) } ?? defaultRoot,
                             outputFolder: URL(fileURLWithPath: output, isDirectory: true))
    }

    /// The images of `input` when it names a folder (in name order), or `nil` when it names
    /// anything else, which the caller then takes as a file, existing or not.
    static func folderImages(_ input: String) throws -> [URL]? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        return try ImageFolder.imageFiles(in: URL(fileURLWithPath: input))
    }
}
