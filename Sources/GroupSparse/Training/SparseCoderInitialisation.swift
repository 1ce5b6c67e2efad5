/// A data-driven starting point for training: a dictionary learned on clean patches, scaled so that
/// `D^T D` has spectral norm one, used for all of `C`, `D`, `W`, with thresholds proportional to sigma.
/// Training then starts from a working ISTA denoiser instead of from noise.
enum SparseCoderInitialisation {
    /// Patches drawn for dictionary learning.
    static let patchSampleCount = 60_000

    static func initialWeights(
        configuration: SparseCoderConfiguration, images: [Image], rounds: Int,
        calibration: TrainingBatch, calibrationLoss: BatchLoss, seed: UInt64,
        progress: (_ fraction: Double) -> Void
    ) -> SparseCoderWeights {
        let patches = sampleNormalisedPatches(from: images, configuration: configuration, seed: seed)
        let learner = DictionaryLearner(
            atomCount: configuration.atomCount, penalty: 1.2 / Float(configuration.patchLength).squareRoot())
        var dictionary = learner.learn(from: patches, rounds: rounds, seed: seed &+ 1, progress: progress)
        let scale = 1 / max(dictionary.largestEigenvalueOfGram(), 1e-12).squareRoot()
        for index in dictionary.values.indices { dictionary.values[index] *= scale }

        // The threshold slope with the lowest calibration loss; the loss is smooth enough in the slope
        // that a coarse geometric grid finds its basin.
        var best = SparseCoderWeights(configuration: configuration, dictionary: dictionary, thresholdSlope: 0)
        var bestLoss = Double.infinity
        for slope: Float in [0.02, 0.04, 0.07, 0.1, 0.15, 0.2, 0.3, 0.45, 0.7, 1.0, 1.5] {
            let candidate = SparseCoderWeights(configuration: configuration, dictionary: dictionary, thresholdSlope: slope)
            let loss = calibrationLoss.evaluate(candidate, batch: calibration, gradient: nil).loss
            if loss < bestLoss {
                bestLoss = loss
                best = candidate
            }
        }
        return best
    }

    /// Random centred patches of unit norm, skipping nearly flat ones, which carry no structure.
    static func sampleNormalisedPatches(
        from images: [Image], configuration: SparseCoderConfiguration, seed: UInt64
    ) -> Matrix {
        let m = configuration.patchLength, k = configuration.patchSize
        var generator = SeededGenerator(seed: seed)
        var patches = Matrix(rows: patchSampleCount, columns: m)
        var means = [Float](repeating: 0, count: configuration.channels)
        var count = 0
        var attempts = 0
        patches.values.withUnsafeMutableBufferPointer { buffer in
            while count < patchSampleCount && attempts < patchSampleCount * 20 {
                attempts += 1
                let image = images[Int(generator.next() % UInt64(images.count))]
                let grid = PatchGrid(image: image, patchSize: k)
                let index = Int(generator.next() % UInt64(grid.patchCount))
                let row = buffer.baseAddress! + count * m
                grid.extractCentred(image, patches: index..<index + 1, into: row, means: &means)
                var norm: Float = 0
                for i in 0..<m { norm += row[i] * row[i] }
                norm = norm.squareRoot()
                guard norm > 0.05 else { continue }
                for i in 0..<m { row[i] /= norm }
                count += 1
            }
        }
        return Matrix(rows: count, columns: m, values: Array(patches.values[0..<count * m]))
    }
}
