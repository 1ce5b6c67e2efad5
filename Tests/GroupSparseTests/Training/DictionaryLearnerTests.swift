import XCTest
@testable import GroupSparse

final class DictionaryLearnerTests: XCTestCase {
    /// A random `m x p` dictionary with unit-norm columns.
    private static func unitNormDictionary(m: Int, p: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        var matrix = Matrix(rows: m, columns: p, values: (0..<m * p).map { _ in Float(generator.nextGaussian()) })
        for column in 0..<p {
            let norm = (0..<m).reduce(Float(0)) { $0 + matrix[$1, column] * matrix[$1, column] }.squareRoot()
            for row in 0..<m { matrix[row, column] /= norm }
        }
        return matrix
    }

    /// Unit-norm signals, each a combination of `sparsity` atoms of `dictionary` with random signs
    /// and magnitudes.
    private static func sparseSignals(of dictionary: Matrix, count: Int, sparsity: Int, seed: UInt64) -> Matrix {
        let m = dictionary.rows, p = dictionary.columns
        var generator = SeededGenerator(seed: seed)
        var signals = Matrix(rows: count, columns: m)
        for row in 0..<count {
            var atoms: [Int] = []
            while atoms.count < sparsity {
                let atom = Int(generator.next() % UInt64(p))
                if !atoms.contains(atom) { atoms.append(atom) }
            }
            var signal = [Float](repeating: 0, count: m)
            for atom in atoms {
                let magnitude = Float(0.5 + generator.nextUniformDouble())
                let coefficient = generator.next() % 2 == 0 ? magnitude : -magnitude
                for i in 0..<m { signal[i] += coefficient * dictionary[i, atom] }
            }
            let norm = signal.reduce(0) { $0 + $1 * $1 }.squareRoot()
            for i in 0..<m { signals[row, i] = signal[i] / norm }
        }
        return signals
    }

    func testRecoversMostAtomsOfAKnownDictionary() {
        let m = 16, p = 10
        let truth = DictionaryLearnerTests.unitNormDictionary(m: m, p: p, seed: 1)
        let signals = DictionaryLearnerTests.sparseSignals(of: truth, count: 3000, sparsity: 2, seed: 2)
        var learner = DictionaryLearner(atomCount: p, penalty: 0.2)
        learner.batchSize = 256
        let learned = learner.learn(from: signals, rounds: 60, seed: 3)
        XCTAssertEqual(learned.rows, m)
        XCTAssertEqual(learned.columns, p)

        let overlaps = Matrix.product(truth, .transposed, learned, .plain)
        var recovered = 0
        for atom in 0..<p {
            let best = (0..<p).map { abs(overlaps[atom, $0]) }.max()!
            if best > 0.9 { recovered += 1 }
        }
        XCTAssertGreaterThanOrEqual(recovered, 8, "recovered \(recovered) of \(p) atoms")
        for atom in 0..<p {
            let norm = (0..<m).reduce(Float(0)) { $0 + learned[$1, atom] * learned[$1, atom] }.squareRoot()
            XCTAssertLessThanOrEqual(norm, 1 + 1e-5, "atom \(atom)")
            XCTAssertGreaterThan(norm, 0.5, "atom \(atom)")
        }
    }

    func testSameSeedGivesTheSameDictionary() {
        let truth = DictionaryLearnerTests.unitNormDictionary(m: 9, p: 6, seed: 4)
        let signals = DictionaryLearnerTests.sparseSignals(of: truth, count: 300, sparsity: 2, seed: 5)
        let learner = DictionaryLearner(atomCount: 6, penalty: 0.1)
        XCTAssertEqual(learner.batchSize, 512)
        let first = learner.learn(from: signals, rounds: 4, seed: 6)
        XCTAssertEqual(learner.learn(from: signals, rounds: 4, seed: 6), first)
        XCTAssertNotEqual(learner.learn(from: signals, rounds: 4, seed: 7), first)

        var fractions: [Double] = []
        XCTAssertEqual(learner.learn(from: signals, rounds: 4, seed: 6, progress: { fractions.append($0) }), first)
        XCTAssertEqual(fractions, [0.25, 0.5, 0.75, 1])
    }
}
