/// The merged outcome of every task of a batch: what is done, what failed and why, and what no task
/// has reported yet.
///
/// Each input counts once, by its newest record: an input that failed in one attempt and was done
/// in a later one is done. Inputs are named by their path below the batch root.
public struct BatchSummary: Codable, Sendable, Equatable {
    /// An input whose newest record is a failure.
    public struct Failure: Codable, Sendable, Equatable {
        /// The input's path below the root.
        public var input: String
        /// The error recorded.
        public var error: String

        /// A failed input and its error.
        public init(input: String, error: String) {
            self.input = input
            self.error = error
        }
    }

    /// Inputs written by some attempt and not failed since, sorted.
    public var done: [String]
    /// Of those, the ones the newest attempt kept from an earlier one.
    public var skipped: [String]
    /// Inputs that failed, sorted.
    public var failed: [Failure]
    /// Expected inputs with no record at all, sorted; empty when no input list was given.
    public var missing: [String]
    /// The shards with a completion marker, `INDEX/COUNT`, sorted and without repeats.
    public var completedShards: [String]
    /// Records read, over every attempt.
    public var records: Int

    /// Whether every expected input is done.
    public var isComplete: Bool { failed.isEmpty && missing.isEmpty }

    /// The summary of `records` and `markers`.
    ///
    /// - Parameter expected: The relative paths the batch should hold, to find missing inputs;
    ///   `nil` to report only what the records show.
    public init(records: [BatchRecord], markers: [CompletionMarker], expected: [String]? = nil) {
        var newest: [String: BatchRecord] = [:]
        for record in records {
            if let known = newest[record.relativePath], known.finished > record.finished { continue }
            newest[record.relativePath] = record
        }
        let final = newest.values.sorted { $0.relativePath < $1.relativePath }
        done = final.filter { $0.status != .failed }.map(\.relativePath)
        skipped = final.filter { $0.status == .skipped }.map(\.relativePath)
        failed = final.filter { $0.status == .failed }.map { Failure(input: $0.relativePath, error: $0.error ?? "unknown error") }
        missing = (expected ?? []).filter { newest[$0] == nil }.sorted()
        completedShards = Set(markers.map(\.shard)).sorted { $0.shardOrder.lexicographicallyPrecedes($1.shardOrder) }
        self.records = records.count
    }
}

private extension String {
    /// Shards sort by number, not text: `2/12` before `10/12`.
    var shardOrder: [Int] { split(separator: "/").map { Int($0) ?? 0 } }
}
