import Foundation

/// What one task attempt did with one input: one line of a JSON Lines records file.
public struct BatchRecord: Codable, Sendable, Equatable {
    /// How the input ended.
    public enum Status: String, Codable, Sendable {
        /// Denoised and written.
        case done
        /// Left alone: an earlier attempt already wrote it with the same settings.
        case skipped
        /// Could not be denoised; ``BatchRecord/error`` says why.
        case failed
    }

    /// The input's path.
    public var input: String
    /// The output's path.
    public var output: String
    /// The input's path below the batch root, the same for every task and machine.
    public var relativePath: String
    /// How it ended.
    public var status: Status
    /// The sigma used (given or estimated), on the 0-255 scale, when the image was denoised.
    public var sigmaUsed: Double?
    /// Seconds spent on this input, reading and writing included.
    public var seconds: Double
    /// Why it failed.
    public var error: String?
    /// The settings it was (or would have been) made with.
    public var settings: BatchSettings
    /// The shard, `INDEX/COUNT`.
    public var shard: String
    /// The attempt that wrote the record; every run of a task is a new attempt.
    public var attempt: String
    /// When the input was finished, as ISO 8601 text in UTC.
    public var finished: String

    /// A record with every field given.
    public init(input: String, output: String, relativePath: String, status: Status, sigmaUsed: Double?, seconds: Double,
                error: String?, settings: BatchSettings, shard: String, attempt: String, finished: String) {
        self.input = input
        self.output = output
        self.relativePath = relativePath
        self.status = status
        self.sigmaUsed = sigmaUsed
        self.seconds = seconds
        self.error = error
        self.settings = settings
        self.shard = shard
        self.attempt = attempt
        self.finished = finished
    }

    /// The record as one line of JSON, keys sorted, with its final newline.
    public func jsonLine() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// The records of a JSON Lines text. A line that does not decode, such as the last one of a
    /// task killed mid-write, is left out rather than failing the whole file.
    public static func records(inJSONLines data: Data) -> [BatchRecord] {
        let decoder = JSONDecoder()
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(BatchRecord.self, from: Data($0)) }
    }

    /// The current time as record text: ISO 8601 with milliseconds, so records sort by time.
    public static func timestamp(_ date: Date = Date()) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
