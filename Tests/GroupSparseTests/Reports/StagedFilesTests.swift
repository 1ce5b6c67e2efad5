import Foundation
import XCTest
import GroupSparse
@testable import GroupSparseReports

final class StagedFilesTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("StagedFilesTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    private func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func testFilesAppearOnlyOnCommit() throws {
        let files = StagedFiles()
        try files.stage(Data("a".utf8), at: folder.appendingPathComponent("a.md"))
        try files.stage(Data("b".utf8), at: folder.appendingPathComponent("b.svg"))
        XCTAssertEqual(try names().filter { !$0.hasPrefix(".") }, [])
        try files.commit()
        XCTAssertEqual(try names(), ["a.md", "b.svg"])
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("b.svg"), encoding: .utf8), "b")
    }

    func testAFailedStageRemovesWhatWasStagedBefore() throws {
        let files = StagedFiles()
        try files.stage(Data("a".utf8), at: folder.appendingPathComponent("a.md"))
        let unwritable = folder.appendingPathComponent("missing/b.png")
        XCTAssertThrowsError(try files.stage(Data("b".utf8), at: unwritable)) { error in
            guard case let ImageCodecError.writeFailed(path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, unwritable.path)
        }
        try files.commit()
        XCTAssertEqual(try names(), [])
    }

    func testDiscardLeavesNothing() throws {
        let files = StagedFiles()
        try files.stage(Data("a".utf8), at: folder.appendingPathComponent("a.md"))
        files.discard()
        try files.commit()
        XCTAssertEqual(try names(), [])
    }
}
