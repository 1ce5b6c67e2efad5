import XCTest
@testable import GroupSparse

final class BlockMatcherTests: XCTestCase {
    private func randomImage(width: Int, height: Int, channels: Int, seed: UInt64) -> Image {
        var generator = SeededGenerator(seed: seed)
        let pixels = (0..<channels * width * height).map { _ in generator.nextUniformFloat() }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Constant 4 x 4 tiles drawn from three levels, plus a few lone pixels: many patches are exactly
    /// equal, so distances tie, at 0 and above. The levels are dyadic, so every distance is exact.
    private func tiledImage(width: Int, height: Int, channels: Int) -> Image {
        var image = Image(width: width, height: height, channels: channels)
        let levels: [Float] = [0, 0.5, 0.75]
        for channel in 0..<channels {
            for row in 0..<height {
                for column in 0..<width {
                    image[channel, row, column] = levels[(row / 4 + 2 * (column / 4) + channel) % levels.count]
                }
            }
        }
        image[0, height / 2, width / 3] = 0.25
        image[channels - 1, 1, width - 2] = 1
        return image
    }

    private func assertMatchesReference(
        _ image: Image, patchSizes: [Int], neighbourCounts: [Int], strides: [Int], radii: [Int],
        file: StaticString = #filePath, line: UInt = #line
    ) {
        for k in patchSizes {
            for stride in strides {
                let grid = PatchGrid(image: image, patchSize: k, stride: stride)
                for neighbourCount in neighbourCounts {
                    for radius in radii {
                        let fast = BlockMatcher(patchSize: k, neighbourCount: neighbourCount, searchRadius: radius)
                            .match(image, grid: grid, threadCount: 2)
                        let reference = ReferenceBlockMatcher(neighbourCount: neighbourCount, searchRadius: radius)
                            .match(image, grid: grid)
                        assertEqual(fast, reference,
                                    "k \(k), stride \(stride), K \(neighbourCount), radius \(radius)",
                                    file: file, line: line)
                    }
                }
            }
        }
    }

    /// Reports the first differing group rather than two whole tables.
    private func assertEqual(
        _ table: NeighbourTable, _ expected: NeighbourTable, _ message: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(table.neighbourCount, expected.neighbourCount, message, file: file, line: line)
        XCTAssertEqual(table.patchCount, expected.patchCount, message, file: file, line: line)
        let width = expected.neighbourCount
        for patch in 0..<min(table.patchCount, expected.patchCount) {
            let row = patch * width..<(patch + 1) * width
            if table.indices[row] != expected.indices[row] || table.squaredDistances[row] != expected.squaredDistances[row] {
                XCTFail("\(message), patch \(patch): \(Array(table.indices[row])) \(Array(table.squaredDistances[row]))"
                        + " instead of \(Array(expected.indices[row])) \(Array(expected.squaredDistances[row]))",
                        file: file, line: line)
                return
            }
        }
    }

    func testGreyImageMatchesBruteForce() {
        assertMatchesReference(
            randomImage(width: 20, height: 17, channels: 1, seed: 1),
            patchSizes: [3, 5], neighbourCounts: [4, 8], strides: [1, 2, 3], radii: [0, 3, 6])
    }

    func testColourImageMatchesBruteForce() {
        assertMatchesReference(
            randomImage(width: 15, height: 15, channels: 3, seed: 2),
            patchSizes: [3, 5], neighbourCounts: [4, 8], strides: [1, 2, 3], radii: [3, 6])
    }

    func testExactTiesMatchBruteForce() {
        assertMatchesReference(
            tiledImage(width: 21, height: 18, channels: 1),
            patchSizes: [3, 5], neighbourCounts: [4, 8, 16], strides: [1, 2], radii: [3, 6])
        assertMatchesReference(
            tiledImage(width: 15, height: 13, channels: 3),
            patchSizes: [3], neighbourCounts: [8], strides: [1, 2], radii: [4])
    }

    func testImagesSpanningSeveralTilesMatchBruteForce() {
        // Wider than 64 and taller than 16 rows of origins, the matcher's tile.
        assertMatchesReference(
            randomImage(width: 70, height: 21, channels: 1, seed: 9),
            patchSizes: [3], neighbourCounts: [6], strides: [1, 2], radii: [5])
        assertMatchesReference(
            tiledImage(width: 72, height: 22, channels: 1),
            patchSizes: [4], neighbourCounts: [9], strides: [1], radii: [4])
    }

    func testTiesGoToTheLowerIndexAndSelfComesFirst() {
        // On a constant image every distance is 0, so a group is the patch and then the lowest indices
        // in its window, whether they lie before or after it.
        let image = Image(width: 12, height: 10, channels: 1, repeating: 0.5)
        let grid = PatchGrid(image: image, patchSize: 3)
        let table = BlockMatcher(patchSize: 3, neighbourCount: 4, searchRadius: 2).match(image, grid: grid)
        let columns = grid.columnOrigins.count
        let patch = 4 * columns + 5
        let expected = [patch, 2 * columns + 3, 2 * columns + 4, 2 * columns + 5].map(Int32.init)
        XCTAssertEqual(Array(table.indices[patch * 4..<patch * 4 + 4]), expected)
        XCTAssertEqual(Array(table.squaredDistances[patch * 4..<patch * 4 + 4]), [0, 0, 0, 0])
    }

    func testEveryGroupStartsWithItsPatch() {
        let image = tiledImage(width: 24, height: 19, channels: 1)
        for stride in [1, 2, 5] {
            let grid = PatchGrid(image: image, patchSize: 4, stride: stride)
            let table = BlockMatcher(patchSize: 4, neighbourCount: 6, searchRadius: 5).match(image, grid: grid)
            XCTAssertEqual(table.patchCount, grid.patchCount)
            for patch in 0..<grid.patchCount {
                XCTAssertEqual(table.indices[patch * 6], Int32(patch))
                XCTAssertEqual(table.squaredDistances[patch * 6], 0)
            }
        }
    }

    func testShortGroupsRepeatThePatchItself() {
        // With radius 1 the corner patch of a stride-1 grid has three candidates, the centre eight.
        let image = randomImage(width: 6, height: 5, channels: 1, seed: 3)
        let grid = PatchGrid(image: image, patchSize: 3)
        let table = BlockMatcher(patchSize: 3, neighbourCount: 7, searchRadius: 1).match(image, grid: grid)
        let reference = ReferenceBlockMatcher(neighbourCount: 7, searchRadius: 1).match(image, grid: grid)
        assertEqual(table, reference, "radius 1")
        XCTAssertEqual(Array(table.indices[4...6]), [0, 0, 0])
        XCTAssertEqual(Array(table.squaredDistances[4...6]), [0, 0, 0])
        XCTAssertEqual(Set(table.indices[1...3]), [1, 4, 5])
        let centre = 1 * grid.columnOrigins.count + 1
        XCTAssertFalse(table.indices[centre * 7 + 1..<centre * 7 + 7].contains(Int32(centre)))
    }

    func testSingleMemberGroupsHoldOnlyThePatch() {
        let image = randomImage(width: 9, height: 8, channels: 1, seed: 4)
        let grid = PatchGrid(image: image, patchSize: 3)
        let table = BlockMatcher(patchSize: 3, neighbourCount: 1, searchRadius: 4).match(image, grid: grid)
        XCTAssertEqual(table.indices, (0..<grid.patchCount).map(Int32.init))
        XCTAssertEqual(table.squaredDistances, [Float](repeating: 0, count: grid.patchCount))
    }

    func testDistancesAreSymmetricBitForBit() {
        let image = randomImage(width: 30, height: 26, channels: 2, seed: 5)
        let grid = PatchGrid(image: image, patchSize: 5, stride: 1)
        let neighbourCount = 12
        let table = BlockMatcher(patchSize: 5, neighbourCount: neighbourCount, searchRadius: 4).match(image, grid: grid)
        var found: [Int: Float] = [:]
        for patch in 0..<grid.patchCount {
            for slot in 1..<neighbourCount {
                found[patch * grid.patchCount + Int(table.indices[patch * neighbourCount + slot])] =
                    table.squaredDistances[patch * neighbourCount + slot]
            }
        }
        var checked = 0
        for (key, distance) in found {
            let (patch, other) = key.quotientAndRemainder(dividingBy: grid.patchCount)
            if let mirrored = found[other * grid.patchCount + patch] {
                XCTAssertEqual(distance.bitPattern, mirrored.bitPattern)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, grid.patchCount)
    }

    func testThreadCountDoesNotChangeTheTable() {
        let image = randomImage(width: 70, height: 26, channels: 1, seed: 6)
        for stride in [1, 3] {
            let grid = PatchGrid(image: image, patchSize: 5, stride: stride)
            let matcher = BlockMatcher(patchSize: 5, neighbourCount: 8, searchRadius: 7)
            let single = matcher.match(image, grid: grid, threadCount: 1)
            for threads in [2, 3, 7, 64] {
                assertEqual(matcher.match(image, grid: grid, threadCount: threads), single,
                            "stride \(stride), \(threads) threads")
            }
        }
    }

    func testLuminanceMatchesWithAColourGrid() {
        let colour = randomImage(width: 16, height: 14, channels: 3, seed: 7)
        let luminance = colour.plane(1)
        let matcher = BlockMatcher(patchSize: 4, neighbourCount: 5, searchRadius: 3)
        assertEqual(
            matcher.match(luminance, grid: PatchGrid(image: colour, patchSize: 4, stride: 2)),
            matcher.match(luminance, grid: PatchGrid(image: luminance, patchSize: 4, stride: 2)), "luminance")
    }

    func testSelectionDoesNotDependOnArrivalOrder() {
        // Distances from a handful of values, so that ties are frequent, including ties with the
        // last kept slot.
        var generator = SeededGenerator(seed: 8)
        let candidates = (1...40).map { index in
            (index: Int32(index), distance: Float(generator.next() % 5) * 0.25)
        }
        func select(_ order: [(index: Int32, distance: Float)], neighbourCount: Int) -> ([Int32], [Float]) {
            let rowStride = NeighbourSelection.rowStride(neighbourCount: neighbourCount)
            var indices = [Int32](repeating: -1, count: rowStride)
            var distances = [Float](repeating: -1, count: rowStride)
            var bound: Float = 0
            indices.withUnsafeMutableBufferPointer { indexBuffer in
                distances.withUnsafeMutableBufferPointer { distanceBuffer in
                    withUnsafeMutablePointer(to: &bound) { boundPointer in
                        let selection = NeighbourSelection(
                            neighbourCount: neighbourCount, rowStride: rowStride, distances: distanceBuffer.baseAddress!,
                            indices: indexBuffer.baseAddress!, bounds: boundPointer)
                        selection.start(patch: 0)
                        for candidate in order { selection.offer(candidate.index, distance: candidate.distance, to: 0) }
                        selection.compact(patch: 0)
                    }
                }
            }
            return (Array(indices.prefix(neighbourCount)), Array(distances.prefix(neighbourCount)))
        }
        for neighbourCount in [1, 2, 5, 16, 45] {
            let sorted = candidates.sorted {
                $0.distance < $1.distance || ($0.distance == $1.distance && $0.index < $1.index)
            }
            var expectedIndices = [Int32(0)] + sorted.prefix(neighbourCount - 1).map(\.index)
            var expectedDistances = [Float(0)] + sorted.prefix(neighbourCount - 1).map(\.distance)
            while expectedIndices.count < neighbourCount {
                expectedIndices.append(0)
                expectedDistances.append(0)
            }
            var order = candidates
            for _ in 0..<20 {
                order.shuffle(using: &generator)
                let (indices, distances) = select(order, neighbourCount: neighbourCount)
                XCTAssertEqual(indices, expectedIndices, "K \(neighbourCount)")
                XCTAssertEqual(distances, expectedDistances, "K \(neighbourCount)")
            }
            XCTAssertEqual(select(candidates.reversed(), neighbourCount: neighbourCount).0, expectedIndices)
        }
    }
}
