import XCTest
@testable import GroupSparse

final class TiledDenoisingTests: XCTestCase {
    func testCoresPartitionTheImageAndTilesAddTheMargin() {
        let layout = TileLayout(width: 300, height: 130, span: 100, margin: 20)
        var covered = [Int](repeating: 0, count: 300 * 130)
        for tile in layout.tiles {
            XCTAssertLessThanOrEqual(tile.rows.count, 100)
            XCTAssertLessThanOrEqual(tile.columns.count, 100)
            XCTAssertLessThanOrEqual(tile.coreRows.count, 60)
            XCTAssertEqual(tile.rows.lowerBound, max(0, tile.coreRows.lowerBound - 20))
            XCTAssertEqual(tile.rows.upperBound, min(130, tile.coreRows.upperBound + 20))
            XCTAssertEqual(tile.columns.lowerBound, max(0, tile.coreColumns.lowerBound - 20))
            XCTAssertEqual(tile.columns.upperBound, min(300, tile.coreColumns.upperBound + 20))
            for row in tile.coreRows { for column in tile.coreColumns { covered[row * 300 + column] += 1 } }
        }
        XCTAssertEqual(layout.tiles.count, 3 * 5)
        XCTAssertTrue(covered.allSatisfy { $0 == 1 })
    }

    func testAnAxisThatFitsInOneTileIsNotSplit() {
        let layout = TileLayout(width: 100, height: 40, span: 100, margin: 30)
        XCTAssertEqual(layout.tiles, [TileLayout.Tile(rows: 0..<40, columns: 0..<100, coreRows: 0..<40, coreColumns: 0..<100)])
    }

    func testDefaultMarginCoversPatchesAndTwoSearchWindows() throws {
        let weights = try Denoiser.pretrained(.groupsc).weights
        XCTAssertEqual(GroupSparseDenoising.defaultMargin(for: weights), 2 * 8 + 2 * 12)
    }

    /// Tiles of span 44 (cores of at most 16 pixels with the coder's margin of 14, so every core
    /// pixel lies near a tile border) against the whole image.
    func testTiledResultMatchesTheWholeImage() throws {
        let weights = dctGroupCoder()
        let clean = try SampleCrops.grey(size: 64, row: 60, column: 40).crop(row: 0, column: 0, height: 48, width: 64)
        let noisy = clean.addingGaussianNoise(sigma: 25, seed: 5)
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        Parallelism.threadCount = 1
        let whole = try weights.denoise(noisy, sigma: 25 / 255)
        var driver = GroupSparseDenoising(weights: weights)
        XCTAssertEqual(driver.margin, 14)
        driver.tileSpan = 44
        XCTAssertEqual(TileLayout(width: 64, height: 48, span: 44, margin: 14).tiles.count, 12)
        Parallelism.threadCount = 2
        let tiled = try driver.denoise(noisy, sigma: 25 / 255, sharesGroups: false)

        let psnr = peakSignalToNoiseRatio(tiled, reference: clean)
        XCTAssertGreaterThan(psnr, peakSignalToNoiseRatio(noisy, reference: clean) + 3)
        XCTAssertEqual(psnr, peakSignalToNoiseRatio(whole, reference: clean), accuracy: 0.02)
        XCTAssertLessThan(zip(tiled.pixels, whole.pixels).map { abs($0 - $1) }.max()!, 1e-4)
    }

    /// Colour and tiling compose: the opponent channels of one tile share the groups of its
    /// luminance. The tiles are coded one after another, so the thread count changes nothing but
    /// the rounding of the BLAS products.
    func testTiledColourResultMatchesTheWholeImageForAnyThreadCount() throws {
        let weights = dctGroupCoder()
        let clean = try syntheticColourCrop(width: 48, height: 30)
        let noisy = OpponentColour.forward(clean.addingGaussianNoise(sigma: 20, seed: 6))
        var driver = GroupSparseDenoising(weights: weights)
        let whole = OpponentColour.inverse(try driver.denoise(noisy, sigma: 20 / 255, sharesGroups: true))
        driver.tileSpan = 44
        let saved = Parallelism.threadCount
        defer { Parallelism.threadCount = saved }
        var results: [Image] = []
        for threads in [1, 2] {
            Parallelism.threadCount = threads
            results.append(OpponentColour.inverse(try driver.denoise(noisy, sigma: 20 / 255, sharesGroups: true)))
        }
        XCTAssertLessThan(zip(results[0].pixels, results[1].pixels).map { abs($0 - $1) }.max()!, 1e-6)
        XCTAssertEqual(peakSignalToNoiseRatio(results[0], reference: clean),
                       peakSignalToNoiseRatio(whole, reference: clean), accuracy: 0.02)
        XCTAssertLessThan(zip(results[0].pixels, whole.pixels).map { abs($0 - $1) }.max()!, 1e-4)
    }
}
