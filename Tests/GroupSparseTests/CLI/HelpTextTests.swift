import Foundation
import XCTest

/// The help a user reads in an 80-column terminal.
final class HelpTextTests: XCTestCase {
    private func help(_ arguments: [String]) throws -> String {
        let result = try CommandLineTool().run(arguments + ["--help"], in: FileManager.default.temporaryDirectory,
                                               environment: ["COLUMNS": "80"])
        XCTAssertEqual(result.status, 0, result.standardError)
        return result.standardOutput
    }

    private func subcommands() throws -> [String] {
        let lines = try help([]).components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "SUBCOMMANDS:") else { return [] }
        return lines[(start + 1)...].prefix { !$0.isEmpty }.compactMap { line in
            // Subcommand names sit at a two-space indent; wrapped abstracts are indented further.
            line.hasPrefix("  ") && !line.hasPrefix("   ") ? line.split(separator: " ").first.map(String.init) : nil
        }
    }

    /// Every example fits on its lines: a command too long for 80 columns continues with a
    /// backslash onto an indented line, instead of being wrapped into the margin where a shell
    /// would read the rest as a new command.
    func testExamplesFitEightyColumnsAndCanBePasted() throws {
        let commands = try subcommands()
        XCTAssertTrue(commands.contains("denoise") && commands.contains("train"), "\(commands)")
        for command in [[]] + commands.map({ [$0] }) {
            let lines = try help(command).components(separatedBy: "\n")
            guard let start = lines.firstIndex(of: "Examples:") else { continue }
            let examples = lines[(start + 1)...].prefix { !$0.isEmpty }
            XCTAssertFalse(examples.isEmpty, "\(command)")
            for (index, line) in zip(examples.indices, examples) {
                XCTAssertLessThanOrEqual(line.count, 80, "\(command): \(line)")
                XCTAssertTrue(line.hasPrefix("  "), "\(command): an example wrapped into '\(line)'")
                if line.hasPrefix("    ") {
                    XCTAssertTrue(lines[index - 1].hasSuffix(" \\"), "\(command): '\(line)' continues nothing")
                } else {
                    XCTAssertTrue(line.hasPrefix("  groupsparse "), "\(command): '\(line)'")
                }
            }
        }
    }
}
