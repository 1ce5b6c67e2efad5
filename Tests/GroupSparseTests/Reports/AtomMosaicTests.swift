import XCTest
import GroupSparse
@testable import GroupSparseReports

final class AtomMosaicTests: XCTestCase {
    func testTwoHundredFiftySixAtomsMakeASixteenBySixteenGrid() throws {
        let mosaic = try AtomMosaic(atomCount: 256, patchSize: 9, channels: 1)
        XCTAssertEqual([mosaic.columns, mosaic.rows], [16, 16])
        XCTAssertEqual([mosaic.width, mosaic.height], [16 * 9 + 17, 16 * 9 + 17])
        XCTAssertTrue(mosaic.origin(ofAtom: 0) == (1, 1))
        XCTAssertTrue(mosaic.origin(ofAtom: 17) == (11, 11))
        XCTAssertTrue(mosaic.origin(ofAtom: 255) == (151, 151))

        let scaled = try AtomMosaic(atomCount: 256, patchSize: 9, channels: 1, scale: 3)
        XCTAssertEqual(scaled.width, 16 * 27 + 17, "the separator stays one pixel at any scale")
        XCTAssertTrue(scaled.origin(ofAtom: 1) == (29, 1))
    }

    func testCountsThatAreNotSquaresFillRowsFirst() throws {
        let mosaic = try AtomMosaic(atomCount: 10, patchSize: 2, channels: 1)
        XCTAssertEqual([mosaic.columns, mosaic.rows], [4, 3])
        XCTAssertTrue(mosaic.origin(ofAtom: 9) == (4, 7))
        let picture = mosaic.picture(of: Matrix(rows: 4, columns: 10, repeating: 1))
        XCTAssertEqual(picture[0, 7, 7], 1, "cells past the last atom stay white")
    }

    func testEachAtomIsNormalisedOnItsOwnAroundMidGrey() throws {
        let mosaic = try AtomMosaic(atomCount: 2, patchSize: 2, channels: 1, scale: 2)
        // Atom 0 holds [2, -1, 0, 1] row by row; atom 1 is zero.
        let matrix = Matrix(rows: 4, columns: 2, values: [2, 0, -1, 0, 0, 0, 1, 0])
        let picture = mosaic.picture(of: matrix)
        XCTAssertEqual([picture.width, picture.height], [2 * 4 + 3, 4 + 2])
        let (x, y) = mosaic.origin(ofAtom: 0)
        XCTAssertEqual(picture[0, y, x], 1, "the largest magnitude is white")
        XCTAssertEqual(picture[0, y + 1, x + 1], 1, "each sample covers scale x scale pixels")
        XCTAssertEqual(picture[0, y, x + 2], 0.25, "-1 of a largest magnitude of 2")
        XCTAssertEqual(picture[0, y + 2, x], 0.5, "zero is mid-grey")
        XCTAssertEqual(picture[0, y + 3, x + 3], 0.75)
        XCTAssertEqual(picture[0, 0, 0], 1, "the separator is white")
        let other = mosaic.origin(ofAtom: 1)
        XCTAssertEqual(picture[0, other.y, other.x], 0.5, "an all-zero atom is mid-grey")
    }

    func testColourAtomsUseTheirThreePlanes() throws {
        let mosaic = try AtomMosaic(atomCount: 1, patchSize: 1, channels: 3)
        let picture = mosaic.picture(of: Matrix(rows: 3, columns: 1, values: [1, -1, 0]))
        XCTAssertEqual(picture.channels, 3)
        XCTAssertEqual([picture[0, 1, 1], picture[1, 1, 1], picture[2, 1, 1]], [1, 0, 0.5])
        XCTAssertThrowsError(try AtomMosaic(atomCount: 4, patchSize: 3, channels: 2)) { error in
            XCTAssertEqual(error as? ReportError, .unsupportedChannelCount(2))
        }
    }

    func testTheBundledModelGivesTheDocumentedPicture() throws {
        let weights = try Denoiser.pretrained(.sc).weights
        let mosaic = try AtomMosaic(atomCount: weights.configuration.atomCount, patchSize: weights.configuration.patchSize,
                                    channels: weights.configuration.channels)
        let picture = mosaic.picture(of: weights.reconstruction)
        XCTAssertEqual([picture.width, picture.height, picture.channels], [161, 161, 1])
        // Every atom reaches black or white somewhere in its tile.
        for atom in [0, 100, 255] {
            let (x, y) = mosaic.origin(ofAtom: atom)
            var extremes: Float = 0
            for row in y..<y + 9 { for column in x..<x + 9 { extremes = max(extremes, abs(picture[0, row, column] - 0.5)) } }
            XCTAssertEqual(extremes, 0.5, accuracy: 1e-6, "atom \(atom)")
        }
    }
}
