/// A run of consecutive patch rows that share one noise level, so a batch can mix crops of different
/// sigma while every product still covers the whole batch.
struct NoiseSegment: Sendable {
    /// The rows of the patch matrix.
    var rows: Range<Int>
    /// Their noise standard deviation on the [0, 1] scale.
    var sigma: Float
}
