@testable import GroupSparse

/// A plain double-precision implementation of the whole training loss, written loop by loop from the
/// definitions, against which the BLAS forward pass and the hand-written adjoints are checked.
struct ReferenceSparseCoder {
    var configuration: SparseCoderConfiguration
    /// C, D, W (m x p, row-major) and a, b (T x p), as in `SparseCoderWeights.tensors`.
    var tensors: [[Double]]

    init(_ weights: SparseCoderWeights) {
        configuration = weights.configuration
        tensors = weights.tensors.map { $0.map(Double.init) }
    }

    /// Patch estimates (means added back) of one noisy image at noise level `sigma` ([0, 1] scale).
    func patchEstimates(_ image: Image, sigma: Double) -> [[Double]] {
        let m = configuration.patchLength, p = configuration.atomCount, k = configuration.patchSize
        let (c, d, w, a, b) = (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4])
        var estimates: [[Double]] = []
        for top in 0...(image.height - k) {
            for left in 0...(image.width - k) {
                var y = [Double](repeating: 0, count: m)
                for dy in 0..<k { for dx in 0..<k { y[dy * k + dx] = Double(image[0, top + dy, left + dx]) } }
                let mean = y.reduce(0, +) / Double(m)
                y = y.map { $0 - mean }
                var alpha = [Double](repeating: 0, count: p)
                for t in 0..<configuration.unfoldingCount {
                    var residual = y
                    for i in 0..<m { for j in 0..<p { residual[i] -= d[i * p + j] * alpha[j] } }
                    var next = alpha
                    for j in 0..<p {
                        for i in 0..<m { next[j] += c[i * p + j] * residual[i] }
                        let lambda = a[t * p + j] + b[t * p + j] * sigma
                        next[j] = next[j] > lambda ? next[j] - lambda : (next[j] < -lambda ? next[j] + lambda : 0)
                    }
                    alpha = next
                }
                var x = [Double](repeating: mean, count: m)
                for i in 0..<m { for j in 0..<p { x[i] += w[i * p + j] * alpha[j] } }
                estimates.append(x)
            }
        }
        return estimates
    }

    /// The averaged image estimate of one noisy image.
    func denoise(_ image: Image, sigma: Double) -> [Double] {
        let k = configuration.patchSize
        var sums = [Double](repeating: 0, count: image.planeSize)
        var counts = [Double](repeating: 0, count: image.planeSize)
        var index = 0
        let estimates = patchEstimates(image, sigma: sigma)
        for top in 0...(image.height - k) {
            for left in 0...(image.width - k) {
                for dy in 0..<k {
                    for dx in 0..<k {
                        sums[(top + dy) * image.width + left + dx] += estimates[index][dy * k + dx]
                        counts[(top + dy) * image.width + left + dx] += 1
                    }
                }
                index += 1
            }
        }
        return zip(sums, counts).map { $0 / $1 }
    }

    /// The trainer's loss `(1/B) sum_b w_b mean((x_hat_b - x_b)^2)`.
    func loss(_ batch: TrainingBatch) -> Double {
        var total: Double = 0
        for crop in batch.noisy.indices {
            let estimate = denoise(batch.noisy[crop], sigma: Double(batch.sigmas[crop]))
            let clean = batch.clean[crop].pixels
            var squaredError: Double = 0
            for i in estimate.indices { squaredError += (estimate[i] - Double(clean[i])) * (estimate[i] - Double(clean[i])) }
            total += Double(batch.lossWeights[crop]) * squaredError / Double(estimate.count)
        }
        return total / Double(batch.noisy.count)
    }
}
