extension SparseCoderWeights {
    /// Names of the learned tensors, in the order of ``tensors``; also their names in weight files.
    public static let tensorNames = ["analysis", "dictionary", "reconstruction", "threshold_offsets", "threshold_slopes"]

    /// The learned tensors `C`, `D`, `W`, `a`, `b` as flat row-major arrays, in a fixed order.
    public var tensors: [[Float]] {
        get { [analysis.values, dictionary.values, reconstruction.values, thresholdOffsets.values, thresholdSlopes.values] }
        set {
            precondition(newValue.count == 5, "expected five tensors")
            analysis.values = newValue[0]
            dictionary.values = newValue[1]
            reconstruction.values = newValue[2]
            thresholdOffsets.values = newValue[3]
            thresholdSlopes.values = newValue[4]
        }
    }

    /// Clamps the threshold tables at zero, so that every `lambda_t = a_t + b_t * sigma` stays
    /// non-negative for every sigma and keeps its meaning as a threshold.
    public mutating func projectThresholds() {
        for index in thresholdOffsets.values.indices {
            thresholdOffsets.values[index] = max(0, thresholdOffsets.values[index])
            thresholdSlopes.values[index] = max(0, thresholdSlopes.values[index])
        }
    }
}
