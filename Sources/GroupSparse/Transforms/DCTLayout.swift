/// Where the samples of a batch of one-dimensional discrete cosine transforms live: the transformed axis
/// and the loops over the batch, each as a count with an input and an output stride (in elements).
///
/// This is the vocabulary of FFTW's guru interface, kept free of FFTW types so that every backend reads the
/// same description. Strides may make inputs overlap (the overlapping patches of an image); outputs must not.
struct DCTLayout: Hashable, Sendable {
    /// One axis: `count` positions, `inputStride` and `outputStride` elements apart.
    struct Axis: Hashable, Sendable {
        var count: Int
        var inputStride: Int
        var outputStride: Int
    }

    /// The axis transformed; its `count` is the length of each transform.
    var transformed: Axis
    /// The loops over the batch, outermost first, at most three.
    var loops: [Axis]

    /// The loops padded to exactly three with single-pass loops in front, for backends that nest three loops.
    var threeLoops: [Axis] {
        precondition(loops.count <= 3, "a DCT batch has at most three loops")
        return Array(repeating: Axis(count: 1, inputStride: 0, outputStride: 0), count: 3 - loops.count) + loops
    }
}
