import Foundation
@testable import GroupSparse

/// A plain double-precision implementation of the group-sparse coder's training loss with the
/// pilots and neighbour indices of a given forward pass held fixed (as the analytic gradient holds
/// them), written loop by loop from the definitions.
struct ReferenceGroupSparseCoder {
    var configuration: SparseCoderConfiguration
    var nonLocal: NonLocalConfiguration
    /// C, D, W, a, b, kappa, [mu], as in `SparseCoderWeights.tensors`.
    var tensors: [[Double]]
    /// Per refresh: raw pilot patches (`rows x m`), neighbour indices (`rows x K`), pilot noise
    /// variance per image.
    var pilots: [[Double]]
    var indices: [[Int32]]
    var variances: [[Double]]

    init(_ weights: SparseCoderWeights, pass: GroupSparsePass) {
        configuration = weights.configuration
        nonLocal = weights.nonLocal!.configuration
        tensors = weights.tensors.map { $0.map(Double.init) }
        pilots = pass.pilots.map { $0.map(Double.init) }
        indices = pass.groups.map(\.indices)
        variances = pass.pilotNoiseVariances.map { $0.map(Double.init) }
    }

    private func similarity(_ refresh: Int, pilot: Int, row: Int, member: Int, perImage: Int) -> Double {
        let m = configuration.patchLength, k = nonLocal.neighbourCount
        let kappa = tensors[5]
        let other = Int(indices[refresh][row * k + member])
        let bias = 2 * variances[pilot][row / perImage]
        var exponent = 0.0
        for q in 0..<m {
            let difference = pilots[pilot][row * m + q] - pilots[pilot][other * m + q]
            exponent += kappa[q] * kappa[q] * (difference * difference - bias)
        }
        return exp(-max(0, exponent))
    }

    func loss(_ batch: TrainingBatch) -> Double {
        let m = configuration.patchLength, p = configuration.atomCount, k = nonLocal.neighbourCount
        let size = configuration.patchSize
        let (c, d, w, a, b) = (tensors[0], tensors[1], tensors[2], tensors[3], tensors[4])
        let mu = tensors[6][0]
        let width = batch.noisy[0].width, height = batch.noisy[0].height
        let perImage = (width - size + 1) * (height - size + 1)
        let rows = perImage * batch.noisy.count

        var y = [[Double]](), means = [Double]()
        for image in batch.noisy {
            for top in 0...(height - size) {
                for left in 0...(width - size) {
                    var patch = [Double](repeating: 0, count: m)
                    for dy in 0..<size { for dx in 0..<size { patch[dy * size + dx] = Double(image[0, top + dy, left + dx]) } }
                    let mean = patch.reduce(0, +) / Double(m)
                    y.append(patch.map { $0 - mean })
                    means.append(mean)
                }
            }
        }
        var alpha = [[Double]](repeating: [Double](repeating: 0, count: p), count: rows)
        for t in 0..<configuration.unfoldingCount {
            let r = t / nonLocal.refreshInterval
            var beta = alpha
            for row in 0..<rows {
                var residual = y[row]
                if t > 0 { for i in 0..<m { for j in 0..<p { residual[i] -= d[i * p + j] * alpha[row][j] } } }
                for j in 0..<p { for i in 0..<m { beta[row][j] += c[i * p + j] * residual[i] } }
            }
            for row in 0..<rows {
                let sigma = Double(batch.sigmas[row / perImage])
                var weights = [Double](repeating: 0, count: k)
                for member in 0..<k {
                    let fresh = similarity(r, pilot: r, row: row, member: member, perImage: perImage)
                    weights[member] = r == 0 ? fresh
                        : (1 - mu) * similarity(r, pilot: r - 1, row: row, member: member, perImage: perImage) + mu * fresh
                }
                let weightSum = weights.reduce(0, +)
                for j in 0..<p {
                    var energy = 0.0
                    for member in 0..<k {
                        let other = Int(indices[r][row * k + member])
                        energy += weights[member] * beta[other][j] * beta[other][j]
                    }
                    let lambda = a[t * p + j] + b[t * p + j] * sigma
                    let factor = 1 - lambda * weightSum.squareRoot() / (energy + Double(GroupShrinkage.epsilon)).squareRoot()
                    alpha[row][j] = factor > 0 ? beta[row][j] * factor : 0
                }
            }
        }
        var total = 0.0
        for (imageIndex, clean) in batch.clean.enumerated() {
            var sums = [Double](repeating: 0, count: width * height), counts = sums
            var row = imageIndex * perImage
            for top in 0...(height - size) {
                for left in 0...(width - size) {
                    for dy in 0..<size {
                        for dx in 0..<size {
                            var value = means[row]
                            for j in 0..<p { value += w[(dy * size + dx) * p + j] * alpha[row][j] }
                            sums[(top + dy) * width + left + dx] += value
                            counts[(top + dy) * width + left + dx] += 1
                        }
                    }
                    row += 1
                }
            }
            var squaredError = 0.0
            for index in sums.indices {
                let difference = sums[index] / counts[index] - Double(clean.pixels[index])
                squaredError += difference * difference
            }
            total += Double(batch.lossWeights[imageIndex]) * squaredError / Double(sums.count)
        }
        return total / Double(batch.noisy.count)
    }
}
