import Foundation
import GroupSparse
import XCTest

/// Docs/API.md promises that every snippet on the page compiles against the current API. The
/// snippets are compiled as part of this test target (`DocumentedSnippets`); these tests tie the page
/// to that file, so a snippet edited on the page but not in the file, or the reverse, fails here.
final class APISnippetTests: XCTestCase {
    private static let page = SampleCrops.packageRoot.appendingPathComponent("Docs/API.md")
    private static let compiled = SampleCrops.packageRoot
        .appendingPathComponent("Tests/GroupSparseTests/API/DocumentedSnippets.swift")

    /// The Swift code blocks of the page, each as its lines with surrounding blanks trimmed.
    private func snippets() throws -> [[String]] {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        var blocks: [[String]] = []
        var current: [String]?
        for line in text.components(separatedBy: "\n") {
            if current == nil, line == "```swift" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!)
                current = nil
            } else {
                current?.append(line.trimmingCharacters(in: .whitespaces))
            }
        }
        XCTAssertNil(current, "an unterminated code block in API.md")
        return blocks
    }

    func testEverySnippetIsCompiledByTheTests() throws {
        let blocks = try snippets()
        XCTAssertGreaterThan(blocks.count, 10)
        // The first block is the user's Package.swift, a manifest rather than library code.
        XCTAssertEqual(blocks.first?.first, "// swift-tools-version:6.0")
        let compiled = try String(contentsOf: Self.compiled, encoding: .utf8)
            .components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, block) in blocks.enumerated().dropFirst() {
            let found = compiled.indices.contains { start in
                start + block.count <= compiled.count && Array(compiled[start..<start + block.count]) == block
            }
            XCTAssertTrue(found, "API.md snippet \(index + 1), starting '\(block.first ?? "")', is not in DocumentedSnippets.swift")
        }
    }

    func testThePageNamesTheDefaultModel() throws {
        let text = try String(contentsOf: Self.page, encoding: .utf8)
        XCTAssertTrue(text.contains("`\(PretrainedModel.default.rawValue)`, which is `PretrainedModel.default`"))
    }
}
