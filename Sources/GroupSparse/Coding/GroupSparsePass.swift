/// The forward pass of the group-sparse coder (GroupSC) over a batch of equal-sized images, and the
/// buffers its backward pass needs.
///
/// Each unfolding is the LISTA step of ``UnrolledIteration`` followed by ``GroupShrinkage`` instead
/// of the soft threshold:
///
///     beta_t  = A_{t-1} + (Y - A_{t-1} D^T) C          (beta_0 = Y C)
///     A_t     = groupShrink(beta_t, S, a_t + b_t sigma)
///
/// The groups and their weights `S` come from a pilot estimate, refreshed every `R` unfoldings: at
/// unfolding 0 the pilot is the noisy image; at unfolding `rR` it is the current estimate (codes
/// decoded, patches averaged). At each refresh the patches are matched again on the pilot, and the
/// weights become `S = (1 - mu) S_prev + mu S_new`, where `S_new` is measured on the new pilot and
/// `S_prev` on the previous one, both on the new groups. Within a pass the pilots and the neighbour
/// indices are constants: gradients reach `kappa` and `mu` through the weights, not through the
/// matching.
final class GroupSparsePass {
    let configuration: SparseCoderConfiguration
    let nonLocal: NonLocalConfiguration
    let grid: PatchGrid
    let imageCount: Int
    let recordsTrace: Bool

    /// Patches per image and in the batch.
    var patchesPerImage: Int { grid.patchCount }
    var rows: Int { grid.patchCount * imageCount }
    var refreshCount: Int { (configuration.unfoldingCount + nonLocal.refreshInterval - 1) / nonLocal.refreshInterval }

    /// `Y` (centred noisy patches) and the patch means.
    var patches: [Float]
    var means: [Float]
    /// The current codes `A_t`.
    var codes: [Float]
    /// `beta_t` for every unfolding (trace) or the current one.
    var betas: [Float]
    /// `A_t` for every unfolding (trace only).
    var codeTrace: [Float]
    /// `R_t` for every unfolding (trace) or the current one.
    var residuals: [Float]
    /// Decoded patches, and scratch of `rows x m`.
    var estimates: [Float]
    var thresholds: [Float]
    /// Per refresh: the raw pilot patches, the groups with their mixed weights, and the two terms of
    /// the mix (fresh weights on this pilot, previous weights on the last pilot). Without a trace,
    /// only the latest pilot and no terms of the mix are kept.
    var pilots: [[Float]]
    var groups: [PatchGroups]
    var freshWeights: [[Float]]
    var previousWeights: [[Float]]
    /// The noise variance left in each refresh's pilot, per image.
    var pilotNoiseVariances: [[Float]]
    let coverage: [Float]
    var segments: [NoiseSegment] = []

    init(configuration: SparseCoderConfiguration, nonLocal: NonLocalConfiguration,
         width: Int, height: Int, imageCount: Int, recordsTrace: Bool) {
        self.configuration = configuration
        self.nonLocal = nonLocal
        self.imageCount = imageCount
        self.recordsTrace = recordsTrace
        grid = PatchGrid(width: width, height: height, channels: configuration.channels,
                         patchSize: configuration.patchSize)
        let rows = grid.patchCount * imageCount
        let m = configuration.patchLength, p = configuration.atomCount
        let depth = recordsTrace ? configuration.unfoldingCount : 1
        patches = [Float](repeating: 0, count: rows * m)
        means = [Float](repeating: 0, count: rows * configuration.channels)
        codes = [Float](repeating: 0, count: rows * p)
        betas = [Float](repeating: 0, count: depth * rows * p)
        codeTrace = recordsTrace ? [Float](repeating: 0, count: depth * rows * p) : []
        residuals = [Float](repeating: 0, count: depth * rows * m)
        estimates = [Float](repeating: 0, count: rows * m)
        thresholds = [Float](repeating: 0, count: imageCount * p)
        pilots = []
        groups = []
        freshWeights = []
        previousWeights = []
        pilotNoiseVariances = []
        coverage = grid.coverage()
    }

