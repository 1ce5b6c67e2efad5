/// A GitHub-flavoured Markdown table whose columns are padded to a common width, so that the
/// source reads as a table too.
public struct MarkdownTable: Sendable, Equatable {
    /// How the cells of a column are aligned.
    public enum Alignment: Sendable {
        /// Flush left (`---`).
        case left
        /// Flush right (`--:`), for numbers.
        case right
    }

    /// The column headings.
    public var header: [String]
    /// One alignment per column.
    public var alignments: [Alignment]
    /// The rows, each with one cell per column.
    public var rows: [[String]] = []

    /// Creates a table with no rows.
    ///
    /// - Parameter alignments: One per heading; `nil` aligns the first column left and the
    ///   others right.
    public init(header: [String], alignments: [Alignment]? = nil) {
        precondition(!header.isEmpty, "a table needs at least one column")
        precondition(alignments.map { $0.count == header.count } ?? true, "one alignment per column")
        self.header = header
        self.alignments = alignments ?? [.left] + Array(repeating: .right, count: header.count - 1)
    }

    /// Appends a row.
    ///
    /// - Precondition: the row has one cell per column.
    public mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "a row needs \(header.count) cells, not \(row.count)")
        rows.append(row)
    }

    /// The table as Markdown lines, ending with a newline.
    ///
    /// Pipes in cells are escaped and line breaks become spaces, so no cell can break the table.
    public func rendered() -> String {
        let cells = ([header] + rows).map { $0.map(Self.escaped) }
        let widths = header.indices.map { column in max(3, cells.map { $0[column].count }.max() ?? 0) }
        func line(_ row: [String]) -> String {
            let padded = row.indices.map { column -> String in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                return alignments[column] == .right ? padding + row[column] : row[column] + padding
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = "| " + header.indices.map { column in
            alignments[column] == .right
                ? String(repeating: "-", count: widths[column] - 1) + ":"
                : String(repeating: "-", count: widths[column])
        }.joined(separator: " | ") + " |"
        return ([line(cells[0]), rule] + cells.dropFirst().map(line)).joined(separator: "\n") + "\n"
    }

    private static func escaped(_ cell: String) -> String {
        cell.replacingOccurrences(of: "|", with: "\\|")
            .split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
