// The two passes of a `k x k` box sum, each output a direct sum of its `k` inputs in a fixed order.
//
// A running sum would add and subtract one term per output instead of adding `k`, but its rounding
// carries from one window into the next: two identical patches could come out at a tiny non-zero
// distance, and a distance would depend on where in the image it was computed. Direct sums in
// `Double` make each box sum a function of the window's contents alone. Eight outputs are formed
// at once so that the additions of a vector stay in registers across the `k` inputs.

/// Writes `output[x] = rows[0][x] + rows[1][x] + ... + rows[rowCount - 1][x]`, added in that order,
/// for `x` in `0 ..< count`.
func sumWindowRows(
    _ rows: UnsafePointer<UnsafePointer<Double>>, rowCount: Int, count: Int,
    into output: UnsafeMutablePointer<Double>
) {
    var x = 0
    while x + 8 <= count {
        var sum = loadEight(rows[0] + x)
        for t in 1..<rowCount { sum += loadEight(rows[t] + x) }
        storeEight(sum, at: output + x)
        x += 8
    }
    while x < count {
        var sum = rows[0][x]
        for t in 1..<rowCount { sum += rows[t][x] }
        output[x] = sum
        x += 1
    }
}

/// Writes `output[x] = values[x] + values[x + 1] + ... + values[x + length - 1]`, added in that
/// order, for `x` in `0 ..< count`; `values` must hold `count + length - 1` entries.
func sumAlongRow(
    _ values: UnsafePointer<Double>, length: Int, count: Int, into output: UnsafeMutablePointer<Double>
) {
    var x = 0
    while x + 8 <= count {
        var sum = loadEight(values + x)
        for u in 1..<length { sum += loadEight(values + x + u) }
        storeEight(sum, at: output + x)
        x += 8
    }
    while x < count {
        var sum = values[x]
        for u in 1..<length { sum += values[x + u] }
        output[x] = sum
        x += 1
    }
}
