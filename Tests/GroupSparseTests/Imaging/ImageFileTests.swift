import Foundation
import XCTest
@testable import GroupSparse

final class ImageFileTests: XCTestCase {
    func testFormatFromExtension() {
        XCTAssertEqual(ImageFormat(pathExtension: "png"), .png)
        XCTAssertEqual(ImageFormat(pathExtension: "PNG"), .png)
        XCTAssertEqual(ImageFormat(pathExtension: "Npy"), .npy)
        XCTAssertNil(ImageFormat(pathExtension: "jpg"))
        XCTAssertNil(ImageFormat(pathExtension: ""))
        XCTAssertEqual(ImageFormat.npy.pathExtension, "npy")
    }

    func testFormatFromSignature() throws {
        let grey = Image(width: 2, height: 2, channels: 1, repeating: 0.5)
        XCTAssertEqual(ImageFormat(sniffing: try PNGCodec.encode(grey)), .png)
        XCTAssertEqual(ImageFormat(sniffing: try NPYCodec.encode(grey)), .npy)
        XCTAssertNil(ImageFormat(sniffing: Data("GIF89a".utf8)))
        XCTAssertNil(ImageFormat(sniffing: Data()))
    }

    func testExtensionChoosesTheFormat() throws {
        let directory = try temporaryDirectory()
        let image = Image(width: 3, height: 2, channels: 3,
                          pixels: [-0.5, 0, 0.2, 0.4, 0.6, 1.5, 0, 0.1, 0.2, 0.3, 0.4, 0.5,
                                   1, 1, 1, 0, 0, 0])

        let npyURL = directory.appendingPathComponent("image.NPY")
        try ImageFile.write(image, to: npyURL)
        let fromNPY = try ImageFile.read(npyURL)
        XCTAssertEqual(fromNPY.format, .npy)
        XCTAssertEqual(fromNPY.image, image)

        let pngURL = directory.appendingPathComponent("image.png")
        try ImageFile.write(image, to: pngURL, bitDepth: 16)
        let fromPNG = try ImageFile.read(pngURL)
        XCTAssertEqual(fromPNG.format, .png)
        XCTAssertEqual(fromPNG.bitDepth, 16)
        XCTAssertEqual(fromPNG.image, try PNGCodec.decode(PNGCodec.encode(image, bitDepth: 16)).image)
    }

    func testUnknownExtensionFallsBackToTheSignature() throws {
        let directory = try temporaryDirectory()
        let image = Image(width: 2, height: 2, channels: 1, pixels: [0, 64.0 / 255, 191.0 / 255, 1])
        let pngData = directory.appendingPathComponent("no-extension")
        let npyData = directory.appendingPathComponent("array.bin")
        try PNGCodec.encode(image).write(to: pngData)
        try NPYCodec.encode(image).write(to: npyData)
        XCTAssertEqual(try ImageFile.read(pngData).format, .png)
        XCTAssertEqual(try ImageFile.read(pngData).image, image)
        XCTAssertEqual(try ImageFile.read(npyData).format, .npy)
        XCTAssertEqual(try ImageFile.read(npyData).image, image)

        let unknown = directory.appendingPathComponent("picture.gif")
        try Data("GIF89a and some more bytes".utf8).write(to: unknown)
        XCTAssertThrowsError(try ImageFile.read(unknown)) { error in
            XCTAssertEqual(error as? ImageCodecError, .unknownFormat(path: unknown.path))
        }
    }

    func testWritingAnUnknownExtensionFailsWithoutCreatingAFile() throws {
        let directory = try temporaryDirectory()
        let url = directory.appendingPathComponent("image.jpg")
        XCTAssertThrowsError(try ImageFile.write(Image(width: 2, height: 2), to: url)) { error in
            XCTAssertEqual(error as? ImageCodecError, .unknownExtension(path: url.path))
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    func testUnencodableImageLeavesNoFile() throws {
        let directory = try temporaryDirectory()
        var image = Image(width: 2, height: 2, channels: 1, repeating: 0.5)
        image[0, 1, 1] = .nan
        XCTAssertThrowsError(try ImageFile.write(image, to: directory.appendingPathComponent("nan.png"))) { error in
            guard case .unsupported? = error as? ImageCodecError else { return XCTFail("unexpected error \(error)") }
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: directory.path), [])
    }

    func testWritingLikeTheSourceKeepsDepthAndShape() throws {
        let directory = try temporaryDirectory()
        let grey = Image(width: 3, height: 2, channels: 1, pixels: [0, 0.1, 0.2, 0.3, 0.4, 0.5])

        let deep = directory.appendingPathComponent("deep.png")
        try ImageFile.write(grey, to: deep, bitDepth: 16)
        let source16 = try ImageFile.read(deep)
        let copy16 = directory.appendingPathComponent("copy16.png")
        try ImageFile.write(source16.image, to: copy16, matching: source16)
        XCTAssertEqual(try ImageFile.read(copy16).bitDepth, 16)

        for channelAxis in [false, true] {
            let array = directory.appendingPathComponent("array-\(channelAxis).npy")
            try ImageFile.write(grey, to: array, npyChannelAxis: channelAxis)
            let source = try ImageFile.read(array)
            XCTAssertEqual(source.npyShapeHadChannelAxis, channelAxis)
            let copy = directory.appendingPathComponent("copy-\(channelAxis).npy")
            try ImageFile.write(source.image, to: copy, matching: source)
            XCTAssertEqual(try ImageFile.read(copy).npyShapeHadChannelAxis, channelAxis)
            XCTAssertEqual(try ImageFile.read(copy).image, grey)

            let png = directory.appendingPathComponent("from-npy-\(channelAxis).png")
            try ImageFile.write(source.image, to: png, matching: source)
            XCTAssertEqual(try ImageFile.read(png).bitDepth, 8)
        }
    }

    func testMissingFileIsNotFound() throws {
        let url = try temporaryDirectory().appendingPathComponent("absent.npy")
        XCTAssertThrowsError(try ImageFile.read(url)) { error in
            XCTAssertEqual(error as? ImageCodecError, .fileNotFound(path: url.path))
        }
    }

    func testErrorDescriptionsNameTheFileOnOneLine() {
        let errors: [ImageCodecError] = [
            .fileNotFound(path: "a.png"), .unreadable(path: "a.png", reason: "permission denied"),
            .truncated(path: "a.png"), .corrupt(path: "a.png", reason: "bad CRC"),
            .unsupported(path: "a.png", reason: "bit depth 12"), .unknownExtension(path: "a.png"),
            .unknownFormat(path: "a.png"), .writeFailed(path: "a.png", reason: "disk full"),
        ]
        for error in errors {
            XCTAssertTrue(error.description.contains("a.png"), error.description)
            XCTAssertFalse(error.description.contains("\n"), error.description)
        }
    }

    func testBundledSampleIsAGreyEightBitCrop() throws {
        let sample = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples/coffee.png")
        let decoded = try ImageFile.read(sample)
        XCTAssertEqual(decoded.bitDepth, 8)
        XCTAssertEqual([decoded.image.width, decoded.image.height, decoded.image.channels], [256, 256, 1])
        XCTAssertNil(decoded.image.alpha)
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ImageFileTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
