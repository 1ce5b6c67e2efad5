import Benchmark
import GroupSparse

/// How long a stage may run: cheap stages repeat until a few seconds have passed, whole-image
/// denoising runs a handful of times with no warm-up, so that the suite stays within minutes on a
/// 2-core machine.
enum StageBudget {
    case cheap
    case expensive(iterations: Int, seconds: Int)
}

/// What one run of a stage processes, which sets the unit of its throughput.
enum StageWork {
    /// Pixels of an image.
    case pixels(Int)
    /// Patches of a batch.
    case patches(Int)

    static let pixelsPerSecond = BenchmarkMetric.custom("Pixels per second", polarity: .prefersLarger, useScalingFactor: false)
    static let patchesPerSecond = BenchmarkMetric.custom("Patches per second", polarity: .prefersLarger, useScalingFactor: false)

    var metric: BenchmarkMetric {
        switch self {
        case .pixels: return Self.pixelsPerSecond
        case .patches: return Self.patchesPerSecond
        }
    }

    var count: Int {
        switch self {
        case .pixels(let count), .patches(let count): return count
        }
    }
}

/// The thread counts every stage is timed at.
let speedThreadCounts = [1, 2]

/// Registers one stage at one thread count, named `"<stage>, <input>, <n> thread(s)"`.
///
/// `setup` runs once, outside the measurement, after `Parallelism.threadCount` is set; `body` is one
/// iteration. Besides wall-clock and CPU time, each iteration records its throughput (pixels or
/// patches per second) as a custom metric, since the framework's own throughput counts iterations.
/// Wall-clock and CPU time are kept in microseconds and the throughput as a plain count, so that
/// exported samples are not rounded to a coarse unit.
func registerStage<State>(
    _ stage: String, input: String, threads: Int, work: StageWork, budget: StageBudget,
    setup: @escaping () throws -> State, body: @escaping (State) -> Void
) {
    let metric = work.metric
    var configuration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .throughput, metric],
        units: [.wallClock: .kilo, .cpuTotal: .kilo, .peakMemoryResident: .mega, metric: .count])
    switch budget {
    case .cheap:
        configuration.warmupIterations = 1
        configuration.maxIterations = 50
        configuration.maxDuration = .seconds(3)
    case .expensive(let iterations, let seconds):
        configuration.warmupIterations = 0
        configuration.maxIterations = iterations
        configuration.maxDuration = .seconds(seconds)
    }
    let name = "\(stage), \(input), \(threads) thread\(threads == 1 ? "" : "s")"
    Benchmark(name, configuration: configuration) { benchmark, state in
        let start = ContinuousClock.now
        body(state)
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        benchmark.measurement(metric, Int((Double(work.count) / seconds).rounded()))
    } setup: {
        Parallelism.threadCount = threads
        return try setup()
    }
}
