extension PatchGrid {
    /// How many patches cover each pixel (one plane, row after row).
    public func coverage() -> [Float] {
        var counts = [Float](repeating: 0, count: width * height)
        let k = patchSize
        for top in rowOrigins {
            for left in columnOrigins {
                for dy in 0..<k {
                    let start = (top + dy) * width + left
                    for dx in 0..<k { counts[start + dx] += 1 }
                }
            }
        }
        return counts
    }

    /// Adds patches `range` (consecutive rows of `patches`) into the planar `sums` buffer at their places.
    ///
    /// Accumulating block after block and dividing by ``coverage()`` once at the end is how overlapping
    /// estimates are averaged without holding every patch of a large image at once.
    public func accumulate(
        patches range: Range<Int>, from patches: UnsafePointer<Float>, into sums: UnsafeMutablePointer<Float>
    ) {
        let k = patchSize
        for (row, patchIndex) in range.enumerated() {
            let (top, left) = origin(ofPatch: patchIndex)
            var source = patches + row * patchLength
            for channel in 0..<channels {
                for dy in 0..<k {
                    let target = sums + (channel * height + top + dy) * width + left
                    for dx in 0..<k { target[dx] += source[dx] }
                    source += k
                }
            }
        }
    }

    /// Averages overlapping patch estimates into an image: each pixel is the mean of the patch samples
    /// that cover it.
    ///
    /// - Parameter patches: a `patchCount x patchLength` matrix, one patch per row.
    public func aggregate(_ patches: Matrix) -> Image {
        precondition(patches.rows == patchCount && patches.columns == patchLength,
                     "patch matrix does not match the grid")
        var sums = [Float](repeating: 0, count: channels * width * height)
        patches.values.withUnsafeBufferPointer { source in
            sums.withUnsafeMutableBufferPointer { target in
                accumulate(patches: 0..<patchCount, from: source.baseAddress!, into: target.baseAddress!)
            }
        }
        normalise(&sums, by: coverage())
        return Image(width: width, height: height, channels: channels, pixels: sums)
    }

    /// Divides each plane of the planar `sums` by the per-pixel patch count.
    public func normalise(_ sums: inout [Float], by coverage: [Float]) {
        let planeSize = width * height
        for channel in 0..<channels {
            for index in 0..<planeSize { sums[channel * planeSize + index] /= coverage[index] }
        }
    }

    /// The adjoint of ``aggregate(_:)``: spreads an image-shaped gradient back onto patches `range`,
    /// each pixel's gradient divided by its coverage, written to consecutive rows of `patches`.
    public func aggregateAdjoint(
        _ gradient: UnsafePointer<Float>, coverage: UnsafePointer<Float>,
        patches range: Range<Int>, into patches: UnsafeMutablePointer<Float>
    ) {
        let k = patchSize
        for (row, patchIndex) in range.enumerated() {
            let (top, left) = origin(ofPatch: patchIndex)
            var target = patches + row * patchLength
            for channel in 0..<channels {
                for dy in 0..<k {
                    let pixel = (top + dy) * width + left
                    let source = gradient + channel * width * height + pixel
                    for dx in 0..<k { target[dx] = source[dx] / coverage[pixel + dx] }
                    target += k
                }
            }
        }
    }
}
