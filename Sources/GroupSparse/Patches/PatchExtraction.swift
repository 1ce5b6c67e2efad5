extension PatchGrid {
    /// Copies patches `range` of `image` into consecutive rows of `patches` (row stride `patchLength`).
    public func extract(
        _ image: Image, patches range: Range<Int>, into patches: UnsafeMutablePointer<Float>
    ) {
        precondition(image.width == width && image.height == height && image.channels == channels,
                     "image does not match the patch grid")
        let k = patchSize
        image.pixels.withUnsafeBufferPointer { pixels in
            for (row, patchIndex) in range.enumerated() {
                let (top, left) = origin(ofPatch: patchIndex)
                var target = patches + row * patchLength
                for channel in 0..<channels {
                    for dy in 0..<k {
                        let source = pixels.baseAddress! + (channel * height + top + dy) * width + left
                        target.update(from: source, count: k)
                        target += k
                    }
                }
            }
        }
    }

    /// Copies patches `range` of `image` into `patches` and removes from each patch channel its mean,
    /// which is written to `means` (one row of `channels` values per patch).
    ///
    /// Sparse coding models only the patch's texture; the mean is a free DC term added back on decoding.
    public func extractCentred(
        _ image: Image, patches range: Range<Int>,
        into patches: UnsafeMutablePointer<Float>, means: UnsafeMutablePointer<Float>
    ) {
        extract(image, patches: range, into: patches)
        let count = pixelsPerPatch
        let scale = 1 / Float(count)
        for row in 0..<range.count {
            for channel in 0..<channels {
                let values = patches + row * patchLength + channel * count
                var sum: Float = 0
                for index in 0..<count { sum += values[index] }
                let mean = sum * scale
                for index in 0..<count { values[index] -= mean }
                means[row * channels + channel] = mean
            }
        }
    }

    /// Extracts every patch of `image` as a `patchCount x patchLength` matrix (not centred).
    public func patchMatrix(of image: Image) -> Matrix {
        var matrix = Matrix(rows: patchCount, columns: patchLength)
        matrix.values.withUnsafeMutableBufferPointer { buffer in
            extract(image, patches: 0..<patchCount, into: buffer.baseAddress!)
        }
        return matrix
    }
}
