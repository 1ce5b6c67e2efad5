/// The forward and backward pass of the sparse coder over a batch of crops, with buffers that live as
/// long as the trainer so that a step allocates nothing large.
///
/// The loss is `(1 / B) * sum_b w_b * mean((x_hat_b - x_b)^2)`, where `x_hat_b` averages the decoded
/// overlapping patches of crop `b` (stride 1).
final class BatchLoss {
    let configuration: SparseCoderConfiguration
    let grid: PatchGrid
    let cropCount: Int
    private var patches: [Float]
    private var means: [Float]
    private var codes: [Float]
    private var estimates: [Float]
    private var preActivations: [Float]
    private var residuals: [Float]
    private var workspace: UnrolledIteration.Workspace
    private var adjointWorkspace: UnrolledIterationAdjoint.Workspace
    /// One crop's image sums and loss gradient, and every crop's gradient for GroupSC.
    private var sums: [Float]
    private var imageGradients: [[Float]]
    private let coverage: [Float]

    /// Buffers for `cropCount` square crops of side `cropSize`.
    init(configuration: SparseCoderConfiguration, cropSize: Int, cropCount: Int) {
        self.configuration = configuration
        self.cropCount = cropCount
        grid = PatchGrid(width: cropSize, height: cropSize, channels: configuration.channels,
                         patchSize: configuration.patchSize)
        let rows = grid.patchCount * cropCount
        let m = configuration.patchLength, p = configuration.atomCount, depth = configuration.unfoldingCount
        patches = [Float](repeating: 0, count: rows * m)
        means = [Float](repeating: 0, count: rows * configuration.channels)
        codes = [Float](repeating: 0, count: rows * p)
        estimates = [Float](repeating: 0, count: rows * m)
        preActivations = [Float](repeating: 0, count: depth * rows * p)
        residuals = [Float](repeating: 0, count: depth * rows * m)
        workspace = UnrolledIteration.Workspace(rows: rows, configuration: configuration, segmentCount: cropCount)
        adjointWorkspace = UnrolledIterationAdjoint.Workspace(rows: rows, configuration: configuration)
        let planeSize = grid.width * grid.height * grid.channels
        sums = [Float](repeating: 0, count: planeSize)
        imageGradients = (0..<cropCount).map { _ in [Float](repeating: 0, count: planeSize) }
        coverage = grid.coverage()
    }

