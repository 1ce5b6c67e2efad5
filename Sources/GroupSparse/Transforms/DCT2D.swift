/// The orthonormal two-dimensional DCT-II of many square blocks, read with arbitrary strides and written
/// one after the other.
///
/// The blocks form a grid: block `(r, c)` starts at input offset `r * gridRowStride + c * gridColumnStride`,
/// and its sample `(a, b)` sits `a * rowStride + b` further on. Blocks may overlap in the input, so the
/// overlapping patches of an image are transformed without being copied out first. Block `r * gridColumns + c`
/// is written to `output[(r * gridColumns + c) * size * size ...]`, coefficient `(i, j)` (vertical frequency
/// `i`, horizontal frequency `j`) at `i * size + j`, with
///
///     X[i, j] = scale * c(i) c(j) sum_{a, b} x[a, b] cos(pi i (2a + 1) / 2n) cos(pi j (2b + 1) / 2n)
///
/// where `c(0) = sqrt(1/n)` and `c(k) = sqrt(2/n)` otherwise, so that with `scale = 1` the transform is
/// orthonormal. The one-dimensional transforms are done by a ``CosineTransform`` backend; a value of this
/// type only describes the layout and can be used from any thread.
struct DCT2D: Hashable, Sendable {
    /// Side `n` of a block.
    let size: Int
    /// Input distance between vertically adjacent samples of a block.
    let rowStride: Int
    /// Rows of blocks.
    let gridRows: Int
    /// Columns of blocks.
    let gridColumns: Int
    /// Input distance between vertically adjacent blocks of the grid.
    let gridRowStride: Int
    /// Input distance between horizontally adjacent blocks of the grid.
    let gridColumnStride: Int

    /// Describes a grid of blocks in a strided input.
    ///
    /// - Precondition: All counts and strides are positive.
    init(size: Int, rowStride: Int, gridRows: Int, gridColumns: Int, gridRowStride: Int, gridColumnStride: Int) {
        precondition(size > 0 && rowStride > 0 && gridRows > 0 && gridColumns > 0, "empty DCT layout")
        precondition(gridRowStride > 0 && gridColumnStride > 0, "DCT grid strides must be positive")
        self.size = size
        self.rowStride = rowStride
        self.gridRows = gridRows
        self.gridColumns = gridColumns
        self.gridRowStride = gridRowStride
        self.gridColumnStride = gridColumnStride
    }

    /// `count` blocks stored one after the other, each row-major, as the output is.
    init(contiguousBlocks count: Int, size: Int) {
        self.init(size: size, rowStride: size, gridRows: 1, gridColumns: count,
                  gridRowStride: count * size * size, gridColumnStride: size * size)
    }

    /// The patches of a `width`-wide plane whose top-left corners lie on a grid of spacing `spacing`:
    /// `gridRows` rows and `gridColumns` columns of patches, each `size` samples square.
    init(patchesOfPlaneWithWidth width: Int, size: Int, spacing: Int, gridRows: Int, gridColumns: Int) {
        self.init(size: size, rowStride: width, gridRows: gridRows, gridColumns: gridColumns,
                  gridRowStride: spacing * width, gridColumnStride: spacing)
    }

    /// Number of blocks.
    var blockCount: Int { gridRows * gridColumns }

    /// Transforms every block of `input` into `output`, which holds `blockCount * size * size` values and
    /// must not overlap the input.
    ///
    /// The transform is separable: every row of every block is transformed along its samples, then every
    /// block along its rows. When vertically adjacent blocks overlap (the patches of an image on a grid
    /// finer than the patch), a row they share is transformed once, not once per block.
    ///
    /// - Parameters:
    ///   - scale: A factor applied to every coefficient at no extra cost; 1 keeps the transform orthonormal.
    ///   - backend: Which library does the one-dimensional transforms; by default the faster one for
    ///     ``size``.
    func forward(
        _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, scale: Float = 1,
        backend: CosineTransform? = nil
    ) {
        let backend = backend ?? CosineTransform.preferred(length: size)
        let n = size
        let spacing = sharedRowSpacing
        // Pass 1 writes rowTransforms[((blockRow * rowsPerBlockRow + row) * gridColumns + column) * n + j]:
        // with shared rows, one entry per input row; otherwise n rows per block row.
        let rowsPerBlockRow = spacing ?? n
        let inputRows = spacing.map { (gridRows - 1) * $0 + n } ?? gridRows * n
        let rowTransforms = UnsafeMutablePointer<Float>.allocate(capacity: inputRows * gridColumns * n)
        defer { rowTransforms.deallocate() }
        let rowLoops: [DCTLayout.Axis] = spacing != nil
            ? [.init(count: inputRows, inputStride: rowStride, outputStride: gridColumns * n),
               .init(count: gridColumns, inputStride: gridColumnStride, outputStride: n)]
            : [.init(count: gridRows, inputStride: gridRowStride, outputStride: n * gridColumns * n),
               .init(count: n, inputStride: rowStride, outputStride: gridColumns * n),
               .init(count: gridColumns, inputStride: gridColumnStride, outputStride: n)]
        backend.forward(DCTLayout(transformed: .init(count: n, inputStride: 1, outputStride: 1), loops: rowLoops),
                        input, rowTransforms, scale: 1)
        backend.forward(DCTLayout(
            transformed: .init(count: n, inputStride: gridColumns * n, outputStride: n),
            loops: [.init(count: gridRows, inputStride: rowsPerBlockRow * gridColumns * n, outputStride: gridColumns * n * n),
                    .init(count: gridColumns, inputStride: n, outputStride: n * n),
                    .init(count: n, inputStride: 1, outputStride: 1)]),
            UnsafePointer(rowTransforms), output, scale: scale)
    }

    /// The vertical spacing of the grid in sample rows, when vertically adjacent blocks overlap so that
    /// they share rows; `nil` otherwise.
    private var sharedRowSpacing: Int? {
        guard gridRows > 1, gridRowStride % rowStride == 0 else { return nil }
        let spacing = gridRowStride / rowStride
        return spacing < size ? spacing : nil
    }
}
