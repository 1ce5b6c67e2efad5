/// FISTA (Beck & Teboulle, 2009) for the lasso `min_alpha 1/2 ||x - D alpha||^2 + lambda ||alpha||_1`,
/// run on many signals at once (one per row).
public struct LassoSolver: Sendable {
    /// The dictionary `D` (`m x p`, one atom per column).
    public let dictionary: Matrix
    /// The penalty `lambda`.
    public let penalty: Float

    /// A solver for `dictionary` and `penalty`.
    public init(dictionary: Matrix, penalty: Float) {
        self.dictionary = dictionary
        self.penalty = penalty
    }

    /// Codes of the rows of `signals` (`N x m`) after `iterations` FISTA steps from zero (`N x p`).
    public func solve(_ signals: Matrix, iterations: Int) -> Matrix {
        let p = dictionary.columns, count = signals.rows * p
        let gram = Matrix.product(dictionary, .transposed, dictionary, .plain)
        let lipschitz = max(dictionary.largestEigenvalueOfGram(iterations: 50), 1e-12)
        let correlations = Matrix.product(signals, .plain, dictionary, .plain)
        var codes = Matrix(rows: signals.rows, columns: p)
        var previous = codes.values
        var extrapolated = codes
        var momentum: Float = 1
        let step = 1 / lipschitz, threshold = penalty / lipschitz
        for _ in 0..<iterations {
            let gradient = Matrix.product(extrapolated, .plain, gram, .plain)
            swap(&previous, &codes.values)
            for index in 0..<count {
                let descent = extrapolated.values[index] - step * (gradient.values[index] - correlations.values[index])
                codes.values[index] = softThreshold(descent, threshold)
            }
            let nextMomentum = (1 + (1 + 4 * momentum * momentum).squareRoot()) / 2
            let weight = (momentum - 1) / nextMomentum
            for index in 0..<count {
                extrapolated.values[index] = codes.values[index] + weight * (codes.values[index] - previous[index])
            }
            momentum = nextMomentum
        }
        return codes
    }
}
