extension SparseCoderWeights {
    /// Names of the learned tensors of every coder, in the order of ``tensors``; also their names in
    /// weight files.
    public static let tensorNames = ["analysis", "dictionary", "reconstruction", "threshold_offsets", "threshold_slopes"]

    /// Names of the further tensors of a group-sparse coder.
    public static let nonLocalTensorNames = ["similarity_scales", "mixing"]

    /// Names of this coder's learned tensors, in the order of ``tensors``.
    public var learnedTensorNames: [String] {
        nonLocal == nil ? Self.tensorNames : Self.tensorNames + Self.nonLocalTensorNames
    }

    /// The learned tensors `C`, `D`, `W`, `a`, `b` (and `kappa`, `mu` for a group-sparse coder) as
    /// flat row-major arrays, in a fixed order.
    public var tensors: [[Float]] {
        get {
            var tensors = [analysis.values, dictionary.values, reconstruction.values,
                           thresholdOffsets.values, thresholdSlopes.values]
            if let nonLocal { tensors += [nonLocal.similarityScales, [nonLocal.mixing]] }
            return tensors
        }
        set {
            precondition(newValue.count == learnedTensorNames.count, "expected \(learnedTensorNames.count) tensors")
            analysis.values = newValue[0]
            dictionary.values = newValue[1]
            reconstruction.values = newValue[2]
            thresholdOffsets.values = newValue[3]
            thresholdSlopes.values = newValue[4]
            if nonLocal != nil {
                nonLocal!.similarityScales = newValue[5]
                nonLocal!.mixing = newValue[6][0]
            }
        }
    }

    /// Clamps the threshold tables at zero, so that every `lambda_t = a_t + b_t * sigma` stays
    /// non-negative for every sigma and keeps its meaning as a threshold, and the mixing factor to
    /// [0, 1].
    public mutating func projectThresholds() {
        for index in thresholdOffsets.values.indices {
            thresholdOffsets.values[index] = max(0, thresholdOffsets.values[index])
            thresholdSlopes.values[index] = max(0, thresholdSlopes.values[index])
        }
        if let mixing = nonLocal?.mixing { nonLocal!.mixing = min(max(mixing, 0), 1) }
    }
}
