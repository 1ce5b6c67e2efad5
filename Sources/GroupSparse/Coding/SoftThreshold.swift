/// The soft-thresholding operator `S_lambda(z) = sign(z) * max(|z| - lambda, 0)`, the proximal map of
/// `lambda * |.|_1` and the non-linearity of ISTA and LISTA.
@inlinable
public func softThreshold(_ value: Float, _ threshold: Float) -> Float {
    if value > threshold { return value - threshold }
    if value < -threshold { return value + threshold }
    return 0
}

enum Shrinkage {
    /// `codes[i, j] <- S_{lambda[j]}(preActivations[i, j])` for `rows` codes of `atomCount` entries.
    static func softThreshold(
        _ preActivations: UnsafePointer<Float>, thresholds: UnsafePointer<Float>,
        rows: Int, atomCount: Int, into codes: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<rows {
            let z = preActivations + row * atomCount
            let alpha = codes + row * atomCount
            for atom in 0..<atomCount {
                alpha[atom] = GroupSparse.softThreshold(z[atom], thresholds[atom])
            }
        }
    }
}
