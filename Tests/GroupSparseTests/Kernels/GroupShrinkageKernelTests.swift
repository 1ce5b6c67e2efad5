import XCTest
@testable import GroupSparse

/// Group shrinkage and its adjoint against plain loops, in every kernel set this CPU supports.
/// Element-wise results must match the reference bit for bit; sums over atoms and the gathered
/// energy term are checked against `Double` sums, since their order follows the vector width.
final class GroupShrinkageKernelTests: XCTestCase {
    private struct Problem {
        var rows: Int
        var atoms: Int
        var groups: PatchGroups
        var segments: [NoiseSegment]
        var betas: [Float]
        /// One row of thresholds per segment.
        var thresholds: [Float]

        init(rows: Int, atoms: Int, neighbours: Int, segmentCount: Int, seed: UInt64) {
            var generator = SeededGenerator(seed: seed)
            self.rows = rows
            self.atoms = atoms
            var indices: [Int32] = []
            for row in 0..<rows {
                indices.append(Int32(row))
                for _ in 1..<max(neighbours, 1) { indices.append(Int32(generator.next() % UInt64(rows))) }
            }
            let weights = (0..<rows * neighbours).map { $0 % neighbours == 0 ? 1 : generator.nextUniformFloat() }
            groups = PatchGroups(neighbourCount: neighbours, indices: indices, weights: weights)
            segments = unequalSegments(rows: rows, count: segmentCount)
            betas = (0..<rows * atoms).map { index in
                index % 11 == 5 ? 0 : Float(0.4 * generator.nextGaussian())
            }
            thresholds = (0..<segments.count * atoms).map { _ in 0.3 * generator.nextUniformFloat() }
        }

        func weight(_ row: Int, _ member: Int) -> Float { groups.weights[row * groups.neighbourCount + member] }

        func member(_ row: Int, _ member: Int) -> Int { Int(groups.indices[row * groups.neighbourCount + member]) }

        func segment(of row: Int) -> Int { segments.firstIndex { $0.rows.contains(row) }! }

        /// `s_i`, and `n_i[atom]` summed over the members in order without fused operations.
        func sums(row: Int, atom: Int) -> (weightSum: Float, energy: Float) {
            var weightSum: Float = 0, energy: Float = 0
            for slot in 0..<groups.neighbourCount {
                let beta = betas[member(row, slot) * atoms + atom]
                weightSum += weight(row, slot)
                energy += weight(row, slot) * beta * beta
            }
            return (weightSum, energy)
        }
    }

    private func problems() -> [Problem] {
        var problems: [Problem] = []
        for segmentCount in [1, 12] {
            problems.append(Problem(rows: 600, atoms: 256, neighbours: 16, segmentCount: segmentCount, seed: 1))
            for atoms in awkwardAtomCounts {
                for neighbours in [1, 3, 16] {
                    problems.append(Problem(rows: 40, atoms: atoms, neighbours: neighbours,
                                            segmentCount: segmentCount, seed: UInt64(atoms * 31 + neighbours)))
                }
            }
        }
        problems.append(Problem(rows: 1, atoms: 17, neighbours: 3, segmentCount: 1, seed: 5))
        problems.append(Problem(rows: 1, atoms: 256, neighbours: 1, segmentCount: 1, seed: 6))
        return problems
    }

    private func label(_ problem: Problem, _ set: KernelSet) -> String {
        "\(set) rows \(problem.rows) atoms \(problem.atoms) K \(problem.groups.neighbourCount) segments \(problem.segments.count)"
    }

    func testForwardGivesTheBitsOfThePlainLoop() {
        let epsilon = GroupShrinkage.epsilon
        for problem in problems() {
            let p = problem.atoms
            var expected = [Float](repeating: 0, count: problem.rows * p)
            for row in 0..<problem.rows {
                for atom in 0..<p {
                    let (weightSum, energy) = problem.sums(row: row, atom: atom)
                    let lambda = problem.thresholds[problem.segment(of: row) * p + atom]
                    let factor = 1 - lambda * weightSum.squareRoot() / (energy + epsilon).squareRoot()
                    expected[row * p + atom] = factor > 0 ? problem.betas[row * p + atom] * factor : 0
                }
            }
            forEachSupportedKernelSet { set in
                var codes = [Float](repeating: .nan, count: problem.rows * p)
                problem.betas.withUnsafeBufferPointer { betas in
                    codes.withUnsafeMutableBufferPointer { alpha in
                        GroupShrinkage.forward(
                            betas: betas.baseAddress!, groups: problem.groups, atomCount: p,
                            thresholds: problem.thresholds, segments: problem.segments, into: alpha.baseAddress!)
                    }
                }
                assertSameBits(codes, expected, label(problem, set))
            }
        }
    }

    /// The outputs of ``GroupShrinkageAdjoint/backward``.
    private struct AdjointResult {
        var betaGradient: [Float]
        var thresholdGradient: [Float]
        var weightGradient: [Float]
        var energyGradient: [Float]
        var weightSumGradient: [Float]
    }

