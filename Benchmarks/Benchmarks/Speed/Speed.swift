import Benchmark
import Foundation
@_spi(Benchmarking) import GroupSparse

/// The speed suite: every stage of denoising timed on its own, then whole images through both
/// bundled models, each at 1 and 2 threads. Run it from `Benchmarks/` with `swift package benchmark`;
/// `Benchmarks/run-speed` runs it and writes `Docs/Benchmarks-speed.md`.
let benchmarks: @Sendable () -> Void = {
    for threads in speedThreadCounts {
        for side in SpeedInputs.sides {
            registerImageStages(side: side, threads: threads)
        }
        registerUnfolding(threads: threads)
        for side in SpeedInputs.sides {
            registerDenoising(side: side, threads: threads)
        }
    }
}

/// Patches in the unfolding's batch: the batch the SC driver codes at once.
private let unfoldingBatch = 4096

/// PNG decoding, patch extraction, block matching and noise estimation on one image.
private func registerImageStages(side: Int, threads: Int) {
    let input = "\(side)x\(side)", pixels = StageWork.pixels(side * side)

    registerStage("PNG decode", input: input, threads: threads, work: pixels, budget: .cheap,
                  setup: { try SpeedInputs.pngBytes(side: side) },
                  body: { bytes in blackHole(try! PNGCodec.decode(bytes)) })

    registerStage("Patch extraction", input: input, threads: threads, work: pixels, budget: .cheap,
                  setup: {
                      try PatchExtraction(image: SpeedInputs.noisy(side: side),
                                          patchSize: Denoiser.pretrained(.sc).configuration.patchSize)
                  },
                  body: { extraction in extraction.run() })

    registerStage("Block matching", input: input, threads: threads, work: pixels, budget: .cheap,
                  setup: { () throws -> (BlockMatcher, Image, PatchGrid) in
                      let model = try Denoiser.pretrained(.groupsc)
                      let nonLocal = model.weights.nonLocal!.configuration
                      let matcher = BlockMatcher(patchSize: model.configuration.patchSize,
                                                 neighbourCount: nonLocal.neighbourCount,
                                                 searchRadius: nonLocal.searchRadius)
                      let image = try SpeedInputs.noisy(side: side)
                      return (matcher, image, PatchGrid(image: image, patchSize: matcher.patchSize))
                  },
                  body: { matcher, image, grid in blackHole(matcher.match(image, grid: grid, threadCount: threads)) })

    registerStage("Noise estimation", input: input, threads: threads, work: pixels, budget: .cheap,
                  setup: { try SpeedInputs.noisy(side: side) },
                  body: { image in blackHole(NoiseEstimator.estimate(image)) })
}

/// One LISTA unfolding (three products and a soft threshold) on a batch of patches of the SC model.
private func registerUnfolding(threads: Int) {
    registerStage("LISTA unfolding", input: "\(unfoldingBatch) patches", threads: threads,
                  work: .patches(unfoldingBatch), budget: .cheap,
                  setup: {
                      UnfoldingStep(weights: try Denoiser.pretrained(.sc).weights,
                                    image: try SpeedInputs.noisy(side: 256), sigma: SpeedInputs.sigma,
                                    rows: unfoldingBatch)
                  },
                  body: { step in step.run(unfolding: 1) })
}

/// Whole-image denoising with the bundled SC and GroupSC models, sigma given.
private func registerDenoising(side: Int, threads: Int) {
    let input = "\(side)x\(side)", pixels = StageWork.pixels(side * side)
    let models: [(stage: String, model: PretrainedModel, budget: StageBudget)] = [
        ("SC denoise", .sc, side == 256 ? .expensive(iterations: 3, seconds: 10) : .expensive(iterations: 2, seconds: 20)),
        ("GroupSC denoise", .groupsc, side == 256 ? .expensive(iterations: 2, seconds: 15) : .expensive(iterations: 2, seconds: 30)),
    ]
    for (stage, model, budget) in models {
        registerStage(stage, input: input, threads: threads, work: pixels, budget: budget,
                      setup: { (try Denoiser.pretrained(model), try SpeedInputs.noisy(side: side)) },
                      body: { denoiser, image in
                          blackHole(try! denoiser.denoise(image, sigma: .value(SpeedInputs.sigma), threads: threads))
                      })
    }
}

/// Every patch of an image, centred, into buffers allocated once, as the GroupSC driver extracts them.
private final class PatchExtraction {
    let image: Image
    let grid: PatchGrid
    var patches: [Float]
    var means: [Float]

    init(image: Image, patchSize: Int) {
        self.image = image
        grid = PatchGrid(image: image, patchSize: patchSize)
        patches = [Float](repeating: 0, count: grid.patchCount * grid.patchLength)
        means = [Float](repeating: 0, count: grid.patchCount * grid.channels)
    }

    func run() {
        patches.withUnsafeMutableBufferPointer { patchBuffer in
            means.withUnsafeMutableBufferPointer { meanBuffer in
                grid.extractCentred(image, patches: 0..<grid.patchCount,
                                    into: patchBuffer.baseAddress!, means: meanBuffer.baseAddress!)
            }
        }
        blackHole(patches[patches.count / 2])
    }
}
