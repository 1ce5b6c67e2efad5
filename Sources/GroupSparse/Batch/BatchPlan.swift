import Foundation

/// Every input of a sharded batch with the output it mirrors, and the rule that splits them among
/// tasks.
///
/// Each output is the input's path relative to the root, below the output folder: `root/a/b.png`
/// goes to `output/a/b.png`. Items are sorted by that relative path, and the item at sorted
/// position `i` belongs to shard `i mod count`. The rule needs nothing but the list, so every task
/// finds the same split on any machine, and consecutive names (often similar in size) spread over
/// all tasks instead of landing on one.
public struct BatchPlan: Sendable {
    /// One input and where its result goes.
    public struct Item: Sendable, Equatable {
        /// The image to denoise.
        public var input: URL
        /// The file its result is written to.
        public var output: URL
        /// The input's path below the root, which is also the output's below the output folder.
        public var relativePath: String
    }

    /// Every item of the batch, in sorted order.
    public let items: [Item]
    /// The folder that inputs' paths are taken relative to.
    public let root: URL
    /// The folder that outputs are written under.
    public let outputFolder: URL

    /// The plan for `inputs`, checked before any work starts.
    ///
    /// - Parameters:
    ///   - root: The folder outputs mirror; `nil` takes the deepest folder holding every input.
    /// - Throws: ``BatchPlanError`` when an input is outside `root`, two inputs would share an
    ///   output (the same file listed twice included), or an output would replace an input.
    public init(inputs: [URL], root: URL? = nil, outputFolder: URL) throws {
        let files = inputs.map(\.standardizedFileURL)
        let root = (root ?? Self.commonFolder(of: files)).standardizedFileURL
        let outputFolder = outputFolder.standardizedFileURL
        var items: [Item] = []
        for input in files {
            guard let relative = Self.relativePath(of: input, below: root) else {
                throw BatchPlanError.outsideRoot(input: input.path, root: root.path)
            }
            items.append(Item(input: input, output: outputFolder.appendingPathComponent(relative), relativePath: relative))
        }
        items.sort { $0.relativePath < $1.relativePath }
        try Self.checkDistinct(items)
        self.items = items
        self.root = root
        self.outputFolder = outputFolder
    }

    /// The items that `shard` works on, in sorted order.
    public func items(for shard: Shard) -> [Item] {
        items.indices.filter { $0 % shard.count == shard.index }.map { items[$0] }
    }

    /// The deepest folder that holds every file, `/` at the least.
    public static func commonFolder(of files: [URL]) -> URL {
        let folders = files.map { $0.standardizedFileURL.deletingLastPathComponent().pathComponents }
        guard var common = folders.first else { return URL(fileURLWithPath: "/") }
        for folder in folders.dropFirst() {
            common = Array(zip(common, folder).prefix { $0 == $1 }.map(\.0))
        }
        return URL(fileURLWithPath: NSString.path(withComponents: common.isEmpty ? ["/"] : common), isDirectory: true)
    }

    private static func relativePath(of file: URL, below root: URL) -> String? {
        let fileParts = file.pathComponents, rootParts = root.pathComponents
        guard fileParts.count > rootParts.count, Array(fileParts.prefix(rootParts.count)) == rootParts else { return nil }
        return fileParts.dropFirst(rootParts.count).joined(separator: "/")
    }

    /// Sorted items sharing a relative path are neighbours, so one pass finds every clash.
    private static func checkDistinct(_ items: [Item]) throws {
        for (first, second) in zip(items, items.dropFirst()) where first.relativePath == second.relativePath {
            throw BatchPlanError.sameOutput(first: first.input.path, second: second.input.path, output: first.output.path)
        }
        let inputs = Set(items.map(\.input.path))
        if let clash = items.first(where: { inputs.contains($0.output.path) }) {
            throw BatchPlanError.overwritesInput(input: clash.input.path, output: clash.output.path)
        }
    }
}
