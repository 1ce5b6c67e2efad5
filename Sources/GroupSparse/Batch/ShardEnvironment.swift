/// The shard of a task run by a batch engine, read from the variables the engine sets.
///
/// Engines are tried in this order, and the first whose index variable is set wins:
///
/// | Engine | Index | Count |
/// |---|---|---|
/// | Slurm job array | `(SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN) / SLURM_ARRAY_TASK_STEP` | `SLURM_ARRAY_TASK_COUNT`, else `(MAX - MIN) / STEP + 1` |
/// | Kubernetes Indexed Job | `JOB_COMPLETION_INDEX` | given by the caller (`--shard-count`), since Kubernetes does not export it |
/// | AWS Batch array job | `AWS_BATCH_JOB_ARRAY_INDEX` | `AWS_BATCH_JOB_ARRAY_SIZE` |
/// | Google Cloud Batch | `BATCH_TASK_INDEX` | `BATCH_TASK_COUNT` |
///
/// A Slurm array given as an index list (`--array=1,5,9`) has no arithmetic relation between task
/// ids and positions; such tasks are refused and need an explicit shard.
public struct ShardEnvironment: Sendable, Equatable {
    /// The shard of this task.
    public let shard: Shard
    /// The variable the index came from, for the task to print.
    public let variable: String

    /// A shard and the variable it came from.
    public init(shard: Shard, variable: String) {
        self.shard = shard
        self.variable = variable
    }

    /// The shard the engine variables in `environment` describe, or `nil` when none is set.
    ///
    /// - Parameter completionCount: The count for a Kubernetes Indexed Job (its `completions`).
    /// - Throws: ``ShardError/environment(variable:reason:)`` when the engine's variables are
    ///   malformed or inconsistent, or a Kubernetes index comes without `completionCount`.
    public static func detect(in environment: [String: String], completionCount: Int? = nil) throws -> ShardEnvironment? {
        if environment["SLURM_ARRAY_TASK_ID"] != nil { return try slurm(environment) }
        if environment["JOB_COMPLETION_INDEX"] != nil {
            guard let completionCount else {
                throw ShardError.environment(variable: "JOB_COMPLETION_INDEX",
                                             reason: "Kubernetes does not give the completion count; pass --shard-count")
            }
            return try indexed(environment, index: "JOB_COMPLETION_INDEX", count: completionCount)
        }
        if environment["AWS_BATCH_JOB_ARRAY_INDEX"] != nil {
            return try indexed(environment, index: "AWS_BATCH_JOB_ARRAY_INDEX",
                               count: number("AWS_BATCH_JOB_ARRAY_SIZE", in: environment))
        }
        if environment["BATCH_TASK_INDEX"] != nil {
            return try indexed(environment, index: "BATCH_TASK_INDEX", count: number("BATCH_TASK_COUNT", in: environment))
        }
        return nil
    }

    private static func slurm(_ environment: [String: String]) throws -> ShardEnvironment {
        let variable = "SLURM_ARRAY_TASK_ID"
        let id = try number(variable, in: environment)
        let minimum = try number("SLURM_ARRAY_TASK_MIN", in: environment)
        let step = try environment["SLURM_ARRAY_TASK_STEP"] == nil ? 1 : number("SLURM_ARRAY_TASK_STEP", in: environment)
        guard step >= 1 else { throw ShardError.environment(variable: "SLURM_ARRAY_TASK_STEP", reason: "must be at least 1") }
        var count: Int?
        if environment["SLURM_ARRAY_TASK_MAX"] != nil {
            let maximum = try number("SLURM_ARRAY_TASK_MAX", in: environment)
            guard maximum >= minimum else {
                throw ShardError.environment(variable: "SLURM_ARRAY_TASK_MAX", reason: "is below SLURM_ARRAY_TASK_MIN")
            }
            count = (maximum - minimum) / step + 1
        }
        if environment["SLURM_ARRAY_TASK_COUNT"] != nil {
            let given = try number("SLURM_ARRAY_TASK_COUNT", in: environment)
            // A range has as many tasks as steps from min to max; an index list such as 1,5,7 has fewer,
            // and its task ids say nothing about positions.
            if let count, count != given {
                throw ShardError.environment(
                    variable: "SLURM_ARRAY_TASK_COUNT",
                    reason: "\(given) tasks do not fill the range \(minimum)-\(minimum + (count - 1) * step); "
                        + "arrays given as index lists need an explicit --shard INDEX/COUNT")
            }
            count = given
        }
        guard let count else { throw ShardError.environment(variable: "SLURM_ARRAY_TASK_COUNT", reason: "is not set, nor SLURM_ARRAY_TASK_MAX") }
        let offset = id - minimum
        guard offset >= 0, offset % step == 0, let shard = try? Shard(index: offset / step, count: count) else {
            throw ShardError.environment(
                variable: variable,
                reason: "task \(id) is not on the array's range (min \(minimum), step \(step), \(count) tasks); "
                    + "arrays given as index lists need an explicit --shard INDEX/COUNT")
        }
        return ShardEnvironment(shard: shard, variable: variable)
    }

    private static func indexed(_ environment: [String: String], index variable: String, count: Int) throws -> ShardEnvironment {
        let index = try number(variable, in: environment)
        do {
            return ShardEnvironment(shard: try Shard(index: index, count: count), variable: variable)
        } catch let error as ShardError {
            throw ShardError.environment(variable: variable, reason: error.description)
        }
    }

    private static func number(_ variable: String, in environment: [String: String]) throws -> Int {
        guard let text = environment[variable] else { throw ShardError.environment(variable: variable, reason: "is not set") }
        guard let value = Shard.number(text) else {
            throw ShardError.environment(variable: variable, reason: "'\(text)' is not a non-negative integer")
        }
        return value
    }
}
