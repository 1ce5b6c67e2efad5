/// Online dictionary learning (Mairal, Bach, Ponce & Sapiro, JMLR 2010) on a matrix of patches.
///
/// Each round draws a mini-batch of patches, codes it by FISTA on the lasso
/// `min_alpha 1/2 ||x - D alpha||^2 + lambda ||alpha||_1` with the current dictionary, folds the codes
/// into the running statistics `A = sum alpha alpha^T` and `B = sum x alpha^T` (older rounds slowly
/// forgotten), then updates every atom by block-coordinate descent on the surrogate
/// `1/2 Tr(D^T D A) - Tr(D^T B)`, projecting atoms onto the unit ball.
public struct DictionaryLearner: Sendable {
    /// Number of atoms `p` to learn.
    public var atomCount: Int
    /// Lasso penalty `lambda`, for patches of unit norm.
    public var penalty: Float
    /// Patches per mini-batch.
    public var batchSize: Int = 512
    /// FISTA iterations per mini-batch.
    public var codingIterations: Int = 40

    /// A learner of `atomCount` atoms with lasso penalty `penalty`.
    public init(atomCount: Int, penalty: Float) {
        self.atomCount = atomCount
        self.penalty = penalty
    }

    /// Learns a dictionary (`m x p`, unit-norm atoms as columns) from the rows of `patches`.
    ///
    /// Rows are used as given: centre and normalise them beforehand (the penalty assumes unit norm).
    /// `progress` is called after every round with the fraction of rounds done.
    public func learn(
        from patches: Matrix, rounds: Int, seed: UInt64, progress: (_ fraction: Double) -> Void = { _ in }
    ) -> Matrix {
        precondition(patches.rows >= atomCount, "need at least as many patches as atoms")
        let m = patches.columns, p = atomCount, batch = min(batchSize, patches.rows)
        var generator = SeededGenerator(seed: seed)
        var dictionary = Matrix(rows: m, columns: p)
        for atom in 0..<p {
            let row = Int(generator.next() % UInt64(patches.rows))
            setColumn(atom, of: &dictionary, from: patches, row: row)
        }
        var codeStatistics = Matrix(rows: p, columns: p)
        var patchStatistics = Matrix(rows: m, columns: p)
        var samples = Matrix(rows: batch, columns: m)

        for round in 1...rounds {
            for sample in 0..<batch {
                let row = Int(generator.next() % UInt64(patches.rows))
                for index in 0..<m { samples.values[sample * m + index] = patches.values[row * m + index] }
            }
            let codes = LassoSolver(dictionary: dictionary, penalty: penalty)
                .solve(samples, iterations: codingIterations)
            // Forgetting factor of the mini-batch variant: early rounds, coded with a poor dictionary,
            // fade out while later ones accumulate.
            let forgetting = Float(1 - 1 / Double(round))
            let codeGram = Matrix.product(codes, .transposed, codes, .plain)
            let patchCode = Matrix.product(samples, .transposed, codes, .plain)
            for index in codeStatistics.values.indices {
                codeStatistics.values[index] = forgetting * codeStatistics.values[index] + codeGram.values[index]
            }
            for index in patchStatistics.values.indices {
                patchStatistics.values[index] = forgetting * patchStatistics.values[index] + patchCode.values[index]
            }
            updateAtoms(&dictionary, codeStatistics: codeStatistics, patchStatistics: patchStatistics,
                        patches: patches, generator: &generator)
            progress(Double(round) / Double(rounds))
        }
        return dictionary
    }

    /// One sweep of block-coordinate descent: `d_j <- proj(d_j + (b_j - D a_j) / A_jj)`.
    private func updateAtoms(
        _ dictionary: inout Matrix, codeStatistics: Matrix, patchStatistics: Matrix,
        patches: Matrix, generator: inout SeededGenerator
    ) {
        let m = dictionary.rows, p = dictionary.columns
        var update = [Float](repeating: 0, count: m)
        for atom in 0..<p {
            let diagonal = codeStatistics[atom, atom]
            guard diagonal > 1e-6 else {
                // An atom no code uses is wasted capacity: restart it from a random patch.
                let row = Int(generator.next() % UInt64(patches.rows))
                setColumn(atom, of: &dictionary, from: patches, row: row)
                continue
            }
            var norm: Float = 0
            for row in 0..<m {
                var reconstruction: Float = 0
                for other in 0..<p {
                    reconstruction += dictionary.values[row * p + other] * codeStatistics.values[other * p + atom]
                }
                let value = dictionary.values[row * p + atom]
                    + (patchStatistics.values[row * p + atom] - reconstruction) / diagonal
                update[row] = value
                norm += value * value
            }
            let scale = 1 / max(1, norm.squareRoot())
            for row in 0..<m { dictionary.values[row * p + atom] = update[row] * scale }
        }
    }

    private func setColumn(_ atom: Int, of dictionary: inout Matrix, from patches: Matrix, row: Int) {
        let m = dictionary.rows, p = dictionary.columns
        var norm: Float = 0
        for index in 0..<m { norm += patches.values[row * m + index] * patches.values[row * m + index] }
        let scale = norm > 0 ? 1 / norm.squareRoot() : 0
        for index in 0..<m { dictionary.values[index * p + atom] = patches.values[row * m + index] * scale }
    }
}
