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
    /// the mix (fresh weights on this pilot, previous weights on the last pilot; empty at refresh 0).
    /// Without a trace, the pilots alternate between two slots (the latest and the one before) and
    /// slot 0 of each term is scratch. Every slot is allocated by the first pass and overwritten by
    /// the next ones.
    var pilots: [[Float]]
    var groups: [PatchGroups]
    var freshWeights: [[Float]]
    var previousWeights: [[Float]]
    /// The noise variance left in each refresh's pilot, per image, in the slots of ``pilots``.
    var pilotNoiseVariances: [[Float]]
    /// The decoded estimates that serve as pilots after the first refresh, reused at every refresh.
    private var pilotImages: [Image] = []
    let coverage: [Float]
    var segments: [NoiseSegment] = []
    /// The buffers of the backward pass, made by its first call.
    var adjointWorkspace: AdjointWorkspace?

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
            let r = t / nonLocal.refreshInterval
            if t % nonLocal.refreshInterval == 0 {
                if let sharedGroups {
                    if groups.count == r { groups.append(sharedGroups[r]) } else { groups[r] = sharedGroups[r] }
                } else if t == 0 {
                    refresh(r, pilotImages: noisy, isNoisy: true, weights: nonLocalWeights)
                } else {
                    decodedImages(weights, into: &pilotImages)
                    refresh(r, pilotImages: pilotImages, isNoisy: false, weights: nonLocalWeights)
                }
            }
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
        var images: [Image] = []
        decodedImages(weights, into: &images)
        return images
    }

    /// ``decodedImages(_:)`` written into `images`, whose pixel buffers are reused when they have the
    /// right shape.
    private func decodedImages(_ weights: SparseCoderWeights, into images: inout [Image]) {
        let m = configuration.patchLength, perImage = patchesPerImage
        let planeSize = grid.width * grid.height * grid.channels
        if images.count != imageCount {
            images = (0..<imageCount).map { _ in
                Image(width: grid.width, height: grid.height, channels: grid.channels,
                      pixels: [Float](repeating: 0, count: planeSize))
            }
        }
        codes.withUnsafeBufferPointer { a in
        estimates.withUnsafeMutableBufferPointer { x in
        means.withUnsafeBufferPointer { meanBuffer in
            UnrolledIteration.decode(weights, codes: a.baseAddress!, rows: rows, into: x.baseAddress!)
            for index in 0..<imageCount {
                let block = x.baseAddress! + index * perImage * m
                PatchwiseDenoising.addMeans(meanBuffer.baseAddress! + index * perImage * grid.channels,
                                            to: block, rows: perImage, grid: grid)
                images[index].pixels.withUnsafeMutableBufferPointer { s in
                    s.update(repeating: 0)
                    grid.accumulate(patches: 0..<perImage, from: block, into: s.baseAddress!)
                }
                grid.normalise(&images[index].pixels, by: coverage)
            }
        }
        }
        }
    }

    /// Matches patches on the pilot images and computes the weights of refresh `r`'s groups.
    private func refresh(_ r: Int, pilotImages: [Image], isNoisy: Bool, weights: NonLocalWeights) {
        let m = configuration.patchLength, perImage = patchesPerImage, k = nonLocal.neighbourCount
        let rows = self.rows
        let slot = recordsTrace ? r : r % 2
        let previousSlot = recordsTrace ? r - 1 : (r + 1) % 2
        let termSlot = recordsTrace ? r : 0
        Self.ensureSlot(slot, of: &pilots, count: rows * m)
        Self.ensureSlot(slot, of: &pilotNoiseVariances, count: imageCount)
        Self.ensureSlot(termSlot, of: &freshWeights, count: rows * k)
        Self.ensureSlot(termSlot, of: &previousWeights, count: r == 0 && recordsTrace ? 0 : rows * k)
        if groups.count == r {
            groups.append(PatchGroups(neighbourCount: k, indices: [Int32](repeating: 0, count: rows * k),
                                      weights: [Float](repeating: 0, count: rows * k)))
        }
        let matcher = BlockMatcher(patchSize: configuration.patchSize, neighbourCount: k,
                                   searchRadius: nonLocal.searchRadius)
        pilots[slot].withUnsafeMutableBufferPointer { pilotBuffer in
        groups[r].indices.withUnsafeMutableBufferPointer { indices in
            for (index, image) in pilotImages.enumerated() {
                grid.extract(image, patches: 0..<perImage, into: pilotBuffer.baseAddress! + index * perImage * m)
                let table = matcher.match(image, grid: grid)
                let offset = Int32(index * perImage)
                for position in 0..<perImage * k {
                    indices[index * perImage * k + position] = table.indices[position] + offset
                }
            }
        }
        }
        for (index, segment) in segments.enumerated() {
            pilotNoiseVariances[slot][index] = isNoisy ? segment.sigma * segment.sigma : 0
        }
        similarity(pilotSlot: slot, groups: r, kappa: weights.similarityScales, into: &freshWeights[termSlot])
        if r > 0 {
            similarity(pilotSlot: previousSlot, groups: r, kappa: weights.similarityScales,
                       into: &previousWeights[termSlot])
        }
        // Copied element by element: sharing the fresh weights' storage would make the next refresh
        // copy it before writing.
        let mu = weights.mixing
        freshWeights[termSlot].withUnsafeBufferPointer { fresh in
        previousWeights[termSlot].withUnsafeBufferPointer { previous in
        groups[r].weights.withUnsafeMutableBufferPointer { mixed in
            if r == 0 {
                _ = mixed.update(fromContentsOf: fresh)
            } else {
                for index in mixed.indices { mixed[index] = (1 - mu) * previous[index] + mu * fresh[index] }
            }
        }
        }
        }
    }

    /// Makes `slots[slot]` an array of `count` floats, keeping its storage when it has that size.
    private static func ensureSlot<Element: Numeric>(_ slot: Int, of slots: inout [[Element]], count: Int) {
        while slots.count <= slot { slots.append([]) }
        if slots[slot].count != count { slots[slot] = [Element](repeating: 0, count: count) }
    }

    /// The similarity weights of refresh `r`'s groups on the pilot in `pilotSlot`.
    private func similarity(pilotSlot: Int, groups r: Int, kappa: [Float], into weights: inout [Float]) {
        pilots[pilotSlot].withUnsafeBufferPointer { x in
        groups[r].indices.withUnsafeBufferPointer { i in
        kappa.withUnsafeBufferPointer { scales in
        weights.withUnsafeMutableBufferPointer { s in
            SimilarityWeights.compute(
                pilot: x.baseAddress!, patchLength: configuration.patchLength, indices: i.baseAddress!,
                neighbourCount: nonLocal.neighbourCount, kappa: scales.baseAddress!,
                noiseVariances: pilotNoiseVariances[pilotSlot], segments: segments, into: s.baseAddress!)
        }
        }
        }
        }
    }
}
