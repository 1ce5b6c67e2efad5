/// A dense row-major matrix of `Float`.
///
/// The library keeps every batch of vectors as rows: a patch matrix holds one patch per row and a code
/// matrix one code per row, so each product of the unrolled coder is a single row-major GEMM.
public struct Matrix: Sendable, Equatable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The entries, row after row: `values[row * columns + column]`.
    public var values: [Float]

    /// Creates a matrix whose every entry equals `value`.
    public init(rows: Int, columns: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.values = [Float](repeating: value, count: rows * columns)
    }

    /// Creates a matrix from row-major entries.
    ///
    /// - Precondition: `values.count == rows * columns`.
    public init(rows: Int, columns: Int, values: [Float]) {
        precondition(values.count == rows * columns, "entry count does not match the dimensions")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// The entry at (`row`, `column`).
    @inlinable public subscript(row: Int, column: Int) -> Float {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// The transpose, as a new row-major matrix.
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        for row in 0..<rows {
            for column in 0..<columns {
                result.values[column * rows + row] = values[row * columns + column]
            }
        }
        return result
    }

    /// The Frobenius norm.
    public var frobeniusNorm: Float {
        var sum: Double = 0
        for value in values { sum += Double(value) * Double(value) }
        return Float(sum.squareRoot())
    }
}