    /// Denoises `noisy` (one sigma per image, [0, 1] scale) and returns the averaged estimates.
    ///
    /// - Parameters:
    ///   - sharedGroups: the ``groups`` of an earlier pass over the same grid and batch layout, used
    ///     at each refresh instead of matching and weighting on this pass's own pilots. Colour
    ///     denoising codes the chrominance with the groups found on the luminance this way.
    ///   - shouldContinue: polled before every unfolding with the fraction of the unfoldings done;
    ///     returning `false` abandons the pass.
    func forward(_ weights: SparseCoderWeights, noisy: [Image], sigmas: [Float], sharedGroups: [PatchGroups]? = nil,
                 shouldContinue: (Double) -> Bool = { _ in true }) throws(CancellationError) -> [Image] {
        precondition(noisy.count == imageCount && sigmas.count == imageCount, "batch does not match the pass")
        let batchRows = rows
        precondition(sharedGroups.map { $0.count == refreshCount && $0.allSatisfy { $0.patchCount == batchRows } }
                         ?? true, "shared groups do not match the pass")
        precondition(sharedGroups == nil || !recordsTrace, "a traced pass forms its own groups")
        guard let nonLocalWeights = weights.nonLocal else { preconditionFailure("the coder has no non-local part") }
        let m = configuration.patchLength, p = configuration.atomCount, perImage = patchesPerImage
        let rows = self.rows
        segments = sigmas.enumerated().map { NoiseSegment(rows: $0 * perImage..<($0 + 1) * perImage, sigma: $1) }
        pilots.removeAll(keepingCapacity: true)
        groups.removeAll(keepingCapacity: true)
        freshWeights.removeAll(keepingCapacity: true)
        previousWeights.removeAll(keepingCapacity: true)
        pilotNoiseVariances.removeAll(keepingCapacity: true)

        patches.withUnsafeMutableBufferPointer { y in
            means.withUnsafeMutableBufferPointer { meanBuffer in
                for (index, image) in noisy.enumerated() {
                    grid.extractCentred(image, patches: 0..<perImage, into: y.baseAddress! + index * perImage * m,
                                        means: meanBuffer.baseAddress! + index * perImage * grid.channels)
                }
            }
        }

        for t in 0..<configuration.unfoldingCount {
            guard shouldContinue(Double(t) / Double(configuration.unfoldingCount)) else { throw CancellationError() }
            if t % nonLocal.refreshInterval == 0 {
                if let sharedGroups {
                    groups.append(sharedGroups[t / nonLocal.refreshInterval])
                } else {
                    let pilotImages = t == 0 ? noisy : decodedImages(weights)
                    refresh(pilotImages: pilotImages, isNoisy: t == 0, weights: nonLocalWeights)
                }
            }
            let r = t / nonLocal.refreshInterval
            let slot = recordsTrace ? t : 0
            weights.analysis.values.withUnsafeBufferPointer { c in
            weights.dictionary.values.withUnsafeBufferPointer { d in
            patches.withUnsafeBufferPointer { y in
            codes.withUnsafeMutableBufferPointer { a in
            betas.withUnsafeMutableBufferPointer { betaBuffer in
            residuals.withUnsafeMutableBufferPointer { residualBuffer in
            thresholds.withUnsafeMutableBufferPointer { lambda in
                let beta = betaBuffer.baseAddress! + slot * rows * p
                UnrolledIteration.linearStep(
                    unfolding: t, patches: y.baseAddress!, rows: rows, codes: a.baseAddress!,
                    analysis: c.baseAddress!, dictionary: d.baseAddress!, configuration: configuration,
                    residuals: residualBuffer.baseAddress! + slot * rows * m, into: beta)
                for (index, segment) in segments.enumerated() {
                    weights.thresholds(unfolding: t, sigma: segment.sigma, into: lambda.baseAddress! + index * p)
                }
                GroupShrinkage.forward(betas: beta, groups: groups[r], atomCount: p,
                                       thresholds: lambda.baseAddress!, segments: segments, into: a.baseAddress!)
            }
            }
            }
            }
            }
            }
            }
            if recordsTrace {
                codeTrace.withUnsafeMutableBufferPointer { trace in
                    codes.withUnsafeBufferPointer { a in
                        (trace.baseAddress! + t * rows * p).update(from: a.baseAddress!, count: rows * p)
                    }
                }
            }
        }
        return decodedImages(weights)
    }

