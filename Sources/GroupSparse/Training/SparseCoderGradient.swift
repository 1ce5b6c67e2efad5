/// Gradients of a loss with respect to every learned tensor of a ``SparseCoderWeights``, in the same
/// shapes and order as ``SparseCoderWeights/tensors``.
struct SparseCoderGradient {
    var analysis: [Float]
    var dictionary: [Float]
    var reconstruction: [Float]
    var thresholdOffsets: [Float]
    var thresholdSlopes: [Float]
    /// Gradient of the similarity scales `kappa` (empty for a coder without groups).
    var similarityScales: [Float]
    /// Gradient of the mixing factor `mu` (empty for a coder without groups).
    var mixing: [Float]

    /// A zero gradient for `configuration`, with room for non-local parameters of `patchLength`
    /// scales when `nonLocal` is set.
    init(configuration: SparseCoderConfiguration, nonLocal: Bool = false) {
        let matrixSize = configuration.patchLength * configuration.atomCount
        let tableSize = configuration.unfoldingCount * configuration.atomCount
        analysis = [Float](repeating: 0, count: matrixSize)
        dictionary = [Float](repeating: 0, count: matrixSize)
        reconstruction = [Float](repeating: 0, count: matrixSize)
        thresholdOffsets = [Float](repeating: 0, count: tableSize)
        thresholdSlopes = [Float](repeating: 0, count: tableSize)
        similarityScales = [Float](repeating: 0, count: nonLocal ? configuration.patchLength : 0)
        mixing = [Float](repeating: 0, count: nonLocal ? 1 : 0)
    }

    /// A zero gradient shaped like `weights`.
    init(shapeOf weights: SparseCoderWeights) {
        self.init(configuration: weights.configuration, nonLocal: weights.nonLocal != nil)
    }

    /// The tensors in the fixed order the optimiser and checkpoints use.
    var tensors: [[Float]] {
        var tensors = [analysis, dictionary, reconstruction, thresholdOffsets, thresholdSlopes]
        if !mixing.isEmpty { tensors += [similarityScales, mixing] }
        return tensors
    }
}
