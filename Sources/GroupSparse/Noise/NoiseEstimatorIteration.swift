/// The fixed-point iteration of the noise estimator on the patches of one plane: the noise level sets
/// the texture thresholds, the patches that pass them give a new noise level.
///
/// See ``NoiseEstimator`` for the method.
struct NoiseEstimatorIteration {
    /// Fewest patches a selection may hold; below it the least textured patches are taken instead, so that
    /// a strongly textured plane still yields a (then upward biased) estimate.
    static let minimumSelection = 200
    /// Relative change of the variance at which the iteration stops.
    static let tolerance = 1e-6
    /// Upper bound on the iterations; the level usually settles within ten.
    static let maximumIterations = 40
    /// Variance of rounding to whole levels, in levels squared.
    static let roundingVariance: Float = 1.0 / 12

    private let patches: NoiseEstimatorPatches
    private let eightBit: Bool
    /// Noise variance each patch would show if it held noise only (clipped and rounded for 8-bit input).
    private var expectedVariance: [Float]
    /// Whether a patch may be used at all; 8-bit patches whose true level lies outside the range may not.
    private var usable: [Bool]
    /// Indices of the patches selected in a pass; reused to avoid allocating per pass.
    private var selection: [Int]
    /// Gradient energy outside the measured band, per patch; reused like ``selection``.
    private var complementEnergy: [Float]

    init(patches: NoiseEstimatorPatches, eightBit: Bool) {
        self.patches = patches
        self.eightBit = eightBit
        expectedVariance = [Float](repeating: 0, count: patches.count)
        usable = [Bool](repeating: true, count: patches.count)
        selection = []
        selection.reserveCapacity(patches.count)
        complementEnergy = patches.gradientEnergy
    }

    /// Iterates to the fixed point and returns the noise variance (0-255 scale squared).
    mutating func run() -> Double {
        // The mean band energy over all patches counts all texture as noise: an upper bound to start from.
        var variance = initialVariance()
        for _ in 0..<Self.maximumIterations {
            guard variance > 1e-12 else { return 0 }
            let next = step(variance: variance)
            let settled = abs(next - variance) <= Self.tolerance * variance
            variance = next
            if settled { break }
        }
        return variance
    }

    private func initialVariance() -> Double {
        let band = NoiseEstimatorBasis.shared.bands[0]
        let dimension = NoiseEstimatorBasis.dimension
        var sum = 0.0
        patches.coefficients.withUnsafeBufferPointer { coefficients in
            for patch in 0..<patches.count {
                for index in band {
                    let value = Double(coefficients[patch * dimension + index])
                    sum += value * value
                }
            }
        }
        return sum / Double(patches.count * band.count)
    }

    /// One pass: measures both folds at the level `variance` and returns the implied noise variance.
    private mutating func step(variance: Double) -> Double {
        updateNoiseModel(variance: variance)
        var measured = 0.0, kept = 0.0, selected = 0
        for fold in 0..<2 {
            let band = chooseBand(measuringFold: UInt8(fold))
            guard let result = measure(fold: UInt8(fold), band: band) else { continue }
            measured += result.bandVariance * Double(result.count)
            kept += result.keptVariance
            selected += result.count
        }
        guard selected > 0 else { return 0 }
        let quantisation = eightBit ? Double(Self.roundingVariance) : 0
        let bandVariance = measured / Double(selected)
        // The fraction of the added variance that clipping lets through, averaged over the measured patches.
        let retention = eightBit ? kept / Double(selected) / variance : 1
        guard retention > 0 else { return 0 }
        return max(bandVariance - quantisation, 0) / retention
    }

    /// Sets each patch's expected pure-noise variance and usability for noise of variance `variance`.
    private mutating func updateNoiseModel(variance: Double) {
        guard eightBit else {
            for patch in 0..<patches.count { expectedVariance[patch] = Float(variance) }
            return
        }
        let clipping = NoiseEstimatorClipping(sigma: variance.squareRoot())
        patches.means.withUnsafeBufferPointer { means in
            for patch in 0..<patches.count {
                let mean = means[patch]
                usable[patch] = mean > clipping.lowerMean && mean < clipping.upperMean
                expectedVariance[patch] = clipping.keptVariance(observedMean: mean) + Self.roundingVariance
            }
        }
    }

