/// The fixed-point iteration of the noise estimator on the patches of one plane: the noise level sets
/// the texture thresholds, the patches that pass them give a new noise level.
///
/// See ``NoiseEstimator`` for the method.
struct NoiseEstimatorIteration {
    /// Fewest patches a selection may hold; below it the least textured patches are taken instead, so that
    /// a strongly textured plane still yields a (then upward biased) estimate.
    static let minimumSelection = 200
    /// Relative change of the variance at which the iteration stops: a change of the standard deviation
    /// below one part in 10^4, far under the estimate's own spread.
    static let tolerance = 2e-4
    /// Upper bound on the iterations; the level usually settles within ten.
    static let maximumIterations = 40
    private let patches: NoiseEstimatorPatches
    /// The clipping and rounding of the samples, or `nil` for unbounded samples.
    private let clipped: ClippedSamples?
    /// Whether both folds hold patches; a plane too small for two folds makes each choice on the patches
    /// it then measures.
    private let bothFolds: Bool
    /// Noise variance each patch would show if it held noise only (clipped and rounded for integer input).
    private var expectedVariance: [Float]
    /// Whether a patch may be used at all; clipped patches whose true level lies outside the range may not.
    private var usable: [Bool]
    /// Gradient energy outside the measured band, per patch.
    private var complementEnergy: [Float]
    /// The patches measured in the last round over the number a pure-noise plane would pass: near 1 for a
    /// flat plane, smaller the more of the plane is texture. See ``NoiseEstimatorLeakage``.
    private(set) var passingFraction = 1.0
    /// Whether ``measuredFolds`` is kept; only calibration reads it.
    var recordsMeasuredFolds = false
    /// With ``recordsMeasuredFolds``, the band (an index into ``NoiseEstimatorBasis/bands``) and the patches
    /// measured in each fold in the last round.
    private(set) var measuredFolds: [(band: Int, patches: [Int])] = []

    init(patches: NoiseEstimatorPatches, clipped: ClippedSamples?) {
        self.patches = patches
        self.clipped = clipped
        bothFolds = patches.folds.contains(0) && patches.folds.contains(1)
        expectedVariance = [Float](repeating: 0, count: patches.count)
        usable = [Bool](repeating: true, count: patches.count)
        complementEnergy = patches.gradientEnergy
    }

    /// Iterates to the fixed point and returns the noise variance (0-255 scale squared).
    mutating func run() -> Double {
        var selection: [Int] = []
        selection.reserveCapacity(patches.count)
        var variance = initialVariance()
        for _ in 0..<Self.maximumIterations {
            guard variance > 1e-12 else { return 0 }
            let next = step(variance: variance, selection: &selection)
            let settled = abs(next - variance) <= Self.tolerance * variance
            variance = next
            if settled { break }
        }
        return variance
    }

    /// A robust first level: the median over all patches of the mean squared coefficient in the
    /// highest-frequency band, divided by that median for pure noise. Texture in fewer than half of the
    /// patches does not move it, so the iteration starts near its fixed point.
    private func initialVariance() -> Double {
        let band = NoiseEstimatorBasis.shared.bands[0]
        let dimension = NoiseEstimatorBasis.dimension
        var energies = [Float](repeating: 0, count: patches.count)
        patches.coefficients.withUnsafeBufferPointer { coefficients in
            for patch in 0..<patches.count {
                var sum: Float = 0
                for index in band {
                    let value = coefficients[patch * dimension + index]
                    sum += value * value
                }
                energies[patch] = sum
            }
        }
        let middle = energies.count / 2
        let median = Double(energies.sorted()[middle])
        let noiseMedian = NoiseEstimatorGamma.quantile(shape: Double(band.count) / 2, probability: 0.5) * 2
        return median / noiseMedian
    }

    /// One pass: measures both folds at the level `variance` and returns the implied noise variance.
    private mutating func step(variance: Double, selection: inout [Int]) -> Double {
        updateNoiseModel(variance: variance)
        var measured = 0.0, kept = 0.0, selected = 0
        if recordsMeasuredFolds { measuredFolds.removeAll() }
        for fold: UInt8 in 0...1 {
            let band = chooseBand(measuringFold: fold, selection: &selection)
            updateComplementEnergy(band: band)
            guard let result = measure(fold: fold, band: band, selection: &selection) else { continue }
            measured += result.bandVariance * Double(result.count)
            kept += result.keptVariance
            selected += result.count
            if recordsMeasuredFolds { measuredFolds.append((band, selection)) }
        }
        guard selected > 0 else { return 0 }
        let usableCount = usable.reduce(0) { $0 + ($1 ? 1 : 0) }
        passingFraction = min(1, Double(selected) / (NoiseEstimatorBasis.measurementProbability * Double(max(usableCount, 1))))
        let quantisation = Double(clipped?.roundingVariance ?? 0)
        let bandVariance = measured / Double(selected)
        // The fraction of the added variance that clipping lets through, averaged over the measured patches.
        let retention = clipped != nil ? kept / Double(selected) / variance : 1
        guard retention > 0 else { return 0 }
        return max(bandVariance - quantisation, 0) / retention
    }

