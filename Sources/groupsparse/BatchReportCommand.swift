import ArgumentParser
import Foundation
import GroupSparse

struct BatchReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch-report",
        abstract: "Merge the records of a sharded batch into one summary.",
        discussion: """
            Reads every records file the tasks of a sharded `denoise` wrote (OUTPUT/.groupsparse by default) \
            and prints what is done, what was kept from an earlier attempt, what failed and why, and which \
            shards finished. Given the batch's manifest or inputs, it also lists the inputs no task has \
            reported. Exit status: 0 when every expected input is done, 1 when some failed or are missing.

            Example:
              groupsparse batch-report cleaned/ --manifest scans.txt
            """)

    @Argument(help: ArgumentHelp("The batch's output folder.", valueName: "output"))
    var output: String

    @Argument(help: ArgumentHelp("The batch's inputs (files or folders), as given to denoise.", valueName: "input"))
    var inputs: [String] = []

    @Option(help: ArgumentHelp("The batch's manifest, as given to denoise.", valueName: "file"))
    var manifest: String?

    @Option(help: ArgumentHelp("The --root given to denoise.", valueName: "folder"))
    var root: String?

    @Option(help: ArgumentHelp("The --records given to denoise (default: OUTPUT/.groupsparse).", valueName: "folder"))
    var records: String?

    @Flag(help: "Print only JSON.")
    var json = false

    func run() throws {
        var complete = false
        try reportingBatchFailures {
            let outputFolder = URL(fileURLWithPath: output, isDirectory: true)
            let folder = records.map { RecordsFolder(url: URL(fileURLWithPath: $0, isDirectory: true)) }
                ?? RecordsFolder(outputFolder: outputFolder)
            let expected = manifest == nil && inputs.isEmpty ? nil
                : try BatchInputs.plan(manifest: manifest, inputs: inputs, root: root, output: output).items.map(\.relativePath)
            let summary = BatchSummary(records: folder.records(), markers: folder.markers(), expected: expected)
            print(json ? try JSONOutput.text(summary) : Self.text(summary, expected: expected?.count))
            complete = summary.isComplete
        }
        if !complete { throw ExitCode.failure }
    }

    /// The summary for people: counts first, then one line per failed and missing input.
    static func text(_ summary: BatchSummary, expected: Int?) -> String {
        var lines = ["done: \(summary.done.count)\(expected.map { " of \($0)" } ?? "") (\(summary.skipped.count) kept from earlier attempts)",
                     "failed: \(summary.failed.count)"]
        lines += summary.failed.map { "  \($0.input): \($0.error)" }
        if expected != nil {
            lines.append("missing: \(summary.missing.count)")
            lines += summary.missing.map { "  \($0)" }
        }
        lines.append("completed shards: \(summary.completedShards.isEmpty ? "none" : summary.completedShards.joined(separator: ", "))")
        lines.append("records: \(summary.records)")
        return lines.joined(separator: "\n")
    }
}
