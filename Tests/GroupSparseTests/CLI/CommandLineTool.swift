import Foundation
import XCTest

/// Runs the built `groupsparse` executable the way a user would.
struct CommandLineTool {
    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The executable, found next to the test bundle in the build folder.
    let executable: URL

    init() throws {
        let candidates = [
            Bundle(for: BundleMarker.self).bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.executableURL?.deletingLastPathComponent(),
        ].compactMap { $0?.appendingPathComponent("groupsparse") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the groupsparse executable is not in the build folder; build the whole package first")
        }
        executable = found
    }

    /// Runs the tool with `arguments` in `directory`, with no models folder configured, so the
    /// built-in weights are used, and no batch engine variables but those in `environment`.
    func run(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws -> Result {
        let process = self.process(arguments, in: directory, environment: extra)
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      standardOutput: String(decoding: outputData, as: UTF8.self),
                      standardError: String(decoding: errorData, as: UTF8.self))
    }

    /// The process `run` starts, not yet started, for tests that signal it.
    func process(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) -> Process {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        // The tests may themselves run as a task of a batch engine.
        let engineVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX", "BATCH_TASK_INDEX"]
        var environment = ProcessInfo.processInfo.environment.filter { !engineVariables.contains($0.key) }
        environment["GROUPSPARSE_MODELS"] = nil
        environment.merge(extra) { $1 }
        process.environment = environment
        return process
    }
}

private final class BundleMarker {}
