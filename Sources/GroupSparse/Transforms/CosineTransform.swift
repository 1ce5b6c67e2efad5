/// The backends that compute batches of one-dimensional orthonormal DCT-II transforms.
///
/// Every backend computes, for each transform of a ``DCTLayout``,
///
///     X[k] = scale * c(k) * sum_a x[a] cos(pi k (2a + 1) / 2n),   c(0) = sqrt(1/n), c(k > 0) = sqrt(2/n),
///
/// so they are interchangeable up to rounding. ``preferred(length:)`` picks the faster one for a length;
/// an Accelerate (vDSP) backend would be added here as another case.
enum CosineTransform: Sendable {
    /// Products with the cosine matrix, in plain Swift loops (``MatrixCosineTransform``).
    case matrix
    /// FFTW's `REDFT10` through cached plans (``FFTWCosineTransform``).
    case fftw

    /// The backend for transforms of `length` samples.
    ///
    /// Timed side by side on batches of 4 million samples in 2-D blocks, the matrix product was faster
    /// for lengths 4 and 7, and FFTW for 8, 12, 16, 24 and 32: FFTW has hand-made kernels for small
    /// powers of two but reaches odd lengths such as 7 through a general algorithm, while the matrix
    /// product's `n^2` work grows quickly.
    static func preferred(length: Int) -> CosineTransform {
        length <= matrixLengthLimit ? .matrix : .fftw
    }

    /// The longest transform for which ``preferred(length:)`` picks ``matrix``.
    static let matrixLengthLimit = 7

    /// Transforms every batch entry of `layout` from `input` into `output`.
    func forward(_ layout: DCTLayout, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, scale: Float) {
        switch self {
        case .matrix: MatrixCosineTransform.forward(layout, input, output, scale: scale)
        case .fftw: FFTWCosineTransform.forward(layout, input, output, scale: scale)
        }
    }

    /// `scale * c(k)` for `k` in `0..<length`: the orthonormal factor of each output frequency.
    static func orthonormalFactors(length: Int, scale: Float) -> [Float] {
        let n = Double(length)
        return (0..<length).map { Float(($0 == 0 ? (1 / n).squareRoot() : (2 / n).squareRoot()) * Double(scale)) }
    }
}
