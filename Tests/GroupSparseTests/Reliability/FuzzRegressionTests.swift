import Foundation
import XCTest
import GroupSparse

/// Replays inputs of the fuzz targets in `Fuzzing/` through the checks the targets make: every input
/// that once crashed one (`Fixtures/FuzzRegressions/<Target>/`) and the seed corpus
/// (`Fuzzing/Corpus/<Target>/`). A reader must return a value or throw its own error type, never
/// trap; a parser must return a value that satisfies its contract, or refuse.
final class FuzzRegressionTests: XCTestCase {
    func testPNGInputs() throws {
        try replay("FuzzPNG") { data in
            do {
                let decoded = try PNGCodec.decode(data)
                XCTAssertTrue(decoded.bitDepth == 8 || decoded.bitDepth == 16)
            } catch let error as ImageCodecError {
                _ = error.description
            }
        }
    }

    func testNPYInputs() throws {
        try replay("FuzzNPY") { data in
            do {
                let decoded = try NPYCodec.decode(data)
                guard decoded.image.channels == 1 || decoded.image.channels == 3 else { return }
                let again = try NPYCodec.decode(NPYCodec.encode(decoded.image, channelAxis: decoded.npyShapeHadChannelAxis))
                XCTAssertEqual(again.image.pixels.map(\.bitPattern), decoded.image.pixels.map(\.bitPattern))
            } catch let error as ImageCodecError {
                _ = error.description
            }
        }
    }

    func testSafetensorsInputs() throws {
        try replay("FuzzSafetensors") { data in
            let file: SafetensorsFile
            do {
                file = try SafetensorsFile(data: data)
            } catch let error as SafetensorsError {
                _ = error.description
                return
            }
            for tensor in file.tensors.values {
                XCTAssertEqual(tensor.values.count, tensor.shape.reduce(1, *))
            }
            do {
                _ = try SparseCoderWeights(safetensors: file)
            } catch let error as ModelFileError {
                _ = error.description
            }
        }
    }

    func testSigmaInputs() throws {
        try replay("FuzzSigma") { data in
            let text = String(decoding: data, as: UTF8.self)
            if let sigma = NoiseLevelSyntax.sigma(text) {
                XCTAssertTrue(sigma.isFinite && sigma >= 0, text)
                XCTAssertEqual(NoiseLevelSyntax.noiseLevel(text), .value(sigma), text)
            }
            if case .success(let sigmas) = NoiseLevelSyntax.sigmaList(text) {
                XCTAssertEqual(sigmas.count, text.filter { $0 == "," }.count + 1, text)
            }
            _ = NoiseLevelSyntax.strength(text)
        }
    }

    func testModelNameInputs() throws {
        try replay("FuzzModelName") { data in
            let text = String(decoding: data, as: UTF8.self)
            do {
                if case .embedded(let model) = try ModelLocator.source(for: text, environment: [:]) {
                    XCTAssertEqual(model.rawValue, text)
                }
            } catch let error as DenoiserError {
                _ = error.description
            }
        }
    }

    /// Runs `check` on every input saved for `target`; an error `check` lets through fails the test
    /// with the input's name.
    private func replay(_ target: String, _ check: (Data) throws -> Void) throws {
        let inputs = try inputFiles(for: target)
        XCTAssertFalse(inputs.isEmpty, "no inputs for \(target)")
        for input in inputs {
            do {
                try check(try Data(contentsOf: input))
            } catch {
                XCTFail("\(target) \(input.lastPathComponent): \(type(of: error)): \(error)")
            }
        }
    }

    private func inputFiles(for target: String) throws -> [URL] {
        let repository = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var folders = [repository.appendingPathComponent("Fuzzing/Corpus/\(target)")]
        if let regressions = Bundle.module.url(forResource: "FuzzRegressions", withExtension: nil, subdirectory: "Fixtures") {
            folders.append(regressions.appendingPathComponent(target))
        }
        return folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
                .filter { $0.lastPathComponent != "README.md" }
        }.sorted { $0.path < $1.path }
    }
}
