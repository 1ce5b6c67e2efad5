import Foundation

/// JSON as the command-line tool writes it: indented, keys sorted, slashes left unescaped, so
/// that the same results always give the same bytes.
enum JSONOutput {
    /// The encoded value.
    static func data<Value: Encodable>(_ value: Value) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// The encoded value as text, without a final newline.
    static func text<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}