    /// Sets each patch's expected pure-noise variance and usability for noise of variance `variance`.
    private mutating func updateNoiseModel(variance: Double) {
        guard let clipped else {
            for patch in 0..<patches.count { expectedVariance[patch] = Float(variance) }
            return
        }
        let clipping = NoiseEstimatorClipping(sigma: variance.squareRoot())
        let rounding = clipped.roundingVariance
        let means = patches.means
        expectedVariance.withUnsafeMutableBufferPointer { expected in
            usable.withUnsafeMutableBufferPointer { usable in
                for patch in 0..<means.count {
                    let mean = means[patch]
                    usable[patch] = mean > clipping.lowerMean && mean < clipping.upperMean
                    expected[patch] = clipping.keptVariance(observedMean: mean) + rounding
                }
            }
        }
    }

    /// The band with the least variance over the weakly textured patches of the fold that is *not*
    /// measured, as an index into ``NoiseEstimatorBasis/bands``.
    private func chooseBand(measuringFold: UInt8, selection: inout [Int]) -> Int {
        let basis = NoiseEstimatorBasis.shared
        collect(energy: patches.gradientEnergy, threshold: basis.fullThreshold,
                fold: measuringFold, inFold: !bothFolds, into: &selection)
        guard selection.count > 1 else { return 0 }
        let variances = coefficientVariances(of: selection)
        var best = 0
        var bestVariance = Double.infinity
        for (index, band) in basis.bands.enumerated() {
            let variance = band.reduce(0) { $0 + variances[$1] }
            if variance < bestVariance {
                bestVariance = variance
                best = index
            }
        }
        return best
    }

    /// Sets ``complementEnergy`` to the gradient energy of each patch without the coefficients of `band`.
    private mutating func updateComplementEnergy(band bandIndex: Int) {
        let basis = NoiseEstimatorBasis.shared
        let band = basis.bands[bandIndex]
        let dimension = NoiseEstimatorBasis.dimension
        let weights = basis.gradientWeights
        let coefficients = patches.coefficients, fullEnergy = patches.gradientEnergy
        complementEnergy.withUnsafeMutableBufferPointer { energy in
            coefficients.withUnsafeBufferPointer { coefficients in
                for patch in 0..<energy.count {
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

    /// Measures the patches of `fold` in `band`: the mean variance of the band's coefficients over the
    /// patches that pass the texture test on the other coefficients.
    private func measure(fold: UInt8, band bandIndex: Int, selection: inout [Int])
        -> (bandVariance: Double, keptVariance: Double, count: Int)?
    {
        let basis = NoiseEstimatorBasis.shared
        collect(energy: complementEnergy, threshold: basis.complementThresholds[bandIndex],
                fold: fold, inFold: true, into: &selection)
        guard selection.count > 1 else { return nil }
        let variances = coefficientVariances(of: selection)
        let band = basis.bands[bandIndex]
        let bandVariance = band.reduce(0) { $0 + variances[$1] } / Double(band.count)
        let rounding = clipped?.roundingVariance ?? 0
        var kept = 0.0
        for patch in selection { kept += Double(expectedVariance[patch] - rounding) }
        return (bandVariance, kept, selection.count)
    }

    /// Fills `selection` with the usable patches of `fold` (`inFold`) or of the other fold whose `energy`
    /// is below `threshold` times their expected variance. When fewer than ``minimumSelection`` pass, the
    /// ``minimumSelection`` least textured of them are taken instead.
    private func collect(energy: [Float], threshold: Float, fold: UInt8, inFold: Bool, into selection: inout [Int]) {
        selection.removeAll(keepingCapacity: true)
        let admitAll = !bothFolds && !inFold
        energy.withUnsafeBufferPointer { energy in
            patches.folds.withUnsafeBufferPointer { folds in
                usable.withUnsafeBufferPointer { usable in
                    expectedVariance.withUnsafeBufferPointer { expected in
                        for patch in 0..<energy.count where usable[patch] {
                            guard admitAll || (folds[patch] == fold) == inFold else { continue }
                            if energy[patch] < threshold * expected[patch] { selection.append(patch) }
                        }
                        guard selection.count < Self.minimumSelection else { return }
                        selection.removeAll(keepingCapacity: true)
                        for patch in 0..<energy.count where usable[patch] {
                            if admitAll || (folds[patch] == fold) == inFold { selection.append(patch) }
                        }
                        guard selection.count > Self.minimumSelection else { return }
                        selection.sort { energy[$0] < energy[$1] }
                        selection.removeLast(selection.count - Self.minimumSelection)
                    }
                }
            }
        }
    }

    /// Sample variance over the patches of `selection` (at least two) of every coefficient that belongs
    /// to a band; the other entries are zero.
    private func coefficientVariances(of selection: [Int]) -> [Double] {
        let dimension = NoiseEstimatorBasis.dimension
        let measured = NoiseEstimatorBasis.shared.bandCoefficients
        var sums = [Double](repeating: 0, count: measured.count)
        var squares = [Double](repeating: 0, count: measured.count)
        patches.coefficients.withUnsafeBufferPointer { coefficients in
            measured.withUnsafeBufferPointer { measured in
                sums.withUnsafeMutableBufferPointer { sums in
                    squares.withUnsafeMutableBufferPointer { squares in
                        for patch in selection {
                            let row = coefficients.baseAddress! + patch * dimension
                            for slot in 0..<measured.count {
                                let value = Double(row[measured[slot]])
                                sums[slot] += value
                                squares[slot] += value * value
                            }
                        }
                    }
                }
            }
        }
        let count = Double(selection.count)
        var variances = [Double](repeating: 0, count: dimension)
        for (slot, index) in measured.enumerated() {
            variances[index] = (squares[slot] - sums[slot] * sums[slot] / count) / (count - 1)
        }
        return variances
    }
}
