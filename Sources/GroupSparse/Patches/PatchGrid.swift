/// The set of `k x k` patches of an image, taken with a stride and with the borders always covered.
///
/// Patch origins run `0, s, 2s, ...` along each axis and the last origin is pinned to `size - k`, so
/// every pixel is covered by at least one patch whatever the stride. A patch is stored as one row of
/// `k * k * channels` samples, channel after channel, each channel row after row.
public struct PatchGrid: Sendable, Equatable {
    /// Side of a square patch, `k`.
    public let patchSize: Int
    /// Distance between neighbouring patch origins, `s` (at most `k`, so patches leave no gaps).
    public let stride: Int
    /// Width of the images the grid applies to.
    public let width: Int
    /// Height of the images the grid applies to.
    public let height: Int
    /// Channels of the images the grid applies to.
    public let channels: Int
    /// Top rows of the patches, increasing.
    public let rowOrigins: [Int]
    /// Left columns of the patches, increasing.
    public let columnOrigins: [Int]

    /// Creates the grid of `patchSize x patchSize` patches of a `width x height x channels` image.
    ///
    /// A stride larger than the patch would leave pixels no patch covers; it is reduced to the patch
    /// size.
    ///
    /// - Precondition: the patch fits in the image and the stride is positive.
    public init(width: Int, height: Int, channels: Int = 1, patchSize: Int, stride: Int = 1) {
        precondition(patchSize > 0 && patchSize <= width && patchSize <= height, "patch larger than the image")
        precondition(stride > 0, "stride must be positive")
        self.patchSize = patchSize
        let stride = min(stride, patchSize)
        self.stride = stride
        self.width = width
        self.height = height
        self.channels = channels
        self.rowOrigins = PatchGrid.origins(extent: height, patchSize: patchSize, stride: stride)
        self.columnOrigins = PatchGrid.origins(extent: width, patchSize: patchSize, stride: stride)
    }

    /// The grid matching an image's dimensions.
    public init(image: Image, patchSize: Int, stride: Int = 1) {
        self.init(width: image.width, height: image.height, channels: image.channels,
                  patchSize: patchSize, stride: stride)
    }

    private static func origins(extent: Int, patchSize: Int, stride: Int) -> [Int] {
        let last = extent - patchSize
        var origins = Array(Swift.stride(from: 0, through: last, by: stride))
        if origins.last != last { origins.append(last) }
        return origins
    }

    /// Number of patches.
    public var patchCount: Int { rowOrigins.count * columnOrigins.count }

    /// Number of samples in one patch, `k * k * channels`.
    public var patchLength: Int { patchSize * patchSize * channels }

    /// Number of samples in one patch channel, `k * k`.
    public var pixelsPerPatch: Int { patchSize * patchSize }

    /// The top-left corner of patch `index` (patches are numbered row of origins after row of origins).
    @inlinable public func origin(ofPatch index: Int) -> (row: Int, column: Int) {
        (rowOrigins[index / columnOrigins.count], columnOrigins[index % columnOrigins.count])
    }
}
