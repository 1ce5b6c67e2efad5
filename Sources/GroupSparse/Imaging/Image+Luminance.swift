extension Image {
    /// A single-channel image of the Rec. 601 luma `0.299 R + 0.587 G + 0.114 B` of an RGB image
    /// (the image itself when it is already grey). Alpha is carried over.
    public func luminance() -> Image {
        guard channels == 3 else { return channels == 1 ? self : plane(0) }
        var grey = [Float](repeating: 0, count: planeSize)
        for index in 0..<planeSize {
            grey[index] = 0.299 * pixels[index] + 0.587 * pixels[planeSize + index] + 0.114 * pixels[2 * planeSize + index]
        }
        return Image(width: width, height: height, channels: 1, pixels: grey, alpha: alpha)
    }
}
