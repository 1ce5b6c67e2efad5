extension GroupSparsePass {
    /// Accumulates into `gradient` the gradient of a loss whose gradient with respect to the output
    /// images of the last ``forward(_:noisy:sigmas:)`` is `imageGradients` (planar, one per image).
    ///
    /// The unfoldings are walked in reverse as in ``UnrolledIterationAdjoint``, with
    /// ``GroupShrinkageAdjoint`` in place of the soft threshold's mask; the weight gradients of each
    /// refresh are then carried to `kappa` and `mu`.
    func backward(_ weights: SparseCoderWeights, imageGradients: [[Float]], into gradient: inout SparseCoderGradient) {
        precondition(recordsTrace, "the forward pass kept no trace")
        guard let nonLocalWeights = weights.nonLocal else { preconditionFailure("the coder has no non-local part") }
        let m = configuration.patchLength, p = configuration.atomCount
        let rows = self.rows, perImage = patchesPerImage, depth = configuration.unfoldingCount

        var codeGradient = [Float](repeating: 0, count: rows * p)
        var betaGradient = [Float](repeating: 0, count: rows * p)
        var residualGradient = [Float](repeating: 0, count: rows * m)
        var energyGradient = [Float](repeating: 0, count: rows * p)
        var weightSumGradient = [Float](repeating: 0, count: rows)
        var thresholdGradient = [Float](repeating: 0, count: imageCount * p)
        var weightGradients = groups.map { [Float](repeating: 0, count: $0.indices.count) }
        let memberships = groups.map { $0.memberships() }
        let finalCodes = Array(codeTrace[(depth - 1) * rows * p..<depth * rows * p])

        // Decoding: X = A W^T, averaged per image.
        estimates.withUnsafeMutableBufferPointer { x in
            coverage.withUnsafeBufferPointer { cover in
                for index in 0..<imageCount {
                    imageGradients[index].withUnsafeBufferPointer { g in
                        grid.aggregateAdjoint(g.baseAddress!, coverage: cover.baseAddress!, patches: 0..<perImage,
                                              into: x.baseAddress! + index * perImage * m)
                    }
                }
            }
            weights.reconstruction.values.withUnsafeBufferPointer { w in
            gradient.reconstruction.withUnsafeMutableBufferPointer { dW in
            finalCodes.withUnsafeBufferPointer { a in
            codeGradient.withUnsafeMutableBufferPointer { gA in
                UnrolledIterationAdjoint.decodeAdjoint(
                    patchGradient: x.baseAddress!, codes: a.baseAddress!, rows: rows, reconstruction: w.baseAddress!,
                    configuration: configuration, reconstructionGradient: dW.baseAddress!,
                    codeGradient: gA.baseAddress!)
            }
            }
            }
            }
        }

        for t in stride(from: depth - 1, through: 0, by: -1) {
            let r = t / nonLocal.refreshInterval
            thresholdGradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            thresholds.withUnsafeMutableBufferPointer { lambda in
            betas.withUnsafeBufferPointer { betaBuffer in
            codeGradient.withUnsafeBufferPointer { gA in
            betaGradient.withUnsafeMutableBufferPointer { gBeta in
            thresholdGradient.withUnsafeMutableBufferPointer { gLambda in
            weightGradients[r].withUnsafeMutableBufferPointer { gS in
            energyGradient.withUnsafeMutableBufferPointer { gN in
            weightSumGradient.withUnsafeMutableBufferPointer { gSum in
                for (index, segment) in segments.enumerated() {
                    weights.thresholds(unfolding: t, sigma: segment.sigma, into: lambda.baseAddress! + index * p)
                }
                GroupShrinkageAdjoint.backward(
                    betas: betaBuffer.baseAddress! + t * rows * p, groups: groups[r], memberships: memberships[r],
                    atomCount: p, thresholds: lambda.baseAddress!, segments: segments,
                    codeGradient: gA.baseAddress!, betaGradient: gBeta.baseAddress!,
                    thresholdGradient: gLambda.baseAddress!, weightGradient: gS.baseAddress!,
                    energyGradient: gN.baseAddress!, weightSumGradient: gSum.baseAddress!)
            }
            }
            }
            }
            }
            }
            }
            }
            for (index, segment) in segments.enumerated() {
                for atom in 0..<p {
                    let value = thresholdGradient[index * p + atom]
                    gradient.thresholdOffsets[t * p + atom] += value
                    gradient.thresholdSlopes[t * p + atom] += value * segment.sigma
                }
            }
            patches.withUnsafeBufferPointer { y in
            codeTrace.withUnsafeBufferPointer { trace in
            residuals.withUnsafeBufferPointer { residualBuffer in
            weights.analysis.values.withUnsafeBufferPointer { c in
            weights.dictionary.values.withUnsafeBufferPointer { d in
            residualGradient.withUnsafeMutableBufferPointer { gR in
            betaGradient.withUnsafeMutableBufferPointer { gBeta in
            gradient.analysis.withUnsafeMutableBufferPointer { dC in
            gradient.dictionary.withUnsafeMutableBufferPointer { dD in
                UnrolledIterationAdjoint.linearStepAdjoint(
                    unfolding: t, patches: y.baseAddress!, rows: rows,
                    previousCodes: trace.baseAddress! + max(t - 1, 0) * rows * p,
                    residuals: residualBuffer.baseAddress! + t * rows * m,
                    analysis: c.baseAddress!, dictionary: d.baseAddress!, configuration: configuration,
                    residualGradient: gR.baseAddress!, codeGradient: gBeta.baseAddress!,
                    analysisGradient: dC.baseAddress!, dictionaryGradient: dD.baseAddress!)
            }
            }
            }
            }
            }
            }
            }
            }
            }
            swap(&codeGradient, &betaGradient)
        }

        // Weights: S = S_new (first pilot) or (1 - mu) S_prev + mu S_new.
        let mu = nonLocalWeights.mixing
        for r in groups.indices {
            let fresh = freshWeights[r]
            var freshGradient = weightGradients[r]
            if r > 0 {
                let previous = previousWeights[r]
                var previousGradient = weightGradients[r]
                var mixingGradient: Double = 0
                for index in freshGradient.indices {
                    mixingGradient += Double(weightGradients[r][index] * (fresh[index] - previous[index]))
                    freshGradient[index] *= mu
                    previousGradient[index] *= 1 - mu
                }
                gradient.mixing[0] += Float(mixingGradient)
                accumulateKappaGradient(pilot: pilots[r - 1], variances: pilotNoiseVariances[r - 1], groups: groups[r],
                                        weights: previous, weightGradient: previousGradient,
                                        kappa: nonLocalWeights.similarityScales, into: &gradient.similarityScales)
            }
            accumulateKappaGradient(pilot: pilots[r], variances: pilotNoiseVariances[r], groups: groups[r],
                                    weights: fresh, weightGradient: freshGradient,
                                    kappa: nonLocalWeights.similarityScales, into: &gradient.similarityScales)
        }

    }

    private func accumulateKappaGradient(
        pilot: [Float], variances: [Float], groups: PatchGroups, weights: [Float], weightGradient: [Float],
        kappa: [Float], into kappaGradient: inout [Float]
    ) {
        pilot.withUnsafeBufferPointer { x in
        groups.indices.withUnsafeBufferPointer { i in
        kappa.withUnsafeBufferPointer { scales in
        weights.withUnsafeBufferPointer { s in
        weightGradient.withUnsafeBufferPointer { gS in
        kappaGradient.withUnsafeMutableBufferPointer { gKappa in
            SimilarityWeights.kappaGradient(
                pilot: x.baseAddress!, patchLength: configuration.patchLength, indices: i.baseAddress!,
                neighbourCount: groups.neighbourCount, kappa: scales.baseAddress!, noiseVariances: variances,
                segments: segments, weights: s.baseAddress!, weightGradient: gS.baseAddress!,
                into: gKappa.baseAddress!)
        }
        }
        }
        }
        }
        }
    }
}
