/// Draws random square crops from a set of images, each under one of the eight symmetries of the
/// square (flips and quarter turns), which are as natural in photographs as the originals.
struct CropSampler {
    let images: [Image]
    let cropSize: Int

    init(images: [Image], cropSize: Int) {
        precondition(!images.isEmpty, "no images to crop from")
        precondition(images.allSatisfy { $0.width >= cropSize && $0.height >= cropSize }, "an image is smaller than the crop")
        self.images = images
        self.cropSize = cropSize
    }

    /// One random crop.
    func sample(using generator: inout SeededGenerator) -> Image {
        let image = images[Int(generator.next() % UInt64(images.count))]
        let top = Int(generator.next() % UInt64(image.height - cropSize + 1))
        let left = Int(generator.next() % UInt64(image.width - cropSize + 1))
        let symmetry = Int(generator.next() % 8)
        let crop = image.crop(row: top, column: left, height: cropSize, width: cropSize)
        return CropSampler.apply(symmetry: symmetry, to: crop)
    }

    /// The crop under symmetry `code`: bit 0 transposes, bit 1 mirrors rows, bit 2 mirrors columns.
    static func apply(symmetry code: Int, to image: Image) -> Image {
        guard code != 0 else { return image }
        let size = image.width
        precondition(image.height == size, "symmetries apply to square crops")
        var result = image
        for channel in 0..<image.channels {
            let plane = channel * size * size
            for y in 0..<size {
                for x in 0..<size {
                    var (sourceY, sourceX) = code & 1 != 0 ? (x, y) : (y, x)
                    if code & 2 != 0 { sourceY = size - 1 - sourceY }
                    if code & 4 != 0 { sourceX = size - 1 - sourceX }
                    result.pixels[plane + y * size + x] = image.pixels[plane + sourceY * size + sourceX]
                }
            }
        }
        return result
    }
}
