@testable import GroupSparse

/// Random sparse-coder weights for tests: Gaussian matrices `C`, `D`, `W` of spread `matrixScale`,
/// thresholds `a ~ N(offset.mean, offset.spread)` and `b ~ N(slope.mean, slope.spread)` clamped at zero,
/// drawn in that order from `generator`.
func randomCoderWeights(
    _ configuration: SparseCoderConfiguration, generator: inout SeededGenerator, matrixScale: Double,
    offset: (mean: Double, spread: Double), slope: (mean: Double, spread: Double)
) -> SparseCoderWeights {
    let m = configuration.patchLength, p = configuration.atomCount, t = configuration.unfoldingCount
    func matrix(_ rows: Int, _ columns: Int, scale: Double, mean: Double = 0) -> Matrix {
        Matrix(rows: rows, columns: columns,
               values: (0..<rows * columns).map { _ in Float(mean + scale * generator.nextGaussian()) })
    }
    var weights = SparseCoderWeights(
        configuration: configuration,
        analysis: matrix(m, p, scale: matrixScale), dictionary: matrix(m, p, scale: matrixScale),
        reconstruction: matrix(m, p, scale: matrixScale),
        thresholdOffsets: matrix(t, p, scale: offset.spread, mean: offset.mean),
        thresholdSlopes: matrix(t, p, scale: slope.spread, mean: slope.mean))
    weights.projectThresholds()
    return weights
}
