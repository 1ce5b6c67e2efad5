import XCTest
@testable import GroupSparse

final class PatchGridTests: XCTestCase {
    func testOriginsAtSeveralStridesPinTheLastOrigin() {
        let expected: [Int: [Int]] = [
            1: Array(0...8),
            2: [0, 2, 4, 6, 8],
            3: [0, 3, 6, 8],
            5: [0, 5, 8],
        ]
        for (stride, origins) in expected {
            let grid = PatchGrid(width: 13, height: 13, patchSize: 5, stride: stride)
            XCTAssertEqual(grid.rowOrigins, origins, "stride \(stride)")
            XCTAssertEqual(grid.columnOrigins, origins, "stride \(stride)")
        }
    }

    func testOriginsRunByStrideAndEndAtTheBorder() {
        for (width, height, patchSize) in [(17, 11, 5), (9, 30, 4), (6, 6, 6), (20, 7, 1)] {
            for stride in [1, 2, 3, 5] {
                let grid = PatchGrid(width: width, height: height, patchSize: patchSize, stride: stride)
                // A stride beyond the patch size would leave gaps; the grid reduces it to the patch size.
                let effective = min(stride, patchSize)
                XCTAssertEqual(grid.stride, effective)
                for (origins, extent) in [(grid.rowOrigins, height), (grid.columnOrigins, width)] {
                    XCTAssertEqual(origins.first, 0)
                    XCTAssertEqual(origins.last, extent - patchSize)
                    let steps = zip(origins.dropFirst(), origins).map { $0 - $1 }
                    XCTAssertTrue(steps.allSatisfy { $0 > 0 && $0 <= effective }, "\(origins), stride \(stride)")
                    XCTAssertTrue(steps.dropLast().allSatisfy { $0 == effective }, "\(origins), stride \(stride)")
                }
                XCTAssertEqual(grid.patchCount, grid.rowOrigins.count * grid.columnOrigins.count)
            }
        }
    }

    func testEveryPixelIsCoveredAtAnyStride() {
        for (width, height, patchSize) in [(17, 11, 5), (9, 30, 4), (6, 6, 6), (12, 8, 3)] {
            for stride in Set([1, 2, 3, 5, 7, patchSize]) {
                let grid = PatchGrid(width: width, height: height, channels: 2, patchSize: patchSize, stride: stride)
                let coverage = grid.coverage()
                XCTAssertEqual(coverage.count, width * height)
                XCTAssertGreaterThanOrEqual(coverage.min() ?? 0, 1, "\(width)x\(height), k \(patchSize), stride \(stride)")
                XCTAssertEqual(coverage.reduce(0, +), Float(grid.patchCount * patchSize * patchSize))
            }
        }
    }

    func testCoverageCountsPatchesAtStrideOne() {
        // Along an axis of 7 with patches of 3, the counts are 1 2 3 3 3 2 1; a pixel's count is the product.
        let grid = PatchGrid(width: 7, height: 4, patchSize: 3)
        let columnCounts: [Float] = [1, 2, 3, 3, 3, 2, 1], rowCounts: [Float] = [1, 2, 2, 1]
        let expected = rowCounts.flatMap { row in columnCounts.map { row * $0 } }
        XCTAssertEqual(grid.coverage(), expected)
    }

    func testPatchNumberingAndSizes() {
        let grid = PatchGrid(width: 10, height: 8, channels: 3, patchSize: 4, stride: 3)
        XCTAssertEqual(grid.columnOrigins, [0, 3, 6])
        XCTAssertEqual(grid.rowOrigins, [0, 3, 4])
        XCTAssertEqual(grid.patchLength, 48)
        XCTAssertEqual(grid.pixelsPerPatch, 16)
        XCTAssertTrue(grid.origin(ofPatch: 0) == (0, 0))
        XCTAssertTrue(grid.origin(ofPatch: 2) == (0, 6))
        XCTAssertTrue(grid.origin(ofPatch: 4) == (3, 3))
        XCTAssertTrue(grid.origin(ofPatch: 8) == (4, 6))
    }

    func testPatchAsLargeAsTheImageGivesOnePatch() {
        let grid = PatchGrid(width: 5, height: 5, patchSize: 5, stride: 3)
        XCTAssertEqual(grid.patchCount, 1)
        XCTAssertEqual(grid.coverage(), [Float](repeating: 1, count: 25))
    }
}
