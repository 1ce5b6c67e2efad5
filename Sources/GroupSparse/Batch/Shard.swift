/// One part of a batch split among `count` independent tasks: the task numbered `index`, from 0.
///
/// Every task of a batch computes the same split on its own (see ``ShardAssignment``), so tasks
/// never need to talk to one another or to a coordinator.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// The task's number, from 0 to `count - 1`.
    public let index: Int
    /// How many tasks share the batch.
    public let count: Int

    /// The whole batch as one task.
    public static let whole = Shard(checkedIndex: 0, count: 1)

    /// A shard, checked.
    ///
    /// - Throws: ``ShardError/invalid(_:)`` unless `count >= 1` and `0 <= index < count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1 else { throw ShardError.invalid("the shard count must be at least 1, not \(count)") }
        guard (0..<count).contains(index) else {
            throw ShardError.invalid("shard index \(index) is outside 0..<\(count)")
        }
        self.init(checkedIndex: index, count: count)
    }

    /// The shard written `INDEX/COUNT`, as in `--shard 3/8`.
    ///
    /// - Throws: ``ShardError/invalid(_:)`` for any other text, or numbers out of range.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Self.number(parts[0]), let count = Self.number(parts[1]) else {
            throw ShardError.invalid("'\(text)' is not INDEX/COUNT (for example 0/4)")
        }
        try self.init(index: index, count: count)
    }

    private init(checkedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// `INDEX/COUNT`, the form ``init(parsing:)`` reads.
    public var description: String { "\(index)/\(count)" }

    /// Only plain decimal digits: a sign or spaces in a shard number is a mistake worth stopping for.
    static func number<Text: StringProtocol>(_ text: Text) -> Int? {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
        return Int(text)
    }
}

/// Why a shard could not be worked out.
public enum ShardError: Error, Equatable, CustomStringConvertible {
    /// The numbers or text do not describe a shard.
    case invalid(String)
    /// An engine variable is missing or malformed; names the variable.
    case environment(variable: String, reason: String)

    /// One line that names what is wrong.
    public var description: String {
        switch self {
        case .invalid(let reason): return reason
        case .environment(let variable, let reason): return "\(variable): \(reason)"
        }
    }
}
