import Foundation

/// The complete state of a training run: weights, optimiser moments and counters. Resuming from it
/// continues the run exactly as if it had not stopped.
struct TrainingCheckpoint {
    var weights: SparseCoderWeights
    var optimiser: AdamOptimizer
    var step: Int
    /// Product of the learning-rate cuts made by the divergence guard.
    var learningRateFactor: Float
    var bestValidationPSNR: Double
    var elapsedSeconds: Double
    var configuration: TrainingConfiguration

    private enum Key {
        static let step = "training.step"
        static let adamSteps = "training.adam_steps"
        static let factor = "training.learning_rate_factor"
        static let best = "training.best_validation_psnr"
        static let elapsed = "training.elapsed_seconds"
        static let configuration = "training.configuration"
    }

    func write(to url: URL) throws {
        var metadata: [String: String] = [
            Key.step: String(step),
            Key.adamSteps: String(optimiser.stepCount),
            Key.factor: String(learningRateFactor),
            Key.best: String(bestValidationPSNR),
            Key.elapsed: String(elapsedSeconds),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        metadata[Key.configuration] = String(decoding: try encoder.encode(configuration), as: UTF8.self)
        var file = weights.safetensors(metadata: metadata)
        let shapes = weights.tensorShapes
        for (index, name) in weights.learnedTensorNames.enumerated() {
            file.tensors["adam.first." + name] = .init(shape: shapes[index], values: optimiser.firstMoments[index])
            file.tensors["adam.second." + name] = .init(shape: shapes[index], values: optimiser.secondMoments[index])
        }
        try file.write(to: url)
    }

    init(weights: SparseCoderWeights, optimiser: AdamOptimizer, step: Int, learningRateFactor: Float,
         bestValidationPSNR: Double, elapsedSeconds: Double, configuration: TrainingConfiguration) {
        self.weights = weights
        self.optimiser = optimiser
        self.step = step
        self.learningRateFactor = learningRateFactor
        self.bestValidationPSNR = bestValidationPSNR
        self.elapsedSeconds = elapsedSeconds
        self.configuration = configuration
    }

    init(contentsOf url: URL) throws {
        let file = try SafetensorsFile(contentsOf: url)
        weights = try SparseCoderWeights(safetensors: file)
        func value<T: LosslessStringConvertible>(_ key: String) throws -> T {
            guard let text = file.metadata[key], let value = T(text) else {
                throw ModelFileError.invalidMetadata(key: key, reason: "missing or unparsable in checkpoint")
            }
            return value
        }
        step = try value(Key.step)
        learningRateFactor = try value(Key.factor)
        bestValidationPSNR = try value(Key.best)
        elapsedSeconds = try value(Key.elapsed)
        guard let json = file.metadata[Key.configuration] else {
            throw ModelFileError.invalidMetadata(key: Key.configuration, reason: "missing in checkpoint")
        }
        configuration = try JSONDecoder().decode(TrainingConfiguration.self, from: Data(json.utf8))
        var first: [[Float]] = [], second: [[Float]] = []
        for name in weights.learnedTensorNames {
            guard let m = file.tensors["adam.first." + name], let v = file.tensors["adam.second." + name] else {
                throw ModelFileError.missingTensor("adam moments of " + name)
            }
            let expected = weights.tensors[first.count].count
            guard m.values.count == expected, v.values.count == expected else {
                throw ModelFileError.shapeMismatch(tensor: "adam moments of " + name, expected: [expected], found: [m.values.count, v.values.count])
            }
            first.append(m.values)
            second.append(v.values)
        }
        optimiser = AdamOptimizer(learningRate: configuration.learningRate, stepCount: try value(Key.adamSteps),
                                  firstMoments: first, secondMoments: second)
    }
}

extension SparseCoderWeights {
    /// Shapes of ``tensors``, in the same order.
    var tensorShapes: [[Int]] {
        var shapes = [analysis, dictionary, reconstruction, thresholdOffsets, thresholdSlopes].map { [$0.rows, $0.columns] }
        if let nonLocal { shapes += [[1, nonLocal.similarityScales.count], [1, 1]] }
        return shapes
    }
}
