import Foundation

/// The DCT-II as a product with its `n x n` matrix, for short transforms where that beats a fast algorithm.
enum MatrixCosineTransform {
    /// See ``CosineTransform``.
    static func forward(_ layout: DCTLayout, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, scale: Float) {
        let n = layout.transformed.count
        let factors = CosineTransform.orthonormalFactors(length: n, scale: scale)
        // matrix[k * n + a]: the scaled cosine of frequency k at sample a.
        var matrix = [Float](repeating: 0, count: n * n)
        for k in 0..<n {
            for a in 0..<n {
                matrix[k * n + a] = factors[k] * Float(cos(Double.pi * Double(k * (2 * a + 1)) / Double(2 * n)))
            }
        }
        matrix.withUnsafeBufferPointer { matrix in
            // A length known at compile time lets the compiler unroll the sums, which doubles their speed.
            switch n {
            case 7: multiply(layout, input, output, matrix.baseAddress!, length: 7)
            default: multiply(layout, input, output, matrix.baseAddress!, length: n)
            }
        }
    }

    @inline(__always)
    private static func multiply(
        _ layout: DCTLayout, _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>,
        _ matrix: UnsafePointer<Float>, length n: Int
    ) {
        let inputStride = layout.transformed.inputStride, outputStride = layout.transformed.outputStride
        let loops = layout.threeLoops
        let (outer, middle, inner) = (loops[0], loops[1], loops[2])
        for first in 0..<outer.count {
            for second in 0..<middle.count {
                let inputBase = input + first * outer.inputStride + second * middle.inputStride
                let outputBase = output + first * outer.outputStride + second * middle.outputStride
                for third in 0..<inner.count {
                    let source = inputBase + third * inner.inputStride
                    let target = outputBase + third * inner.outputStride
                    for k in 0..<n {
                        var sum: Float = 0
                        for a in 0..<n { sum += matrix[k * n + a] * source[a * inputStride] }
                        target[k * outputStride] = sum
                    }
                }
            }
        }
    }
}
