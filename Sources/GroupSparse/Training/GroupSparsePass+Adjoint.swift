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

        // Taken out of the pass for the call, so that the buffers are not copied on write and
        // borrowing two of them at once is not an overlapping access to one property.
        var workspace = adjointWorkspace.take() ?? AdjointWorkspace(pass: self)
        defer { adjointWorkspace = workspace }
        for r in workspace.weightGradients.indices {
            workspace.weightGradients[r].withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        }

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
            codeTrace.withUnsafeBufferPointer { trace in
            workspace.codeGradient.withUnsafeMutableBufferPointer { gA in
                UnrolledIterationAdjoint.decodeAdjoint(
                    patchGradient: x.baseAddress!, codes: trace.baseAddress! + (depth - 1) * rows * p, rows: rows,
                    reconstruction: w.baseAddress!,
                    configuration: configuration, reconstructionGradient: dW.baseAddress!,
                    codeGradient: gA.baseAddress!)
            }
            }
            }
            }
        }

        for t in stride(from: depth - 1, through: 0, by: -1) {
            let r = t / nonLocal.refreshInterval
            if t == depth - 1 || (t + 1) % nonLocal.refreshInterval == 0 {
                groups[r].memberships(offsets: &workspace.membershipOffsets,
                                      positions: &workspace.membershipPositions)
            }
            workspace.thresholdGradient.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            thresholds.withUnsafeMutableBufferPointer { lambda in
            betas.withUnsafeBufferPointer { betaBuffer in
            workspace.codeGradient.withUnsafeBufferPointer { gA in
            workspace.betaGradient.withUnsafeMutableBufferPointer { gBeta in
            workspace.thresholdGradient.withUnsafeMutableBufferPointer { gLambda in
            workspace.weightGradients[r].withUnsafeMutableBufferPointer { gS in
            workspace.energyGradient.withUnsafeMutableBufferPointer { gN in
            workspace.weightSumGradient.withUnsafeMutableBufferPointer { gSum in
            workspace.partials.withUnsafeMutableBufferPointer { partials in
                for (index, segment) in segments.enumerated() {
                    weights.thresholds(unfolding: t, sigma: segment.sigma, into: lambda.baseAddress! + index * p)
                }
                GroupShrinkageAdjoint.backward(
                    betas: betaBuffer.baseAddress! + t * rows * p, groups: groups[r],
                    memberships: (workspace.membershipOffsets, workspace.membershipPositions),
                    atomCount: p, thresholds: lambda.baseAddress!, segments: segments,
                    codeGradient: gA.baseAddress!, betaGradient: gBeta.baseAddress!,
                    thresholdGradient: gLambda.baseAddress!, weightGradient: gS.baseAddress!,
                    energyGradient: gN.baseAddress!, weightSumGradient: gSum.baseAddress!,
                    partialThresholdGradients: partials.baseAddress!)
            }
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
                    let value = workspace.thresholdGradient[index * p + atom]
                    gradient.thresholdOffsets[t * p + atom] += value
                    gradient.thresholdSlopes[t * p + atom] += value * segment.sigma
                }
            }
            patches.withUnsafeBufferPointer { y in
            codeTrace.withUnsafeBufferPointer { trace in
            residuals.withUnsafeBufferPointer { residualBuffer in
            weights.analysis.values.withUnsafeBufferPointer { c in
            weights.dictionary.values.withUnsafeBufferPointer { d in
            workspace.residualGradient.withUnsafeMutableBufferPointer { gR in
            workspace.betaGradient.withUnsafeMutableBufferPointer { gBeta in
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
            swap(&workspace.codeGradient, &workspace.betaGradient)
        }

        // Weights: S = S_new (first pilot) or (1 - mu) S_prev + mu S_new.
        let mu = nonLocalWeights.mixing
        for r in groups.indices {
            let fresh = freshWeights[r]
            var mixingGradient: Double = 0
            workspace.weightGradients[r].withUnsafeBufferPointer { gS in
            workspace.freshGradient.withUnsafeMutableBufferPointer { freshGradient in
            workspace.previousGradient.withUnsafeMutableBufferPointer { previousGradient in
                if r == 0 {
                    _ = freshGradient.update(fromContentsOf: gS)
                } else {
                    let previous = previousWeights[r]
                    for index in gS.indices {
                        mixingGradient += Double(gS[index] * (fresh[index] - previous[index]))
                        freshGradient[index] = gS[index] * mu
                        previousGradient[index] = gS[index] * (1 - mu)
                    }
                }
            }
            }
            }
            if r > 0 {
                gradient.mixing[0] += Float(mixingGradient)
                accumulateKappaGradient(pilot: pilots[r - 1], variances: pilotNoiseVariances[r - 1], groups: groups[r],
                                        weights: previousWeights[r], weightGradient: workspace.previousGradient,
                                        kappa: nonLocalWeights.similarityScales, partials: &workspace.partials,
                                        into: &gradient.similarityScales)
            }
            accumulateKappaGradient(pilot: pilots[r], variances: pilotNoiseVariances[r], groups: groups[r],
                                    weights: fresh, weightGradient: workspace.freshGradient,
                                    kappa: nonLocalWeights.similarityScales, partials: &workspace.partials,
                                    into: &gradient.similarityScales)
        }
    }

    private func accumulateKappaGradient(
        pilot: [Float], variances: [Float], groups: PatchGroups, weights: [Float], weightGradient: [Float],
        kappa: [Float], partials: inout [Float], into kappaGradient: inout [Float]
    ) {
        pilot.withUnsafeBufferPointer { x in
        groups.indices.withUnsafeBufferPointer { i in
        kappa.withUnsafeBufferPointer { scales in
        weights.withUnsafeBufferPointer { s in
        weightGradient.withUnsafeBufferPointer { gS in
        partials.withUnsafeMutableBufferPointer { partialBuffer in
        kappaGradient.withUnsafeMutableBufferPointer { gKappa in
            SimilarityWeights.kappaGradient(
                pilot: x.baseAddress!, patchLength: configuration.patchLength, indices: i.baseAddress!,
                neighbourCount: groups.neighbourCount, kappa: scales.baseAddress!, noiseVariances: variances,
                segments: segments, weights: s.baseAddress!, weightGradient: gS.baseAddress!,
                partials: partialBuffer.baseAddress!, into: gKappa.baseAddress!)
        }
        }
        }
        }
        }
        }
        }
    }
}
