import Foundation

/// The fixed patch geometry of the noise estimator: a 7 x 7 two-dimensional DCT-II and the bands of it in
/// which noise is measured.
///
/// The gradient energy of a patch, the sum of its squared horizontal and vertical differences between
/// neighbouring samples inside the patch, is `x^T L x` for the Laplacian `L` of the 7 x 7 grid graph. The
/// eigenvectors of that Laplacian are exactly the 2-D DCT-II basis patches, with eigenvalue
/// `l(i) + l(j)`, `l(k) = 2 - 2 cos(pi k / 7)`, so in DCT coefficients the gradient energy is the diagonal
/// form `sum lambda_ij c_ij^2`. For white noise the coefficients are independent with the noise variance.
struct NoiseEstimatorBasis: Sendable {
    /// Side of a patch.
    static let size = 7
    /// Samples in a patch, which is also the number of coefficients.
    static let dimension = size * size
    /// Coefficients in each evaluation band.
    static let bandWidth = 6
    /// Fraction of pure-noise patches that pass the texture test used to pick the evaluation band.
    static let bandChoiceProbability = 0.99
    /// Fraction of pure-noise patches that pass the texture test of the patches that are measured. The
    /// test cannot bias the measurement, so a strict one only trades texture leaking into the band
    /// against fewer patches; 0.7 balanced the two on the BSD400 training images.
    static let measurementProbability = 0.7

    /// Laplacian eigenvalue of each coefficient, indexed `i * size + j` (vertical frequency `i`,
    /// horizontal frequency `j`): the weight of the coefficient in the gradient energy.
    let gradientWeights: [Float]
    /// Candidate evaluation bands: the highest frequencies overall, the highest vertical frequencies,
    /// the highest horizontal frequencies.
    let bands: [[Int]]
    /// Every coefficient that belongs to some band, in increasing order.
    let bandCoefficients: [Int]
    /// For each band, the gradient weights with the band's coefficients set to zero.
    let complementWeights: [[Float]]
    /// For each band, the threshold on the complement gradient energy of a pure-noise patch of unit
    /// variance that a fraction ``measurementProbability`` of such patches stays below.
    let complementThresholds: [Float]
    /// The threshold on the full gradient energy of a unit-variance pure-noise patch at
    /// ``bandChoiceProbability``.
    let fullThreshold: Float

    /// The one instance; everything in it depends on the constants above only.
    static let shared = NoiseEstimatorBasis()

    private init() {
        let size = Self.size
        let line = (0..<size).map { 2 - 2 * cos(Double.pi * Double($0) / Double(size)) }
        var weights = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0..<size { weights[i * size + j] = line[i] + line[j] }
        }

        // Natural images have least energy at the highest frequencies, so those carry the purest noise.
        // Scanned or resampled images often keep structure along one axis only (scan lines, interlacing),
        // which the two one-sided bands avoid; the anisotropy 1/4 still ranks the other axis as a tie-break.
        func band(vertical: Double, horizontal: Double) -> [Int] {
            let order = (0..<(size * size)).sorted { first, second in
                let a = vertical * line[first / size] + horizontal * line[first % size]
                let b = vertical * line[second / size] + horizontal * line[second % size]
                return a != b ? a > b : first < second
            }
            return Array(order.prefix(Self.bandWidth))
        }
        let bands = [band(vertical: 1, horizontal: 1), band(vertical: 1, horizontal: 0.25),
                     band(vertical: 0.25, horizontal: 1)]

        var complements: [[Float]] = []
        var thresholds: [Float] = []
        for band in bands {
            var complement = weights
            for index in band { complement[index] = 0 }
            complements.append(complement.map(Float.init))
            thresholds.append(Float(NoiseEstimatorGamma.weightedChiSquareQuantile(
                weights: complement, probability: Self.measurementProbability)))
        }

        self.gradientWeights = weights.map(Float.init)
        self.bands = bands
        self.bandCoefficients = Array(Set(bands.joined())).sorted()
        self.complementWeights = complements
        self.complementThresholds = thresholds
        self.fullThreshold = Float(NoiseEstimatorGamma.weightedChiSquareQuantile(
            weights: weights, probability: Self.bandChoiceProbability))
    }
}
