import XCTest
@testable import GroupSparse

final class SparseCoderWeightsFileTests: XCTestCase {
    private let configuration = SparseCoderConfiguration(patchSize: 3, channels: 2, atomCount: 5, unfoldingCount: 4)

    private func randomWeights() -> SparseCoderWeights {
        var generator = SeededGenerator(seed: 1)
        let m = configuration.patchLength, p = configuration.atomCount, t = configuration.unfoldingCount
        // Thresholds are non-negative in every valid file.
        func magnitudes(_ matrix: Matrix) -> Matrix {
            Matrix(rows: matrix.rows, columns: matrix.columns, values: matrix.values.map(abs))
        }
        func matrix(_ rows: Int, _ columns: Int) -> Matrix {
            Matrix(rows: rows, columns: columns, values: (0..<rows * columns).map { _ in Float(generator.nextGaussian()) })
        }
        return SparseCoderWeights(configuration: configuration, analysis: matrix(m, p), dictionary: matrix(m, p),
                                  reconstruction: matrix(m, p), thresholdOffsets: magnitudes(matrix(t, p)),
                                  thresholdSlopes: magnitudes(matrix(t, p)))
    }

    private func reload(_ file: SafetensorsFile) throws -> SparseCoderWeights {
        try SparseCoderWeights(safetensors: SafetensorsFile(data: try file.serialized()))
    }

    private func assertThrows(_ file: SafetensorsFile, _ expected: ModelFileError, line: UInt = #line) {
        XCTAssertThrowsError(try reload(file), line: line) { error in
            XCTAssertEqual(error as? ModelFileError, expected, line: line)
        }
    }

    func testSaveAndLoadGiveIdenticalWeightsAndKeepTheMetadata() throws {
        let weights = randomWeights()
        let provenance = ["training.seed": "7", "command": "groupsparse train --steps 10"]
        let data = try weights.safetensors(metadata: provenance).serialized()
        let file = try SafetensorsFile(data: data)
        let loaded = try SparseCoderWeights(safetensors: file)
        XCTAssertEqual(loaded, weights)
        XCTAssertEqual(loaded.configuration, configuration)
        for (loadedTensor, original) in zip(loaded.tensors, weights.tensors) {
            XCTAssertEqual(loadedTensor.map(\.bitPattern), original.map(\.bitPattern))
        }
        for (key, value) in provenance { XCTAssertEqual(file.metadata[key], value) }
        XCTAssertEqual(file.metadata["groupsparse.kind"], "sparse-coder")
        XCTAssertEqual(file.metadata["groupsparse.patch_size"], "3")
        XCTAssertEqual(file.metadata["groupsparse.channels"], "2")
        XCTAssertEqual(file.metadata["groupsparse.atoms"], "5")
        XCTAssertEqual(file.metadata["groupsparse.unfoldings"], "4")
        XCTAssertEqual(file.tensors["analysis"]?.shape, [18, 5])
        XCTAssertEqual(file.tensors["threshold_slopes"]?.shape, [4, 5])
        XCTAssertEqual(try weights.safetensors(metadata: provenance).serialized(), data, "serialisation must be deterministic")
    }

    func testConfigurationMetadataOverridesClashingExtraEntries() throws {
        let file = randomWeights().safetensors(metadata: ["groupsparse.atoms": "99"])
        XCTAssertEqual(try reload(file).configuration, configuration)
    }

    func testMissingTensorIsReported() {
        for name in SparseCoderWeights.tensorNames {
            var file = randomWeights().safetensors()
            file.tensors[name] = nil
            assertThrows(file, .missingTensor(name))
        }
    }

    func testWrongShapeIsReported() {
        var file = randomWeights().safetensors()
        let values = file.tensors["dictionary"]!.values
        file.tensors["dictionary"] = .init(shape: [5, 18], values: values)
        assertThrows(file, .shapeMismatch(tensor: "dictionary", expected: [18, 5], found: [5, 18]))

        var flat = randomWeights().safetensors()
        flat.tensors["threshold_offsets"] = .init(shape: [20], values: flat.tensors["threshold_offsets"]!.values)
        assertThrows(flat, .shapeMismatch(tensor: "threshold_offsets", expected: [4, 5], found: [20]))
    }

    func testNonFiniteValuesAreReported() {
        for (name, value) in [("threshold_slopes", Float.nan), ("reconstruction", -Float.infinity)] {
            var file = randomWeights().safetensors()
            file.tensors[name]!.values[3] = value
            assertThrows(file, .nonFiniteValues(tensor: name))
        }
    }

    func testNegativeThresholdsAndAMixingFactorOutsideTheUnitIntervalAreReported() {
        for name in ["threshold_offsets", "threshold_slopes"] {
            var file = randomWeights().safetensors()
            file.tensors[name]!.values[2] = -1e-3
            assertThrows(file, .valueOutOfRange(tensor: name, range: ">= 0"))
        }
        var weights = randomWeights()
        weights.nonLocal = NonLocalWeights(configuration: NonLocalConfiguration(),
                                           similarityScales: [Float](repeating: 1, count: configuration.patchLength), mixing: 0.5)
        XCTAssertEqual(try reload(weights.safetensors()), weights)
        for mixing: Float in [-0.01, 1.01] {
            var file = weights.safetensors()
            file.tensors["mixing"]!.values[0] = mixing
            assertThrows(file, .valueOutOfRange(tensor: "mixing", range: "[0.0, 1.0]"))
        }
    }

    func testUnknownOrMissingKindIsReported() {
        var file = randomWeights().safetensors()
        file.metadata["groupsparse.kind"] = "group-sparse-coder-v9"
        assertThrows(file, .unsupportedKind("group-sparse-coder-v9"))
        file.metadata["groupsparse.kind"] = nil
        assertThrows(file, .invalidMetadata(key: "groupsparse.kind", reason: "missing"))
    }

    func testMissingOrInvalidConfigurationIsReported() {
        var missing = randomWeights().safetensors()
        missing.metadata["groupsparse.unfoldings"] = nil
        assertThrows(missing, .invalidMetadata(key: "groupsparse.unfoldings", reason: "missing"))
        for text in ["0", "nine", "3.0", "-1"] {
            var file = randomWeights().safetensors()
            file.metadata["groupsparse.patch_size"] = text
            XCTAssertThrowsError(try reload(file)) { error in
                guard case .invalidMetadata(let key, _)? = error as? ModelFileError else {
                    return XCTFail("expected invalid metadata for '\(text)', got \(error)")
                }
                XCTAssertEqual(key, "groupsparse.patch_size")
            }
        }
    }
}
