import Foundation

extension SparseCoderWeights {
    /// Metadata keys of the configuration in a weight file.
    enum MetadataKey {
        static let kind = "groupsparse.kind"
        static let patchSize = "groupsparse.patch_size"
        static let channels = "groupsparse.channels"
        static let atomCount = "groupsparse.atoms"
        static let unfoldingCount = "groupsparse.unfoldings"
        static let neighbourCount = "groupsparse.neighbours"
        static let searchRadius = "groupsparse.search_radius"
        static let refreshInterval = "groupsparse.refresh_interval"
    }

    /// The value of ``MetadataKey/kind`` for a coder of independent patches (SC).
    static let kind = "sparse-coder"
    /// The value of ``MetadataKey/kind`` for a group-sparse coder (GroupSC).
    static let groupKind = "group-sparse-coder"

    /// Reads weights from a safetensors file's tensors and configuration metadata.
    ///
    /// - Throws: ``ModelFileError`` when the configuration is missing or a tensor is absent, misshapen,
    ///   not finite, or out of range (negative thresholds, a mixing factor outside [0, 1]).
    public init(safetensors file: SafetensorsFile) throws {
        let metadata = file.metadata
        guard let kind = metadata[MetadataKey.kind] else {
            throw ModelFileError.invalidMetadata(key: MetadataKey.kind, reason: "missing")
        }
        guard kind == Self.kind || kind == Self.groupKind else { throw ModelFileError.unsupportedKind(kind) }
        func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int {
            guard let text = metadata[key] else { throw ModelFileError.invalidMetadata(key: key, reason: "missing") }
            guard let value = Int(text), range.contains(value) else {
                throw ModelFileError.invalidMetadata(key: key, reason: "'\(text)' is not an integer in \(range)")
            }
            return value
        }
        let configuration = SparseCoderConfiguration(
            patchSize: try integer(MetadataKey.patchSize, in: 1...64),
            channels: try integer(MetadataKey.channels, in: 1...4),
            atomCount: try integer(MetadataKey.atomCount, in: 1...65536),
            unfoldingCount: try integer(MetadataKey.unfoldingCount, in: 1...1024))
        let m = configuration.patchLength, p = configuration.atomCount, t = configuration.unfoldingCount
        func matrix(_ name: String, rows: Int, columns: Int) throws -> Matrix {
            guard let tensor = file.tensors[name] else { throw ModelFileError.missingTensor(name) }
            guard tensor.shape == [rows, columns] else {
                throw ModelFileError.shapeMismatch(tensor: name, expected: [rows, columns], found: tensor.shape)
            }
            guard tensor.values.allSatisfy({ $0.isFinite }) else { throw ModelFileError.nonFiniteValues(tensor: name) }
            return Matrix(rows: rows, columns: columns, values: tensor.values)
        }
        // Thresholds and the mixing factor are kept in range by training; values outside it come
        // from a damaged or hand-edited file and would denoise into garbage without a word.
        func inRange(_ matrix: Matrix, _ name: String, _ range: ClosedRange<Float>) throws -> Matrix {
            guard matrix.values.allSatisfy(range.contains) else {
                throw ModelFileError.valueOutOfRange(
                    tensor: name, range: range.upperBound.isFinite ? "[\(range.lowerBound), \(range.upperBound)]" : ">= 0")
            }
            return matrix
        }
        let names = Self.tensorNames
        self.init(
            configuration: configuration,
            analysis: try matrix(names[0], rows: m, columns: p),
            dictionary: try matrix(names[1], rows: m, columns: p),
            reconstruction: try matrix(names[2], rows: m, columns: p),
            thresholdOffsets: try inRange(matrix(names[3], rows: t, columns: p), names[3], 0...Float.infinity),
            thresholdSlopes: try inRange(matrix(names[4], rows: t, columns: p), names[4], 0...Float.infinity))
        if kind == Self.groupKind {
            let nonLocalConfiguration = NonLocalConfiguration(
                neighbourCount: try integer(MetadataKey.neighbourCount, in: 1...256),
                searchRadius: try integer(MetadataKey.searchRadius, in: 0...256),
                refreshInterval: try integer(MetadataKey.refreshInterval, in: 1...1024))
            let names = Self.nonLocalTensorNames
            nonLocal = NonLocalWeights(
                configuration: nonLocalConfiguration,
                similarityScales: try matrix(names[0], rows: 1, columns: m).values,
                mixing: try inRange(matrix(names[1], rows: 1, columns: 1), names[1], 0...1).values[0])
        }
    }

    /// The weights as safetensors tensors with their configuration in the metadata; `metadata` adds
    /// further entries such as training provenance.
    public func safetensors(metadata extra: [String: String] = [:]) -> SafetensorsFile {
        var tensors: [String: SafetensorsFile.Tensor] = [:]
        for (name, matrix) in zip(Self.tensorNames, [analysis, dictionary, reconstruction, thresholdOffsets, thresholdSlopes]) {
            tensors[name] = SafetensorsFile.Tensor(shape: [matrix.rows, matrix.columns], values: matrix.values)
        }
        var metadata = extra
        metadata[MetadataKey.kind] = nonLocal == nil ? Self.kind : Self.groupKind
        if let nonLocal {
            tensors[Self.nonLocalTensorNames[0]] = .init(shape: [1, nonLocal.similarityScales.count],
                                                        values: nonLocal.similarityScales)
            tensors[Self.nonLocalTensorNames[1]] = .init(shape: [1, 1], values: [nonLocal.mixing])
            metadata[MetadataKey.neighbourCount] = String(nonLocal.configuration.neighbourCount)
            metadata[MetadataKey.searchRadius] = String(nonLocal.configuration.searchRadius)
            metadata[MetadataKey.refreshInterval] = String(nonLocal.configuration.refreshInterval)
        }
        metadata[MetadataKey.patchSize] = String(configuration.patchSize)
        metadata[MetadataKey.channels] = String(configuration.channels)
        metadata[MetadataKey.atomCount] = String(configuration.atomCount)
        metadata[MetadataKey.unfoldingCount] = String(configuration.unfoldingCount)
        return SafetensorsFile(tensors: tensors, metadata: metadata)
    }
}
