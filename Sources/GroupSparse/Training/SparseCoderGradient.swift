/// Gradients of a loss with respect to every learned tensor of a ``SparseCoderWeights``, in the same
/// shapes.
struct SparseCoderGradient {
    var analysis: [Float]
    var dictionary: [Float]
    var reconstruction: [Float]
    var thresholdOffsets: [Float]
    var thresholdSlopes: [Float]

    /// A zero gradient for `configuration`.
    init(configuration: SparseCoderConfiguration) {
        let matrixSize = configuration.patchLength * configuration.atomCount
        let tableSize = configuration.unfoldingCount * configuration.atomCount
        analysis = [Float](repeating: 0, count: matrixSize)
        dictionary = [Float](repeating: 0, count: matrixSize)
        reconstruction = [Float](repeating: 0, count: matrixSize)
        thresholdOffsets = [Float](repeating: 0, count: tableSize)
        thresholdSlopes = [Float](repeating: 0, count: tableSize)
    }

    /// The tensors in the fixed order the optimiser and checkpoints use.
    var tensors: [[Float]] { [analysis, dictionary, reconstruction, thresholdOffsets, thresholdSlopes] }
}
