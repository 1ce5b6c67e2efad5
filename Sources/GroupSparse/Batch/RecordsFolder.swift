import Foundation

/// The folder where the tasks of a batch leave their records: by default `.groupsparse` in the
/// output folder.
///
/// Each task attempt writes its own file, `shard-IIII-of-NNNN.<attempt>.jsonl`, and, once its
/// shard is finished, a marker `shard-IIII-of-NNNN.<attempt>.complete`. No two attempts ever write
/// one file, because appends from several hosts are not atomic on network file systems.
public struct RecordsFolder: Sendable {
    /// The folder.
    public let url: URL

    /// The records folder at `url`.
    public init(url: URL) {
        self.url = url
    }

    /// The default: `.groupsparse` inside the output folder.
    public init(outputFolder: URL) {
        self.init(url: outputFolder.appendingPathComponent(".groupsparse", isDirectory: true))
    }

    /// The stem shared by an attempt's records file and marker.
    public static func stem(shard: Shard, attempt: String) -> String {
        "shard-\(padded(shard.index))-of-\(padded(shard.count)).\(attempt)"
    }

    /// The records file of one attempt.
    public func recordsFile(shard: Shard, attempt: String) -> URL {
        url.appendingPathComponent(Self.stem(shard: shard, attempt: attempt) + ".jsonl")
    }

    /// The completion marker of one attempt.
    public func marker(shard: Shard, attempt: String) -> URL {
        url.appendingPathComponent(Self.stem(shard: shard, attempt: attempt) + ".complete")
    }

    /// Every record of every attempt, oldest first; an empty list when the folder does not exist.
    public func records() -> [BatchRecord] {
        files(ending: ".jsonl")
            .flatMap { BatchRecord.records(inJSONLines: (try? Data(contentsOf: $0)) ?? Data()) }
            .sorted { $0.finished < $1.finished }
    }

    /// Every completion marker.
    public func markers() -> [CompletionMarker] {
        files(ending: ".complete").compactMap { file in
            (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(CompletionMarker.self, from: $0) }
        }
    }

    private func files(ending suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted().map { url.appendingPathComponent($0) }
    }

    private static func padded(_ number: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

/// What a finished task attempt says about itself: written last, so its presence means the shard
/// went through every input.
public struct CompletionMarker: Codable, Sendable, Equatable {
    /// The shard, `INDEX/COUNT`.
    public var shard: String
    /// The attempt.
    public var attempt: String
    /// Inputs denoised, kept and failed.
    public var done: Int, skipped: Int, failed: Int
    /// When the attempt finished, ISO 8601.
    public var finished: String
    /// The program version.
    public var version: String

    /// A marker with every field given.
    public init(shard: String, attempt: String, done: Int, skipped: Int, failed: Int, finished: String,
                version: String = ProgramVersion.current) {
        self.shard = shard
        self.attempt = attempt
        self.done = done
        self.skipped = skipped
        self.failed = failed
        self.finished = finished
        self.version = version
    }
}
