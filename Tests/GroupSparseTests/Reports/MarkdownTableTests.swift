import XCTest
@testable import GroupSparseReports

final class MarkdownTableTests: XCTestCase {
    func testColumnsArePaddedAndAligned() {
        var table = MarkdownTable(header: ["Model", "PSNR"])
        table.append(["SC", "29.20"])
        table.append(["GroupSC", "29.7"])
        XCTAssertEqual(table.rendered(), """
            | Model   |  PSNR |
            | ------- | ----: |
            | SC      | 29.20 |
            | GroupSC |  29.7 |

            """)
    }

    func testNarrowColumnsKeepAThreeDashRuleAndAlignmentsCanBeChosen() {
        var table = MarkdownTable(header: ["a", "b"], alignments: [.right, .left])
        table.append(["1", "x"])
        XCTAssertEqual(table.rendered(), "|   a | b   |\n| --: | --- |\n|   1 | x   |\n")
    }

    func testPipesAndLineBreaksCannotBreakTheTable() {
        var table = MarkdownTable(header: ["cell"])
        table.append(["a|b\nc"])
        XCTAssertEqual(table.rendered().split(separator: "\n").last, #"| a\|b c |"#)
    }
}
