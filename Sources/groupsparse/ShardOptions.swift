import ArgumentParser
import Foundation
import GroupSparse

/// The options that turn `denoise` into one task of a sharded batch.
///
/// Shard mode starts only when asked for on the command line: `--manifest`, `--shard` or
/// `--shard-count`. Engine variables are read only then (with `--manifest` and no `--shard`, or with
/// `--shard auto`), so a plain `denoise` inside a Slurm array job or a Kubernetes pod behaves
/// exactly as anywhere else.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "A text file of input paths, one per line, relative to its own folder or absolute; starts shard mode.",
        valueName: "file"))
    var manifest: String?

    @Option(help: ArgumentHelp(
        "This task's part of the batch, from 0; auto (the default with --manifest) reads it from the batch engine.",
        valueName: "index/count|auto"))
    var shard: String?

    @Option(help: ArgumentHelp(
        "The number of tasks of a Kubernetes Indexed Job (its completions), which Kubernetes does not export.",
        valueName: "count"))
    var shardCount: Int?

    @Option(help: ArgumentHelp(
        "Outputs mirror each input's path below this folder (default: the folder input, or the inputs' common folder).",
        valueName: "folder"))
    var root: String?

    @Option(help: ArgumentHelp("Where tasks write their records (default: OUTPUT/.groupsparse).", valueName: "folder"))
    var records: String?

    @Flag(help: "Redo outputs that exist, even when their records show other settings or no record exists.")
    var force = false

    /// Whether this run is a shard task.
    var isRequested: Bool { manifest != nil || shard != nil || shardCount != nil }

    func validate() throws {
        guard !isRequested else { return }
        if root != nil || records != nil || force {
            throw ValidationError("--root, --records and --force work in shard mode only: add --manifest or --shard")
        }
    }

    /// The shard of this task and a few words on where it came from.
    func resolve(environment: [String: String]) throws -> (shard: Shard, origin: String) {
        if let shard, shard != "auto" { return (try Shard(parsing: shard), "--shard") }
        if let found = try ShardEnvironment.detect(in: environment, completionCount: shardCount) {
            return (found.shard, "\(found.variable)=\(environment[found.variable] ?? "")")
        }
        if shard == "auto" || shardCount != nil {
            throw UsageError("--shard auto: no batch engine variable is set (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, "
                             + "AWS_BATCH_JOB_ARRAY_INDEX or BATCH_TASK_INDEX); pass --shard INDEX/COUNT")
        }
        return (.whole, "no engine variable: the whole batch")
    }

    /// The batch these options and `inputs` describe.
    func plan(inputs: [String], output: String) throws -> BatchPlan {
        try BatchInputs.plan(manifest: manifest, inputs: inputs, root: root, output: output)
    }

    /// The records folder for a batch written to `outputFolder`.
    func recordsFolder(outputFolder: URL) -> RecordsFolder {
        records.map { RecordsFolder(url: URL(fileURLWithPath: $0, isDirectory: true)) } ?? RecordsFolder(outputFolder: outputFolder)
    }
}