    private func backward(_ problem: Problem, codeGradient: [Float], start: AdjointResult) -> AdjointResult {
        var result = start
        var partials = [Float](repeating: .nan, count: GroupShrinkage.chunks(of: problem.segments).count * problem.atoms)
        partials.withUnsafeMutableBufferPointer { partialBuffer in
        problem.betas.withUnsafeBufferPointer { betas in
        codeGradient.withUnsafeBufferPointer { g in
        result.betaGradient.withUnsafeMutableBufferPointer { gBeta in
        result.thresholdGradient.withUnsafeMutableBufferPointer { gLambda in
        result.weightGradient.withUnsafeMutableBufferPointer { gS in
        result.energyGradient.withUnsafeMutableBufferPointer { gN in
        result.weightSumGradient.withUnsafeMutableBufferPointer { gSum in
            GroupShrinkageAdjoint.backward(
                betas: betas.baseAddress!, groups: problem.groups, memberships: problem.groups.memberships(),
                atomCount: problem.atoms, thresholds: problem.thresholds, segments: problem.segments,
                codeGradient: g.baseAddress!, betaGradient: gBeta.baseAddress!,
                thresholdGradient: gLambda.baseAddress!, weightGradient: gS.baseAddress!,
                energyGradient: gN.baseAddress!, weightSumGradient: gSum.baseAddress!,
                partialThresholdGradients: partialBuffer.baseAddress!)
        }
        }
        }
        }
        }
        }
        }
        }
        return result
    }

    func testAdjointMatchesThePlainLoop() {
        let epsilon = GroupShrinkage.epsilon
        for problem in problems() {
            let p = problem.atoms, k = problem.groups.neighbourCount, rows = problem.rows
            var generator = SeededGenerator(seed: UInt64(p * k))
            let codeGradient = (0..<rows * p).map { _ in Float(generator.nextGaussian()) }
            let start = AdjointResult(
                betaGradient: [Float](repeating: .nan, count: rows * p),
                thresholdGradient: (0..<problem.segments.count * p).map { _ in Float(generator.nextGaussian()) },
                weightGradient: (0..<rows * k).map { _ in Float(generator.nextGaussian()) },
                energyGradient: [Float](repeating: .nan, count: rows * p),
                weightSumGradient: [Float](repeating: .nan, count: rows))

            // Element-wise terms in Float, exactly as the kernels compute them; the threshold
            // gradient is summed per chunk of rows in row order, then chunk after chunk.
            var directGradient = [Float](repeating: 0, count: rows * p)
            var energyGradient = [Float](repeating: 0, count: rows * p)
            var weightSumGradient = [ReferenceSum](repeating: ReferenceSum(), count: rows)
            var thresholdGradient = start.thresholdGradient
            for (segmentIndex, segment) in problem.segments.enumerated() {
                for chunkStart in stride(from: segment.rows.lowerBound, to: segment.rows.upperBound,
                                         by: GroupShrinkage.rowsPerChunk) {
                    var partial = [Float](repeating: 0, count: p)
                    for row in chunkStart..<min(chunkStart + GroupShrinkage.rowsPerChunk, segment.rows.upperBound) {
                        for atom in 0..<p {
                            let (weightSum, energy) = problem.sums(row: row, atom: atom)
                            let rootSum = weightSum.squareRoot(), r = (energy + epsilon).squareRoot()
                            let lambda = problem.thresholds[segmentIndex * p + atom]
                            let factor = 1 - lambda * rootSum / r
                            guard factor > 0 else { continue }
                            let g = codeGradient[row * p + atom], h = g * problem.betas[row * p + atom]
                            directGradient[row * p + atom] = g * factor
                            partial[atom] -= h * rootSum / r
                            energyGradient[row * p + atom] = h * lambda * rootSum / (2 * r * r * r)
                            weightSumGradient[row].add(-Double(h * lambda / (2 * rootSum * r)))
                        }
                    }
                    for atom in 0..<p { thresholdGradient[segmentIndex * p + atom] += partial[atom] }
                }
            }

            var weightGradient = [ReferenceSum](repeating: ReferenceSum(), count: rows * k)
            var betaGradient = directGradient.map { ReferenceSum(value: Double($0), magnitude: abs(Double($0))) }
            for row in 0..<rows {
                for slot in 0..<k {
                    let l = problem.member(row, slot), position = row * k + slot
                    weightGradient[position].add(Double(start.weightGradient[position]))
                    weightGradient[position].value += weightSumGradient[row].value
                    weightGradient[position].magnitude += weightSumGradient[row].magnitude
                    for atom in 0..<p {
                        let beta = Double(problem.betas[l * p + atom]), gN = Double(energyGradient[row * p + atom])
                        weightGradient[position].add(gN * beta * beta)
                        betaGradient[l * p + atom].add(2 * Double(problem.weight(row, slot)) * beta * gN)
                    }
                }
            }

            forEachSupportedKernelSet { set in
                let result = backward(problem, codeGradient: codeGradient, start: start)
                let name = label(problem, set)
                assertSameBits(result.energyGradient, energyGradient, "dL/dn, " + name)
                assertSameBits(result.thresholdGradient, thresholdGradient, "dL/dlambda, " + name)
                for row in 0..<rows {
                    weightSumGradient[row].assertMatches(result.weightSumGradient[row], "dL/ds[\(row)], " + name)
                }
                for (index, sum) in weightGradient.enumerated() {
                    sum.assertMatches(result.weightGradient[index], "dL/dS[\(index)], " + name)
                }
                for (index, sum) in betaGradient.enumerated() {
                    sum.assertMatches(result.betaGradient[index], "dL/dbeta[\(index)], " + name)
                }
            }
        }
    }
}
