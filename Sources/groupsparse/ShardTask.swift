import Foundation
import GroupSparse
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The work of one shard task: decide what to keep, denoise the rest one input at a time, rename
/// each output into place as soon as it is written, and record every input.
///
/// A bad input is recorded and the task goes on. Storage failures and stop signals end the task
/// with ``TransientFailure`` after the current input, since a retry keeps what is finished.
final class ShardTask {
    /// The denoised image and the sigma used.
    typealias Work = (Image) throws -> (image: Image, sigma: Double)

    let plan: BatchPlan
    let shard: Shard
    let items: [BatchPlan.Item]
    let records: RecordsFolder
    let settings: BatchSettings
    let force: Bool
    /// Set by SIGINT or SIGTERM; checked between inputs and, through the work, between batches of patches.
    let stop = StopRequest(announce: { printError($0) })
    private let attempt = UUID().uuidString.lowercased()
    private let staging = StagedFile()
    private var counts: [BatchRecord.Status: Int] = [:]

    init(plan: BatchPlan, shard: Shard, items: [BatchPlan.Item], records: RecordsFolder, settings: BatchSettings, force: Bool) {
        self.plan = plan
        self.shard = shard
        self.items = items
        self.records = records
        self.settings = settings
        self.force = force
    }

    func run(_ work: Work) throws {
        let decisions = try decide()
        let log = try openRecords()
        defer { try? log.close() }
        for (item, decision) in zip(items, decisions) {
            guard stop.shouldContinue else { break }
            StaleStagedFiles.remove(for: item.output)
            let record: BatchRecord?
            switch decision {
            case .skip: record = self.record(item, .skipped, sigma: nil, seconds: 0, error: nil)
            case .run: record = try process(item, work)
            case .refuse: continue
            }
            guard let record else { break }
            try write(record, to: log)
        }
        guard stop.shouldContinue else {
            throw TransientFailure("shard \(shard) stopped by a signal; finished outputs are kept, rerun the task to go on")
        }
        try writeMarker()
        printError("shard \(shard): \(counts[.done, default: 0]) done, \(counts[.skipped, default: 0]) skipped, "
                   + "\(counts[.failed, default: 0]) failed; records in \(records.url.path)")
    }

    /// Every decision up front: one output that may be neither kept nor replaced stops the task
    /// before it changes anything.
    private func decide() throws -> [ResumeDecision] {
        let latest = ResumeRule.latestOutputs(in: records.records())
        let decisions = items.map { item in
            ResumeRule.decide(output: item.output.path, outputExists: FileManager.default.fileExists(atPath: item.output.path),
                              latest: latest[item.relativePath], settings: settings, force: force)
        }
        let refusals = decisions.compactMap { decision -> String? in
            if case .refuse(let reason) = decision { return reason }
            return nil
        }
        if let first = refusals.first {
            throw BatchDataError(first + (refusals.count > 1 ? " (and \(refusals.count - 1) more)" : ""))
        }
        return decisions
    }

    /// The record of one denoised input, or `nil` when a stop signal abandoned it.
    private func process(_ item: BatchPlan.Item, _ work: Work) throws -> BatchRecord? {
        let start = Date()
        let result: (image: Image, sigma: Double)
        let noisy: DecodedImage
        do {
            noisy = try ImageFile.read(item.input)
            result = try work(noisy.image)
        } catch is CancellationError {
            return nil
        } catch {
            return record(item, .failed, sigma: nil, seconds: Date().timeIntervalSince(start), error: String(describing: error))
        }
        try place(result.image, at: item.output, matching: noisy)
        return record(item, .done, sigma: result.sigma, seconds: Date().timeIntervalSince(start), error: nil)
    }

    /// Writes the image under this task's staged name, then renames it over the output, so the
    /// output is always either absent or whole, whatever other copies of the task do.
    private func place(_ image: Image, at output: URL, matching source: DecodedImage) throws {
        let staged = staging.url(for: output)
        do {
            try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ImageFile.write(image, to: staged, matching: source)
        } catch {
            unlink(staged.path)
            throw TransientFailure("\(output.path): cannot write the output: "
                                   + String(describing: error).replacingOccurrences(of: staged.path, with: output.path))
        }
        guard rename(staged.path, output.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(staged.path)
            throw TransientFailure("\(output.path): cannot write the output: \(reason)")
        }
    }

    private func record(_ item: BatchPlan.Item, _ status: BatchRecord.Status, sigma: Double?, seconds: Double,
                        error: String?) -> BatchRecord {
        counts[status, default: 0] += 1
        if let error { printError("\(item.input.path): failed: \(error)") }
        return BatchRecord(input: item.input.path, output: item.output.path, relativePath: item.relativePath, status: status,
                           sigmaUsed: sigma, seconds: seconds, error: error, settings: settings,
                           shard: shard.description, attempt: attempt, finished: BatchRecord.timestamp())
    }

    private func openRecords() throws -> FileHandle {
        let file = records.recordsFile(shard: shard, attempt: attempt)
        do {
            try FileManager.default.createDirectory(at: records.url, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                throw TransientFailure("cannot create the file")
            }
            return try FileHandle(forWritingTo: file)
        } catch {
            throw TransientFailure("\(file.path): cannot write the records: \(error)")
        }
    }

    /// One write per record, flushed, so a killed task leaves at most its last line torn.
    private func write(_ record: BatchRecord, to log: FileHandle) throws {
        do {
            try log.write(contentsOf: record.jsonLine())
            try log.synchronize()
        } catch {
            throw TransientFailure("\(records.url.path): cannot write the records: \(error)")
        }
    }

    private func writeMarker() throws {
        let marker = CompletionMarker(shard: shard.description, attempt: attempt, done: counts[.done, default: 0],
                                      skipped: counts[.skipped, default: 0], failed: counts[.failed, default: 0],
                                      finished: BatchRecord.timestamp())
        do {
            try JSONOutput.data(marker).write(to: records.marker(shard: shard, attempt: attempt), options: .atomic)
        } catch {
            throw TransientFailure("\(records.url.path): cannot write the completion marker: \(error)")
        }
    }
}
