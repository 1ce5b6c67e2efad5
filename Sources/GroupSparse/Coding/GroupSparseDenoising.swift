/// Whole-image denoising with a group-sparse coder, in overlapping tiles so that memory stays
/// bounded by the tile size rather than the image size.
///
/// A ``GroupSparsePass`` holds several `rows x atoms` and `rows x m` buffers, about 4 KB per pixel
/// for the default model, so a large image is cut by ``TileLayout`` into tiles of at most
/// ``tileSpan`` pixels along each axis, each a core plus ``margin`` pixels of context on every side.
/// Every tile is matched and coded on its own and only its core is kept.
///
/// The image may hold several members, each with the model's channel count (the three opponent
/// channels for a grey model, for example). Each member is coded with the model; when members share
/// groups, the first member's pass matches and weighs the groups at every refresh and the others
/// reuse them unchanged.
struct GroupSparseDenoising {
    /// The coder's weights; they must have a non-local part.
    let weights: SparseCoderWeights
    /// The longest side of a tile: 512 keeps one tile's pass near 1 GB for the default model, and
    /// leaves images up to 512 x 512 (the usual benchmark sizes) untiled.
    var tileSpan = 512
    /// Context kept around each core, ``defaultMargin(for:)`` unless set.
    var margin: Int

    init(weights: SparseCoderWeights) {
        self.weights = weights
        margin = Self.defaultMargin(for: weights)
    }

    /// `2 (k - 1) + 2 R` pixels: 40 for 9 x 9 patches and a search radius of 12.
    ///
    /// The result at a pixel comes from the patches covering it (up to `k - 1` pixels away), coded
    /// with their group members (origins up to `R` away) matched and weighted on pilot patches
    /// (`k - 1` further), with betas that came from the previous unfolding's group shrinkage (`R`
    /// further). Within this reach a core pixel sees exactly what it would see in the whole image;
    /// what lies beyond reaches it only through several averaged group energies, and its effect
    /// shrinks quickly with distance (`TiledDenoisingTests` bounds it).
    static func defaultMargin(for weights: SparseCoderWeights) -> Int {
        let reach = weights.nonLocal?.configuration.searchRadius ?? 0
        return 2 * (weights.configuration.patchSize - 1) + 2 * reach
    }

    /// The estimate of `image`, whose channels are consecutive members of the model's channel count,
    /// under noise of standard deviation `sigma` ([0, 1] scale).
    ///
    /// - Parameters:
    ///   - sharesGroups: code every member with the groups and weights found on the first member.
    ///   - shouldContinue: polled before every unfolding; returning `false` abandons the work.
    func denoise(_ image: Image, sigma: Float, sharesGroups: Bool,
                 shouldContinue: (Double) -> Bool = { _ in true }) throws(CancellationError) -> Image {
        guard let nonLocal = weights.nonLocal else { preconditionFailure("the coder has no non-local part") }
        let memberChannels = weights.configuration.channels
        precondition(image.channels % memberChannels == 0, "image channels are not a multiple of the model's")
        let memberCount = image.channels / memberChannels
        let layout = TileLayout(width: image.width, height: image.height, span: tileSpan, margin: margin)
        var output = [Float](repeating: 0, count: image.pixels.count)

        let unitCount = Double(layout.tiles.count * memberCount)
        for (tileIndex, tile) in layout.tiles.enumerated() {
            let region = layout.tiles.count == 1 ? image : image.crop(
                row: tile.rows.lowerBound, column: tile.columns.lowerBound,
                height: tile.rows.count, width: tile.columns.count)
            let pass = GroupSparsePass(configuration: weights.configuration, nonLocal: nonLocal.configuration,
                                       width: region.width, height: region.height, imageCount: 1, recordsTrace: false)
            var sharedGroups: [PatchGroups]? = nil
            for member in 0..<memberCount {
                let unit = Double(tileIndex * memberCount + member)
                let memberRange = member * memberChannels..<(member + 1) * memberChannels
                let estimate = try pass.forward(weights, noisy: [region.selectingChannels(memberRange)], sigmas: [sigma],
                                                sharedGroups: sharedGroups,
                                                shouldContinue: { shouldContinue((unit + $0) / unitCount) })[0]
                if sharesGroups && member == 0 { sharedGroups = pass.groups }
                estimate.copyCore(of: tile, to: &output, width: image.width, height: image.height,
                                  firstChannel: memberRange.lowerBound)
            }
        }
        return Image(width: image.width, height: image.height, channels: image.channels, pixels: output)
    }
}

extension Image {
    /// Writes the part of this tile's result that lies in the tile's core into the planar `output`
    /// of the whole image, from channel `firstChannel` on.
    fileprivate func copyCore(of tile: TileLayout.Tile, to output: inout [Float], width imageWidth: Int,
                              height imageHeight: Int, firstChannel: Int) {
        let top = tile.coreRows.lowerBound - tile.rows.lowerBound
        let left = tile.coreColumns.lowerBound - tile.columns.lowerBound
        let coreWidth = tile.coreColumns.count
        for channel in 0..<channels {
            for row in 0..<tile.coreRows.count {
                let source = (channel * height + top + row) * width + left
                let target = ((firstChannel + channel) * imageHeight + tile.coreRows.lowerBound + row) * imageWidth
                    + tile.coreColumns.lowerBound
                output[target..<target + coreWidth] = pixels[source..<source + coreWidth]
            }
        }
    }
}
