import CKernels

/// The soft-thresholding operator `S_lambda(z) = sign(z) * max(|z| - lambda, 0)`, the proximal map of
/// `lambda * |.|_1` and the non-linearity of ISTA and LISTA.
@inlinable
public func softThreshold(_ value: Float, _ threshold: Float) -> Float {
    if value > threshold { return value - threshold }
    if value < -threshold { return value + threshold }
    return 0
}

enum Shrinkage {
    /// `codes[i, j] <- S_{lambda[j]}(preActivations[i, j])` for `rows` codes of `atomCount` entries,
    /// with the same bits as ``GroupSparse/softThreshold(_:_:)`` in every ``KernelSet``.
    static func softThreshold(
        _ preActivations: UnsafePointer<Float>, thresholds: UnsafePointer<Float>,
        rows: Int, atomCount: Int, into codes: UnsafeMutablePointer<Float>
    ) {
        gs_soft_threshold(preActivations, thresholds, rows, atomCount, codes)
    }

    /// The adjoint of ``softThreshold(_:thresholds:rows:atomCount:into:)`` for rows of one noise
    /// level: `G_Z = G_A * 1[|Z| > lambda]` in place of `gradient`, and, where the mask holds,
    /// `-sign(Z) G_A` added to `offsetGradient` (dlambda) and `sigma` times it to `slopeGradient`.
    /// The sums run row after row for each atom, as in a plain loop.
    static func softThresholdAdjoint(
        _ preActivations: UnsafePointer<Float>, thresholds: UnsafePointer<Float>, sigma: Float,
        rows: Int, atomCount: Int, gradient: UnsafeMutablePointer<Float>,
        offsetGradient: UnsafeMutablePointer<Float>, slopeGradient: UnsafeMutablePointer<Float>
    ) {
        gs_soft_threshold_adjoint(preActivations, thresholds, sigma, rows, atomCount,
                                  gradient, offsetGradient, slopeGradient)
    }
}
