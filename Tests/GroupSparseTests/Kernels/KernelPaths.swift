import XCTest
@testable import GroupSparse

/// Runs `body` once with each kernel set this CPU supports forced, then restores the set in use.
func forEachSupportedKernelSet(_ body: (KernelSet) throws -> Void) rethrows {
    let previous = KernelSet.active
    defer { KernelSet.select(previous) }
    for set in KernelSet.supported {
        XCTAssertEqual(KernelSet.select(set), set)
        try body(set)
    }
}

/// The atom counts the kernel tests cover: every tail length of an 8- and a 16-lane loop, the shipped
/// model's 256, and an odd 81.
let awkwardAtomCounts = Array(1...17) + Array(31...33) + [81, 256]

/// `count` noise segments over `rows` rows, of unequal lengths and sigmas.
func unequalSegments(rows: Int, count: Int) -> [NoiseSegment] {
    guard count > 1 else { return [NoiseSegment(rows: 0..<rows, sigma: 25 / 255)] }
    var bounds = [0]
    for index in 1..<count { bounds.append(max(bounds[index - 1], rows * index * index / (count * count))) }
    bounds.append(rows)
    return (0..<count).map { NoiseSegment(rows: bounds[$0]..<bounds[$0 + 1], sigma: Float(5 + 4 * $0) / 255) }
}

/// Asserts that the two arrays hold the same bits, naming the first place where they differ.
func assertSameBits(_ actual: [Float], _ expected: [Float], _ message: String,
                    file: StaticString = #filePath, line: UInt = #line) {
    guard actual.count == expected.count else {
        return XCTFail("\(message): \(actual.count) values, expected \(expected.count)", file: file, line: line)
    }
    if let index = actual.indices.first(where: { actual[$0].bitPattern != expected[$0].bitPattern }) {
        XCTFail("\(message): [\(index)] is \(actual[index]), expected \(expected[index])", file: file, line: line)
    }
}

/// A sum computed in `Double` with the sum of the magnitudes of its terms, which bounds the rounding
/// error of any summation order in `Float`.
struct ReferenceSum {
    var value: Double = 0
    var magnitude: Double = 0

    mutating func add(_ term: Double) {
        value += term
        magnitude += abs(term)
    }

    /// Asserts that `actual` is within `tolerance` times the magnitude of the terms.
    func assertMatches(_ actual: Float, tolerance: Double = 1e-5, _ message: @autoclosure () -> String,
                       file: StaticString = #filePath, line: UInt = #line) {
        let error = abs(Double(actual) - value)
        if error > tolerance * magnitude + 1e-30 {
            XCTFail("\(message()): \(actual), expected \(value) (terms \(magnitude))", file: file, line: line)
        }
    }
}