    /// The current codes decoded, the means added back and the patches averaged into images.
    func decodedImages(_ weights: SparseCoderWeights) -> [Image] {
        let m = configuration.patchLength, perImage = patchesPerImage
        var images: [Image] = []
        codes.withUnsafeBufferPointer { a in
        estimates.withUnsafeMutableBufferPointer { x in
        means.withUnsafeBufferPointer { meanBuffer in
            UnrolledIteration.decode(weights, codes: a.baseAddress!, rows: rows, into: x.baseAddress!)
            for index in 0..<imageCount {
                let block = x.baseAddress! + index * perImage * m
                PatchwiseDenoising.addMeans(meanBuffer.baseAddress! + index * perImage * grid.channels,
                                            to: block, rows: perImage, grid: grid)
                var sums = [Float](repeating: 0, count: grid.width * grid.height * grid.channels)
                sums.withUnsafeMutableBufferPointer { s in
                    grid.accumulate(patches: 0..<perImage, from: block, into: s.baseAddress!)
                }
                grid.normalise(&sums, by: coverage)
                images.append(Image(width: grid.width, height: grid.height, channels: grid.channels, pixels: sums))
            }
        }
        }
        }
        return images
    }

    /// Matches patches on the pilot images and computes the groups' weights.
    private func refresh(pilotImages: [Image], isNoisy: Bool, weights: NonLocalWeights) {
        let m = configuration.patchLength, perImage = patchesPerImage, k = nonLocal.neighbourCount
        let rows = self.rows
        var pilot = [Float](repeating: 0, count: rows * m)
        var indices = [Int32](repeating: 0, count: rows * k)
        let matcher = BlockMatcher(patchSize: configuration.patchSize, neighbourCount: k,
                                   searchRadius: nonLocal.searchRadius)
        pilot.withUnsafeMutableBufferPointer { pilotBuffer in
            for (index, image) in pilotImages.enumerated() {
                grid.extract(image, patches: 0..<perImage, into: pilotBuffer.baseAddress! + index * perImage * m)
                let table = matcher.match(image, grid: grid)
                let offset = Int32(index * perImage)
                for position in 0..<perImage * k {
                    indices[index * perImage * k + position] = table.indices[position] + offset
                }
            }
        }
        let variances = segments.map { isNoisy ? $0.sigma * $0.sigma : 0 }
        let fresh = similarity(pilot: pilot, indices: indices, variances: variances, kappa: weights.similarityScales)
        var mixed = fresh
        if let lastPilot = pilots.last, let lastVariances = pilotNoiseVariances.last {
            let previous = similarity(pilot: lastPilot, indices: indices, variances: lastVariances,
                                      kappa: weights.similarityScales)
            let mu = weights.mixing
            for index in mixed.indices { mixed[index] = (1 - mu) * previous[index] + mu * fresh[index] }
            if recordsTrace { previousWeights.append(previous) }
        } else if recordsTrace {
            previousWeights.append([])
        }
        // Without a trace only the latest pilot is needed again (for the next mix), which keeps
        // inference memory at two pilots instead of one per refresh.
        if !recordsTrace { pilots.removeAll() }
        pilots.append(pilot)
        pilotNoiseVariances.append(variances)
        if recordsTrace { freshWeights.append(fresh) }
        groups.append(PatchGroups(neighbourCount: k, indices: indices, weights: mixed))
    }

    private func similarity(pilot: [Float], indices: [Int32], variances: [Float], kappa: [Float]) -> [Float] {
        var weights = [Float](repeating: 0, count: indices.count)
        pilot.withUnsafeBufferPointer { x in
        indices.withUnsafeBufferPointer { i in
        kappa.withUnsafeBufferPointer { scales in
        weights.withUnsafeMutableBufferPointer { s in
            SimilarityWeights.compute(
                pilot: x.baseAddress!, patchLength: configuration.patchLength, indices: i.baseAddress!,
                neighbourCount: nonLocal.neighbourCount, kappa: scales.baseAddress!,
                noiseVariances: variances, segments: segments, into: s.baseAddress!)
        }
        }
        }
        }
        return weights
    }
}
