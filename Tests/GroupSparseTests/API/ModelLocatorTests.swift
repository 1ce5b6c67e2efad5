import XCTest
@testable import GroupSparse

final class ModelLocatorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ModelLocatorTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: folder)
    }

    func testBundledNamesFallBackToTheEmbeddedWeights() throws {
        XCTAssertEqual(try ModelLocator.source(for: "sc", environment: [:]), .embedded(.sc))
        XCTAssertEqual(ModelLocator.source(for: .sc, environment: [ModelLocator.environmentVariable: folder.path]),
                       .embedded(.sc))
    }

    func testTheEnvironmentFolderComesBeforeTheEmbeddedWeights() throws {
        let file = folder.appendingPathComponent("sc.safetensors")
        try Denoiser.pretrained(.sc).weights.safetensors(metadata: ["training.note": "copy"]).write(to: file)
        let environment = [ModelLocator.environmentVariable: folder.path]
        XCTAssertEqual(try ModelLocator.source(for: "sc", environment: environment), .file(file))
        XCTAssertEqual(ModelLocator.source(for: .sc, environment: environment), .file(file))
        XCTAssertEqual(try Denoiser(source: .file(file), name: "sc").metadata["training.note"], "copy")
    }

    func testAnExistingPathComesFirst() throws {
        let file = folder.appendingPathComponent("custom.safetensors")
        try Denoiser.pretrained(.sc).weights.safetensors().write(to: file)
        XCTAssertEqual(try ModelLocator.source(for: file.path, environment: [:]), .file(file))
        let denoiser = try Denoiser(model: file.path)
        XCTAssertEqual(denoiser.name, "custom")
        XCTAssertEqual(denoiser.weights, try Denoiser.pretrained(.sc).weights)
    }

    func testUnknownNamesAndMissingPathsAreTypedErrors() {
        let environment = [ModelLocator.environmentVariable: folder.path]
        XCTAssertThrowsError(try ModelLocator.source(for: "nope", environment: environment)) { error in
            XCTAssertEqual(error as? DenoiserError, .unknownModel(
                name: "nope", searched: [folder.appendingPathComponent("nope.safetensors").path]))
            XCTAssertFalse(String(describing: error).contains("\n"))
        }
        XCTAssertThrowsError(try ModelLocator.source(for: "missing/model.safetensors", environment: [:])) { error in
            XCTAssertEqual(error as? DenoiserError, .modelFileNotFound(path: "missing/model.safetensors"))
        }
        XCTAssertThrowsError(try ModelLocator.source(for: folder.path, environment: [:])) { error in
            guard case DenoiserError.invalidModelFile = error else { return XCTFail("\(error)") }
        }
    }

    func testCorruptModelFilesAreReportedWithTheirPath() throws {
        let file = folder.appendingPathComponent("broken.safetensors")
        try Data("not a model".utf8).write(to: file)
        XCTAssertThrowsError(try Denoiser(contentsOf: file)) { error in
            guard case DenoiserError.invalidModelFile(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, file.path)
        }
        XCTAssertThrowsError(try Denoiser(contentsOf: folder.appendingPathComponent("absent.safetensors"))) { error in
            guard case DenoiserError.modelFileNotFound = error else { return XCTFail("\(error)") }
        }
    }
}
