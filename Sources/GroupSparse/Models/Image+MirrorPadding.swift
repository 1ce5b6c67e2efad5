extension Image {
    /// The image extended to `width x height` by mirroring it at its right and bottom edges
    /// (`... c b a | a b c ... `), repeated as often as needed; alpha is not carried.
    ///
    /// A patch model cannot code an image smaller than its patches; mirrored content keeps the
    /// statistics of the original near its edges, so the original pixels come back almost as
    /// they would from a larger image.
    func mirrorPadded(width paddedWidth: Int, height paddedHeight: Int) -> Image {
        precondition(paddedWidth >= width && paddedHeight >= height, "padding cannot shrink an image")
        func fold(_ index: Int, extent: Int) -> Int {
            let phase = index % (2 * extent)
            return phase < extent ? phase : 2 * extent - 1 - phase
        }
        var padded = [Float](repeating: 0, count: channels * paddedWidth * paddedHeight)
        for channel in 0..<channels {
            for row in 0..<paddedHeight {
                let source = (channel * height + fold(row, extent: height)) * width
                let target = (channel * paddedHeight + row) * paddedWidth
                for column in 0..<paddedWidth {
                    padded[target + column] = pixels[source + fold(column, extent: width)]
                }
            }
        }
        return Image(width: paddedWidth, height: paddedHeight, channels: channels, pixels: padded)
    }
}
