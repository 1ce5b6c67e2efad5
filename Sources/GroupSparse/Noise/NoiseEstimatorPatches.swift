/// The DCT coefficients of the 7 x 7 patches of one image plane on a regular grid, with what the
/// estimator's iterations read from them again and again.
///
/// Values are on the 0-255 scale. Patches are split into two folds by a checkerboard of square tiles, so
/// that a choice made on one fold can be checked on noise it has not seen.
struct NoiseEstimatorPatches {
    /// Number of patches.
    let count: Int
    /// `coefficients[patch * 49 + i * 7 + j]`: coefficient of vertical frequency `i` and horizontal
    /// frequency `j`.
    let coefficients: [Float]
    /// Gradient energy of each patch, `sum lambda_ij c_ij^2`.
    let gradientEnergy: [Float]
    /// Mean sample of each patch.
    let means: [Float]
    /// Fold of each patch, 0 or 1.
    let folds: [UInt8]

    /// The largest number of patch positions per plane; above it the grid stride grows. Overlapping
    /// patches at stride 1 or 2 still see almost all the information in the plane, and beyond a few
    /// tens of thousands of patches the estimate is limited by texture rather than by sample size.
    static let positionBudget = 70_000
    /// Side of the tiles that form the folds, in samples.
    static let tileSide = 64

    /// Computes the patches of `plane` (`height` rows of `width` samples on the [0, 1] scale).
    ///
    /// - Precondition: Both sides are at least 7.
    init(plane: UnsafeBufferPointer<Float>, width: Int, height: Int) {
        let size = NoiseEstimatorBasis.size
        let dimension = NoiseEstimatorBasis.dimension
        let basis = NoiseEstimatorBasis.shared
        precondition(width >= size && height >= size, "plane smaller than a patch")

        let positions = (width - size + 1) * (height - size + 1)
        var stride = 1
        while positions / (stride * stride) > Self.positionBudget { stride += 1 }
        let columns = (width - size) / stride + 1
        let rows = (height - size) / stride + 1
        let count = columns * rows
        // Small planes get smaller tiles so that both folds hold patches.
        let tile = max(size + 1, min(Self.tileSide, (min(width, height) - size + 2) / 2))

        var coefficients = [Float](repeating: 0, count: count * dimension)
        var gradientEnergy = [Float](repeating: 0, count: count)
        var means = [Float](repeating: 0, count: count)
        var folds = [UInt8](repeating: 0, count: count)
        // Vertically overlapping patches share their rows' transforms, so a patch costs about 8 short
        // transforms rather than 14.
        let layout = DCT2D(patchesOfPlaneWithWidth: width, size: size, spacing: stride, gridRows: rows, gridColumns: columns)
        coefficients.withUnsafeMutableBufferPointer { output in
            layout.forward(plane.baseAddress!, into: output.baseAddress!, scale: 255)
        }
        basis.gradientWeights.withUnsafeBufferPointer { weights in
            coefficients.withUnsafeBufferPointer { output in
                for row in 0..<rows {
                    for column in 0..<columns {
                        let patch = row * columns + column
                        let target = patch * dimension
                        var energy: Float = 0
                        for index in 0..<dimension {
                            energy += weights[index] * output[target + index] * output[target + index]
                        }
                        gradientEnergy[patch] = energy
                        // The DC coefficient of the orthonormal transform is the sum over 7.
                        means[patch] = output[target] / Float(size)
                        let top = row * stride, left = column * stride
                        folds[patch] = UInt8((top / tile + left / tile) % 2)
                    }
                }
            }
        }
        self.count = count
        self.coefficients = coefficients
        self.gradientEnergy = gradientEnergy
        self.means = means
        self.folds = folds
    }
}