    /// The band with the least variance over the weakly textured patches of the fold that is *not*
    /// measured, as an index into ``NoiseEstimatorBasis/bands``.
    private mutating func chooseBand(measuringFold: UInt8) -> Int {
        let basis = NoiseEstimatorBasis.shared
        let threshold = basis.fullThreshold
        let folds = patches.folds, energy = patches.gradientEnergy
        // A plane too small for two folds makes its choice on the patches it measures.
        let otherFoldHasPatches = folds.contains { $0 != measuringFold }
        let admits = { (patch: Int) in !otherFoldHasPatches || folds[patch] != measuringFold }
        selection.removeAll(keepingCapacity: true)
        for patch in 0..<patches.count where usable[patch] && admits(patch) {
            if energy[patch] < threshold * expectedVariance[patch] { selection.append(patch) }
        }
        if selection.count < Self.minimumSelection {
            fillWithLeastTextured(energy: energy, where: admits)
        }
        guard selection.count > 1 else { return 0 }

        var best = 0
        var bestVariance = Double.infinity
        for (index, band) in basis.bands.enumerated() {
            let variance = bandVariance(band: band)
            if variance < bestVariance {
                bestVariance = variance
                best = index
            }
        }
        return best
    }

    /// Measures the patches of `fold` in `band`: the mean variance of the band's coefficients over the
    /// patches that pass the texture test on the other coefficients.
    private mutating func measure(fold: UInt8, band bandIndex: Int) -> (bandVariance: Double, keptVariance: Double, count: Int)? {
        let basis = NoiseEstimatorBasis.shared
        let band = basis.bands[bandIndex]
        let threshold = basis.complementThresholds[bandIndex]
        let dimension = NoiseEstimatorBasis.dimension
        patches.coefficients.withUnsafeBufferPointer { coefficients in
            patches.gradientEnergy.withUnsafeBufferPointer { fullEnergy in
                basis.gradientWeights.withUnsafeBufferPointer { weights in
                    complementEnergy.withUnsafeMutableBufferPointer { energy in
                        for patch in 0..<patches.count {
                            var inBand: Float = 0
                            for index in band {
                                let value = coefficients[patch * dimension + index]
                                inBand += weights[index] * value * value
                            }
                            energy[patch] = fullEnergy[patch] - inBand
                        }
                    }
                }
            }
        }
        let folds = patches.folds, energy = complementEnergy
        selection.removeAll(keepingCapacity: true)
        for patch in 0..<patches.count where folds[patch] == fold && usable[patch] {
            if energy[patch] < threshold * expectedVariance[patch] { selection.append(patch) }
        }
        if selection.count < Self.minimumSelection {
            fillWithLeastTextured(energy: energy) { folds[$0] == fold }
        }
        guard selection.count > 1 else { return nil }
        var kept = 0.0
        for patch in selection { kept += Double(expectedVariance[patch] - (eightBit ? Self.roundingVariance : 0)) }
        return (bandVariance(band: band), kept, selection.count)
    }

    /// Mean over the coefficients of `band` of their sample variance over the selected patches.
    private func bandVariance(band: [Int]) -> Double {
        let dimension = NoiseEstimatorBasis.dimension
        let count = Double(selection.count)
        var total = 0.0
        patches.coefficients.withUnsafeBufferPointer { coefficients in
            for index in band {
                var sum = 0.0, sumOfSquares = 0.0
                for patch in selection {
                    let value = Double(coefficients[patch * dimension + index])
                    sum += value
                    sumOfSquares += value * value
                }
                total += (sumOfSquares - sum * sum / count) / (count - 1)
            }
        }
        return total / Double(band.count)
    }

    /// Replaces the selection by the ``minimumSelection`` usable patches of least `energy` among those
    /// that `belongs` admits (all of them when there are fewer).
    private mutating func fillWithLeastTextured(energy: [Float], where belongs: (Int) -> Bool) {
        var candidates: [Int] = []
        for patch in 0..<patches.count where usable[patch] && belongs(patch) { candidates.append(patch) }
        if candidates.count > Self.minimumSelection {
            candidates.sort { energy[$0] < energy[$1] }
            candidates.removeLast(candidates.count - Self.minimumSelection)
        }
        selection = candidates
    }
}
