import XCTest
import GroupSparse

final class BatchPlanTests: XCTestCase {
    private let output = URL(fileURLWithPath: "/out", isDirectory: true)

    private func files(_ paths: [String]) -> [URL] { paths.map { URL(fileURLWithPath: $0) } }

    func testEveryInputGoesToExactlyOneShardBySortedPosition() throws {
        let names = (0..<23).map { String(format: "/data/%02d.png", $0) }.shuffled()
        let plan = try BatchPlan(inputs: files(names), outputFolder: output)
        let shards = try (0..<4).map { try plan.items(for: Shard(index: $0, count: 4)).map(\.relativePath) }
        XCTAssertEqual(shards[1], ["01.png", "05.png", "09.png", "13.png", "17.png", "21.png"])
        XCTAssertEqual(shards.flatMap { $0 }.sorted(), plan.items.map(\.relativePath))
        XCTAssertEqual(Set(shards.flatMap { $0 }).count, 23)
        XCTAssertEqual(shards.map(\.count), [6, 6, 6, 5])
        // The same list in another order gives the same split.
        let again = try BatchPlan(inputs: files(names.reversed()), outputFolder: output)
        XCTAssertEqual(try again.items(for: Shard(index: 1, count: 4)).map(\.relativePath), shards[1])
    }

    func testOutputsMirrorPathsBelowTheCommonFolder() throws {
        let plan = try BatchPlan(inputs: files(["/data/a/x.png", "/data/b/c/y.npy", "/data/a/../z.png"]), outputFolder: output)
        XCTAssertEqual(plan.root.path, "/data")
        XCTAssertEqual(plan.items.map(\.relativePath), ["a/x.png", "b/c/y.npy", "z.png"])
        XCTAssertEqual(plan.items.map(\.output.path), ["/out/a/x.png", "/out/b/c/y.npy", "/out/z.png"])
    }

    func testAnExplicitRootMustHoldEveryInput() throws {
        let plan = try BatchPlan(inputs: files(["/data/a/x.png"]), root: URL(fileURLWithPath: "/data"), outputFolder: output)
        XCTAssertEqual(plan.items.map(\.output.path), ["/out/a/x.png"])
        XCTAssertThrowsError(try BatchPlan(inputs: files(["/data/a/x.png", "/other/y.png"]),
                                           root: URL(fileURLWithPath: "/data"), outputFolder: output)) { error in
            XCTAssertEqual(error as? BatchPlanError, .outsideRoot(input: "/other/y.png", root: "/data"))
        }
    }

    func testTwoInputsForOneOutputAreRefused() {
        XCTAssertThrowsError(try BatchPlan(inputs: files(["/data/a.png", "/data/./a.png"]), outputFolder: output)) { error in
            XCTAssertEqual(error as? BatchPlanError, .sameOutput(first: "/data/a.png", second: "/data/a.png", output: "/out/a.png"))
        }
    }

    func testAnOutputMayNotReplaceAnInput() {
        XCTAssertThrowsError(try BatchPlan(inputs: files(["/data/a.png", "/data/out/a.png"]), root: URL(fileURLWithPath: "/data"),
                                           outputFolder: URL(fileURLWithPath: "/data/out"))) { error in
            guard case .overwritesInput = error as? BatchPlanError else { return XCTFail("\(error)") }
        }
    }

    func testCommonFolder() {
        XCTAssertEqual(BatchPlan.commonFolder(of: files(["/a/b/c.png", "/a/b/d/e.png"])).path, "/a/b")
        XCTAssertEqual(BatchPlan.commonFolder(of: files(["/a/c.png", "/b/e.png"])).path, "/")
        XCTAssertEqual(BatchPlan.commonFolder(of: files(["/a/b/c.png"])).path, "/a/b")
    }

    func testManifestEntriesAreRelativeToItsFolder() {
        let text = "a.png\n  sub/b.png  \n\n# a comment\n/abs/c.png\r\n../d.png\n"
        let entries = Manifest.entries(in: text, relativeTo: URL(fileURLWithPath: "/lists", isDirectory: true))
        XCTAssertEqual(entries.map(\.path), ["/lists/a.png", "/lists/sub/b.png", "/abs/c.png", "/d.png"])
    }

    func testUnreadableOrEmptyManifestsAreRefused() throws {
        XCTAssertThrowsError(try Manifest.read(URL(fileURLWithPath: "/no/such/manifest.txt")))
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("empty-\(UUID().uuidString).txt")
        try Data("# nothing\n\n".utf8).write(to: empty)
        defer { try? FileManager.default.removeItem(at: empty) }
        XCTAssertThrowsError(try Manifest.read(empty)) { error in
            guard case .unreadableManifest = error as? BatchPlanError else { return XCTFail("\(error)") }
        }
    }
}