    /// The batch loss, the per-crop mean squared errors, and (when `gradient` is given) the gradient
    /// accumulated into it.
    func evaluate(
        _ weights: SparseCoderWeights, batch: TrainingBatch, gradient: UnsafeMutablePointer<SparseCoderGradient>?
    ) -> (loss: Double, meanSquaredErrors: [Double]) {
        precondition(batch.noisy.count == cropCount, "batch size does not match the buffers")
        if let nonLocal = weights.nonLocal {
            return evaluateGroups(weights, nonLocal: nonLocal.configuration, batch: batch, gradient: gradient)
        }
        let patchesPerCrop = grid.patchCount
        let rows = patchesPerCrop * cropCount
        let m = configuration.patchLength
        let segments = batch.sigmas.enumerated().map { index, sigma in
            NoiseSegment(rows: index * patchesPerCrop..<(index + 1) * patchesPerCrop, sigma: sigma)
        }
        var loss: Double = 0
        var meanSquaredErrors = [Double](repeating: 0, count: cropCount)

        patches.withUnsafeMutableBufferPointer { patchBuffer in
        means.withUnsafeMutableBufferPointer { meanBuffer in
        codes.withUnsafeMutableBufferPointer { codeBuffer in
        estimates.withUnsafeMutableBufferPointer { estimateBuffer in
        preActivations.withUnsafeMutableBufferPointer { preActivationBuffer in
        residuals.withUnsafeMutableBufferPointer { residualBuffer in
        coverage.withUnsafeBufferPointer { coverageBuffer in
            let y = patchBuffer.baseAddress!, estimatesBase = estimateBuffer.baseAddress!
            for (crop, image) in batch.noisy.enumerated() {
                grid.extractCentred(image, patches: 0..<patchesPerCrop,
                                    into: y + crop * patchesPerCrop * m,
                                    means: meanBuffer.baseAddress! + crop * patchesPerCrop * grid.channels)
            }
            let trace = UnrolledIteration.Trace(
                preActivations: preActivationBuffer.baseAddress!, residuals: residualBuffer.baseAddress!)
            UnrolledIteration.encode(weights, patches: y, rows: rows, segments: segments,
                                     codes: codeBuffer.baseAddress!, workspace: &workspace, trace: trace)
            UnrolledIteration.decode(weights, codes: codeBuffer.baseAddress!, rows: rows, into: estimatesBase)

            for crop in 0..<cropCount {
                let cropPatches = estimatesBase + crop * patchesPerCrop * m
                sums.withUnsafeMutableBufferPointer { sumBuffer in
                    sumBuffer.update(repeating: 0)
                    PatchwiseDenoising.addMeans(meanBuffer.baseAddress! + crop * patchesPerCrop * grid.channels,
                                                to: cropPatches, rows: patchesPerCrop, grid: grid)
                    grid.accumulate(patches: 0..<patchesPerCrop, from: cropPatches, into: sumBuffer.baseAddress!)
                }
                grid.normalise(&sums, by: coverage)
                let meanSquaredError = cropLoss(estimate: sums, batch: batch, crop: crop, gradient: &imageGradients[0])
                meanSquaredErrors[crop] = meanSquaredError
                loss += Double(batch.lossWeights[crop]) * meanSquaredError / Double(cropCount)
                if gradient != nil {
                    // The decoded patches are no longer needed: their rows now hold dLoss/dX.
                    imageGradients[0].withUnsafeBufferPointer { gradientBuffer in
                        grid.aggregateAdjoint(gradientBuffer.baseAddress!, coverage: coverageBuffer.baseAddress!,
                                              patches: 0..<patchesPerCrop, into: cropPatches)
                    }
                }
            }
            if let gradient {
                UnrolledIterationAdjoint.backpropagate(
                    weights, patches: y, rows: rows, segments: segments, trace: trace,
                    finalCodes: codeBuffer.baseAddress!, patchGradient: estimatesBase, into: &gradient.pointee,
                    workspace: &adjointWorkspace)
            }
        }
        }
        }
        }
        }
        }
        }
        return (loss, meanSquaredErrors)
    }

    /// The mean squared error of one crop's estimate, with the gradient of its share of the loss,
    /// `2 w_b (x_hat - x) / (pixels * B)`, written to `gradient`.
    private func cropLoss(estimate: [Float], batch: TrainingBatch, crop: Int, gradient: inout [Float]) -> Double {
        let clean = batch.clean[crop].pixels
        let scale = 2 * batch.lossWeights[crop] / Float(estimate.count * cropCount)
        var squaredError: Double = 0
        for index in estimate.indices {
            let difference = estimate[index] - clean[index]
            squaredError += Double(difference * difference)
            gradient[index] = scale * difference
        }
        return squaredError / Double(estimate.count)
    }

    private var groupPass: GroupSparsePass?

    private func evaluateGroups(
        _ weights: SparseCoderWeights, nonLocal: NonLocalConfiguration, batch: TrainingBatch,
        gradient: UnsafeMutablePointer<SparseCoderGradient>?
    ) -> (loss: Double, meanSquaredErrors: [Double]) {
        if groupPass == nil || groupPass!.nonLocal != nonLocal {
            groupPass = GroupSparsePass(configuration: configuration, nonLocal: nonLocal, width: grid.width,
                                        height: grid.height, imageCount: cropCount, recordsTrace: true)
        }
        let pass = groupPass!
        // Training never cancels a pass.
        let estimates = (try? pass.forward(weights, noisy: batch.noisy, sigmas: batch.sigmas)) ?? []
        var loss: Double = 0
        var meanSquaredErrors = [Double](repeating: 0, count: cropCount)
        for crop in 0..<cropCount {
            meanSquaredErrors[crop] = cropLoss(estimate: estimates[crop].pixels, batch: batch, crop: crop,
                                               gradient: &imageGradients[crop])
            loss += Double(batch.lossWeights[crop]) * meanSquaredErrors[crop] / Double(cropCount)
        }
        if let gradient {
            pass.backward(weights, imageGradients: imageGradients, into: &gradient.pointee)
        }
        return (loss, meanSquaredErrors)
    }
}
