/// The learned parameters of the unrolled sparse coder (LISTA with untied matrices, as in GroupSC).
///
/// Each unfolding computes, for a centred noisy patch `y`,
///
///     alpha <- S_lambda_t( alpha + C^T (y - D alpha) ),    lambda_t = a_t + b_t * sigma,
///
/// from `alpha = 0`, and the patch estimate is `W alpha` plus the patch mean. `C` (analysis), `D`
/// (iteration dictionary) and `W` (reconstruction dictionary) are `m x p` with one atom per column;
/// `sigma` is the noise standard deviation on the [0, 1] intensity scale, so thresholds grow with the
/// noise level and one model serves every sigma.
public struct SparseCoderWeights: Sendable, Equatable {
    /// The shape of the coder.
    public let configuration: SparseCoderConfiguration
    /// The analysis matrix `C` (`m x p`).
    public var analysis: Matrix
    /// The iteration dictionary `D` (`m x p`).
    public var dictionary: Matrix
    /// The reconstruction dictionary `W` (`m x p`).
    public var reconstruction: Matrix
    /// Threshold offsets `a_t` (`T x p`, non-negative).
    public var thresholdOffsets: Matrix
    /// Threshold slopes `b_t` with respect to sigma (`T x p`, non-negative).
    public var thresholdSlopes: Matrix
    /// The similarity parameters of a group-sparse coder (GroupSC), or `nil` for a coder that codes
    /// every patch on its own (SC).
    public var nonLocal: NonLocalWeights?

    /// Creates weights with `C = D = W = dictionary` and thresholds `lambda_t = slope * sigma`: the
    /// ISTA iteration for a dictionary scaled so that `D^T D` has spectral norm 1.
    public init(configuration: SparseCoderConfiguration, dictionary: Matrix, thresholdSlope: Float) {
        precondition(dictionary.rows == configuration.patchLength && dictionary.columns == configuration.atomCount,
                     "dictionary does not match the configuration")
        self.configuration = configuration
        self.analysis = dictionary
        self.dictionary = dictionary
        self.reconstruction = dictionary
        self.thresholdOffsets = Matrix(rows: configuration.unfoldingCount, columns: configuration.atomCount)
        self.thresholdSlopes = Matrix(
            rows: configuration.unfoldingCount, columns: configuration.atomCount, repeating: thresholdSlope)
    }

    /// Creates weights from all five tensors.
    ///
    /// - Precondition: the shapes match `configuration`.
    public init(
        configuration: SparseCoderConfiguration, analysis: Matrix, dictionary: Matrix, reconstruction: Matrix,
        thresholdOffsets: Matrix, thresholdSlopes: Matrix
    ) {
        let m = configuration.patchLength, p = configuration.atomCount, t = configuration.unfoldingCount
        for matrix in [analysis, dictionary, reconstruction] {
            precondition(matrix.rows == m && matrix.columns == p, "matrix does not match the configuration")
        }
        for table in [thresholdOffsets, thresholdSlopes] {
            precondition(table.rows == t && table.columns == p, "thresholds do not match the configuration")
        }
        self.configuration = configuration
        self.analysis = analysis
        self.dictionary = dictionary
        self.reconstruction = reconstruction
        self.thresholdOffsets = thresholdOffsets
        self.thresholdSlopes = thresholdSlopes
    }

    /// Number of learned scalars.
    public var parameterCount: Int { configuration.parameterCount + (nonLocal?.parameterCount ?? 0) }

    /// The thresholds `lambda_t = a_t + b_t * sigma` of unfolding `t` written into `thresholds`.
    ///
    /// - Parameter sigma: noise standard deviation on the [0, 1] scale.
    func thresholds(unfolding t: Int, sigma: Float, into thresholds: UnsafeMutablePointer<Float>) {
        let p = configuration.atomCount
        thresholdOffsets.values.withUnsafeBufferPointer { offsets in
            thresholdSlopes.values.withUnsafeBufferPointer { slopes in
                for atom in 0..<p {
                    thresholds[atom] = offsets[t * p + atom] + slopes[t * p + atom] * sigma
                }
            }
        }
    }
}
