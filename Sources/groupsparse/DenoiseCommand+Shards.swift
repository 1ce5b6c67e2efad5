import Foundation
import GroupSparse

extension DenoiseCommand {
    /// One task of a sharded batch: plans the whole batch, works on this task's part, and keeps
    /// every finished output even when stopped part-way.
    func runShards() throws {
        try reportingBatchFailures {
            let level = try SigmaParsing.noiseLevel(sigma)
            let factor = try SigmaParsing.strength(strength)
            let colourHandlings = try ColourOption.list(colour)
            guard colourHandlings.count == 1 else {
                throw UsageError("--colour '\(colour)': denoise takes one colour handling, opponent or separate")
            }
            let environment = ProcessInfo.processInfo.environment
            let (shard, origin) = try shards.resolve(environment: environment)
            let plan = try shards.plan(inputs: inputs, output: output)
            // The engine may confine the task to fewer CPUs than the machine has.
            let threadCount = try SigmaParsing.threadCount(threads) ?? TaskCPUs.current()
            let denoiser = try ModelArgument.load(model)
            let settings = BatchSettings(
                modelDigest: try denoiser.weightsDigest(), sigma: Self.settingText(level), strength: factor,
                colour: colour.lowercased())
            let mine = plan.items(for: shard)
            printError("shard \(shard) (\(origin)): \(mine.count) of \(plan.items.count) inputs, \(threadCount) "
                       + "thread\(threadCount == 1 ? "" : "s")\(threads == nil ? " (the CPUs this task may use)" : "")")
            let task = ShardTask(
                plan: plan, shard: shard, items: mine, records: shards.recordsFolder(outputFolder: plan.outputFolder),
                settings: settings, force: shards.force)
            try task.run { image in
                try denoiser.denoiseStoppably(image, level: level, strength: factor, threads: threadCount,
                                              colour: colourHandlings[0], stop: task.stop)
            }
        }
    }

    /// The sigma setting as records store it: `auto` or the number.
    private static func settingText(_ level: NoiseLevel) -> String {
        switch level {
        case .estimate: return "auto"
        case .value(let value): return String(value)
        }
    }
}
