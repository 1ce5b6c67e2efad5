import Foundation
import GroupSparse

/// Which file each input of `denoise` is read from and written to.
///
/// One input file and an `-o` that is not a folder: the output is that file, in the format of its
/// extension. Several inputs, a folder input, or an `-o` that is an existing folder or ends in `/`:
/// `-o` is a folder, created if missing, and every output keeps its input's name and format.
struct OutputPlan {
    /// An input file and the file its result goes to.
    struct Job {
        var input: URL
        var output: URL
    }

    /// The work, inputs in the order given (a folder's images in name order).
    var jobs: [Job]
    /// The output folder when `-o` names one.
    var folder: URL?

    /// The plan for the `denoise` arguments, checked before any work starts.
    ///
    /// - Throws: when an input does not exist, a folder holds no image, the output cannot be
    ///   written in a known format, or an output would overwrite an input or another output.
    init(inputs: [String], output: String) throws {
        var files: [URL] = []
        var sawFolder = false
        for input in inputs {
            let url = URL(fileURLWithPath: input)
            switch Self.kind(of: url) {
            case .missing:
                throw ImageCodecError.fileNotFound(path: input)
            case .folder:
                sawFolder = true
                let images = try ImageFolder.imageFiles(in: url)
                guard !images.isEmpty else { throw CommandFailure("\(input): the folder holds no .png or .npy image") }
                files += images
            case .file:
                files.append(url)
            }
        }
        guard !files.isEmpty else { throw UsageError("no input image given") }

        let outputURL = URL(fileURLWithPath: output)
        let outputKind = Self.kind(of: outputURL)
        if sawFolder || files.count > 1 || outputKind == .folder || output.hasSuffix("/") {
            guard outputKind != .file else {
                throw UsageError("-o \(output) is a file, but several images need an output folder")
            }
            // A missing folder named like an image is almost always a mistyped command.
            guard outputKind == .folder || ImageFormat(pathExtension: outputURL.pathExtension) == nil else {
                throw UsageError("-o \(output) names an image file, but several images need an output folder")
            }
            folder = outputURL
            jobs = files.map { Job(input: $0, output: outputURL.appendingPathComponent($0.lastPathComponent)) }
        } else {
            guard ImageFormat(pathExtension: outputURL.pathExtension) != nil else {
                throw UsageError("-o \(output): the output must end in .png or .npy")
            }
            guard Self.kind(of: outputURL.deletingLastPathComponent()) == .folder else {
                throw CommandFailure("\(output): the folder to write it in does not exist")
            }
            folder = nil
            jobs = [Job(input: files[0], output: outputURL)]
        }
        try checkNoOverwrites()
    }

    /// Creates the output folder if it is missing, returning it when it was created here.
    func createFolder() throws -> URL? {
        guard let folder, Self.kind(of: folder) == .missing else { return nil }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CommandFailure("\(folder.path): cannot create the output folder: \(error.localizedDescription)")
        }
        return folder
    }

    /// Refuses plans that would replace an input or write two results to one file, which
    /// would silently lose an image.
    private func checkNoOverwrites() throws {
        let inputs = Set(jobs.map { $0.input.resolvingSymlinksInPath().path })
        var outputs: Set<String> = []
        for job in jobs {
            let path = job.output.resolvingSymlinksInPath().path
            guard !inputs.contains(path) else {
                throw UsageError("\(job.output.path) would overwrite an input; choose another output")
            }
            guard outputs.insert(path).inserted else {
                throw UsageError("two inputs are named \(job.output.lastPathComponent) and would write the same output")
            }
        }
    }

    private enum Kind { case missing, file, folder }

    private static func kind(of url: URL) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return .missing }
        return isDirectory.boolValue ? .folder : .file
    }
}
