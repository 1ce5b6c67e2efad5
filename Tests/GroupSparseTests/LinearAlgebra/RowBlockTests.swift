import XCTest
@testable import GroupSparse

/// The blocked products of the iteration and its adjoint against plain double-precision loops, on a
/// row count that leaves two full blocks and a short one.
final class RowBlockTests: XCTestCase {
    private let configuration = SparseCoderConfiguration(patchSize: 3, channels: 1, atomCount: 7, unfoldingCount: 2)
    private let rows = 2 * RowBlocks.size + 37

    private func random(_ count: Int, seed: UInt64) -> [Float] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(generator.nextGaussian()) }
    }

    /// `sum_k a(i, k) b(k, j)` in double precision.
    private func product(_ rowsOut: Int, _ columns: Int, _ inner: Int,
                         _ a: (Int, Int) -> Float, _ b: (Int, Int) -> Float) -> [Double] {
        var result = [Double](repeating: 0, count: rowsOut * columns)
        for i in 0..<rowsOut {
            for j in 0..<columns {
                var sum: Double = 0
                for k in 0..<inner { sum += Double(a(i, k)) * Double(b(k, j)) }
                result[i * columns + j] = sum
            }
        }
        return result
    }

    private func assertClose(_ actual: [Float], _ expected: [Double], _ message: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, message, file: file, line: line)
        let scale = expected.map(abs).max() ?? 1
        for index in actual.indices where abs(Double(actual[index]) - expected[index]) > 1e-5 * max(scale, 1) {
            return XCTFail("\(message): [\(index)] is \(actual[index]), expected \(expected[index])",
                           file: file, line: line)
        }
    }

    func testBlocksCoverTheRowsInOrder() {
        var seen: [Range<Int>] = []
        RowBlocks.forEach(rows) { seen.append($0) }
        XCTAssertEqual(seen, [0..<RowBlocks.size, RowBlocks.size..<2 * RowBlocks.size, 2 * RowBlocks.size..<rows])
        RowBlocks.forEach(0) { _ in XCTFail("no rows, no blocks") }
    }

    func testLinearStepAndDecodeMatchPlainProducts() {
        let m = configuration.patchLength, p = configuration.atomCount
        let y = random(rows * m, seed: 1), a = random(rows * p, seed: 2)
        let c = random(m * p, seed: 3), d = random(m * p, seed: 4)
        var generator = SeededGenerator(seed: 5)
        let weights = randomCoderWeights(configuration, generator: &generator, matrixScale: 0.3,
                                         offset: (mean: 0.1, spread: 0), slope: (mean: 0, spread: 0))
        var residuals = [Float](repeating: .nan, count: rows * m)
        var z = [Float](repeating: .nan, count: rows * p)
        var zeroth = z, decoded = residuals
        y.withUnsafeBufferPointer { yb in a.withUnsafeBufferPointer { ab in
        c.withUnsafeBufferPointer { cb in d.withUnsafeBufferPointer { db in
            residuals.withUnsafeMutableBufferPointer { rb in
                z.withUnsafeMutableBufferPointer { zb in
                    UnrolledIteration.linearStep(
                        unfolding: 1, patches: yb.baseAddress!, rows: rows, codes: ab.baseAddress!,
                        analysis: cb.baseAddress!, dictionary: db.baseAddress!, configuration: configuration,
                        residuals: rb.baseAddress!, into: zb.baseAddress!)
                }
                zeroth.withUnsafeMutableBufferPointer { zb in
                    UnrolledIteration.linearStep(
                        unfolding: 0, patches: yb.baseAddress!, rows: rows, codes: ab.baseAddress!,
                        analysis: cb.baseAddress!, dictionary: db.baseAddress!, configuration: configuration,
                        residuals: rb.baseAddress!, into: zb.baseAddress!)
                }
            }
            decoded.withUnsafeMutableBufferPointer { xb in
                UnrolledIteration.decode(weights, codes: ab.baseAddress!, rows: rows, into: xb.baseAddress!)
            }
        }}}}
        let fitted = product(rows, m, p, { a[$0 * p + $1] }, { d[$1 * p + $0] })
        let expectedR = (0..<rows * m).map { Double(y[$0]) - fitted[$0] }
        assertClose(residuals, expectedR, "R = Y - A D^T")
        let correction = product(rows, p, m, { residuals[$0 * m + $1] }, { c[$0 * p + $1] })
        assertClose(z, (0..<rows * p).map { Double(a[$0]) + correction[$0] }, "Z = A + R C")
        assertClose(zeroth, product(rows, p, m, { y[$0 * m + $1] }, { c[$0 * p + $1] }), "Z_0 = Y C")
        let w = weights.reconstruction.values
        assertClose(decoded, product(rows, m, p, { a[$0 * p + $1] }, { w[$1 * p + $0] }), "X = A W^T")
    }

    func testAdjointProductsMatchPlainProducts() {
        let m = configuration.patchLength, p = configuration.atomCount
        let y = random(rows * m, seed: 11), r = random(rows * m, seed: 12), previous = random(rows * p, seed: 13)
        let gZ = random(rows * p, seed: 14), gX = random(rows * m, seed: 15)
        let c = random(m * p, seed: 16), d = random(m * p, seed: 17), w = random(m * p, seed: 18)
        let start = random(m * p, seed: 19)
        var gA = gZ, dC = start, dD = start, dW = start, dCZeroth = start, dDZeroth = start, gAZeroth = gZ
        var decodeGradient = [Float](repeating: .nan, count: rows * p)
        var scratch = [Float](repeating: .nan, count: RowBlocks.size * m)
        func adjoint(unfolding t: Int, codeGradient: inout [Float], analysisGradient: inout [Float],
                     dictionaryGradient: inout [Float]) {
            y.withUnsafeBufferPointer { yb in r.withUnsafeBufferPointer { rb in previous.withUnsafeBufferPointer { ab in
            c.withUnsafeBufferPointer { cb in d.withUnsafeBufferPointer { db in scratch.withUnsafeMutableBufferPointer { gR in
            codeGradient.withUnsafeMutableBufferPointer { g in analysisGradient.withUnsafeMutableBufferPointer { dc in
            dictionaryGradient.withUnsafeMutableBufferPointer { dd in
                UnrolledIterationAdjoint.linearStepAdjoint(
                    unfolding: t, patches: yb.baseAddress!, rows: rows, previousCodes: ab.baseAddress!,
                    residuals: rb.baseAddress!, analysis: cb.baseAddress!, dictionary: db.baseAddress!,
                    configuration: configuration, residualGradient: gR.baseAddress!, codeGradient: g.baseAddress!,
                    analysisGradient: dc.baseAddress!, dictionaryGradient: dd.baseAddress!)
            }}}}}}}}}
        }
        adjoint(unfolding: 1, codeGradient: &gA, analysisGradient: &dC, dictionaryGradient: &dD)
        adjoint(unfolding: 0, codeGradient: &gAZeroth, analysisGradient: &dCZeroth, dictionaryGradient: &dDZeroth)
        gX.withUnsafeBufferPointer { xb in previous.withUnsafeBufferPointer { ab in w.withUnsafeBufferPointer { wb in
        dW.withUnsafeMutableBufferPointer { dw in decodeGradient.withUnsafeMutableBufferPointer { g in
            UnrolledIterationAdjoint.decodeAdjoint(
                patchGradient: xb.baseAddress!, codes: ab.baseAddress!, rows: rows, reconstruction: wb.baseAddress!,
                configuration: configuration, reconstructionGradient: dw.baseAddress!, codeGradient: g.baseAddress!)
        }}}}}

        let gR = product(rows, m, p, { gZ[$0 * p + $1] }, { c[$1 * p + $0] })
        let rTgZ = product(m, p, rows, { r[$1 * m + $0] }, { gZ[$0 * p + $1] })
        assertClose(dC, (0..<m * p).map { Double(start[$0]) + rTgZ[$0] }, "dC += R^T G_Z")
        let gRTa = product(m, p, rows, { Float(gR[$1 * m + $0]) }, { previous[$0 * p + $1] })
        assertClose(dD, (0..<m * p).map { Double(start[$0]) - gRTa[$0] }, "dD -= G_R^T A")
        let gRD = product(rows, p, m, { Float(gR[$0 * m + $1]) }, { d[$0 * p + $1] })
        assertClose(gA, (0..<rows * p).map { Double(gZ[$0]) - gRD[$0] }, "G_A = G_Z - G_R D")
        let yTgZ = product(m, p, rows, { y[$1 * m + $0] }, { gZ[$0 * p + $1] })
        assertClose(dCZeroth, (0..<m * p).map { Double(start[$0]) + yTgZ[$0] }, "dC += Y^T G_Z")
        assertSameBits(gAZeroth, gZ, "unfolding 0 leaves G_Z")
        assertSameBits(dDZeroth, start, "unfolding 0 leaves dD")
        let xTa = product(m, p, rows, { gX[$1 * m + $0] }, { previous[$0 * p + $1] })
        assertClose(dW, (0..<m * p).map { Double(start[$0]) + xTa[$0] }, "dW += G_X^T A")
        assertClose(decodeGradient, product(rows, p, m, { gX[$0 * m + $1] }, { w[$0 * p + $1] }), "G_A = G_X W")
    }
}
