extension Matrix {
    /// The largest eigenvalue of `A^T A` (the squared spectral norm of `A`), by power iteration.
    ///
    /// ISTA-type iterations with dictionary `D` are stable when their step is at most `1 / L` with
    /// `L = ||D||_2^2`; dividing `D` by `sqrt(L)` makes a step of one safe.
    public func largestEigenvalueOfGram(iterations: Int = 200) -> Float {
        let gram = Matrix.product(self, .transposed, self, .plain)
        let size = gram.rows
        guard size > 0 else { return 0 }
        var vector = [Float](repeating: 1 / Float(size).squareRoot(), count: size)
        var next = [Float](repeating: 0, count: size)
        var eigenvalue: Float = 0
        for _ in 0..<iterations {
            var norm: Float = 0
            for row in 0..<size {
                var sum: Float = 0
                for column in 0..<size { sum += gram.values[row * size + column] * vector[column] }
                next[row] = sum
                norm += sum * sum
            }
            norm = norm.squareRoot()
            guard norm > 0 else { return 0 }
            eigenvalue = norm
            for index in 0..<size { vector[index] = next[index] / norm }
        }
        return eigenvalue
    }
}
