import Foundation

/// Scores of other methods, each with its source, read from a JSON file that a report compares
/// this project's measurements with.
///
/// ```json
/// {
///   "sources": { "dncnn": "K. Zhang et al., Beyond a Gaussian Denoiser, IEEE TIP 2017" },
///   "results": [
///     { "method": "DnCNN-S", "family": "DnCNN", "parameters": 556000, "test_set": "BSD68",
///       "provenance": "published", "source": "dncnn", "table": "Table II",
///       "psnr": { "15": 31.73, "25": 29.23, "50": 26.23 }, "label": "above" }
///   ]
/// }
/// ```
///
/// `parameters` is `null` for a method that learns nothing; `provenance` is `published` (copied
/// from the source) or `measured` (measured under this project's protocol with the method's own
/// code or weights, as the source describes). `label` places the point's label in the plot;
/// `plot: false` keeps an entry in the tables only; `note` adds a remark to its source cell.
public struct ReferenceResults: Decodable, Sendable, Equatable {
    /// Where a number comes from.
    public enum Provenance: String, Decodable, Sendable {
        /// Copied from a publication.
        case published
        /// Measured under this project's protocol with the method's own code or weights.
        case measured
    }

    /// One method on one test set.
    public struct Entry: Decodable, Sendable, Equatable {
        /// The method's name, e.g. `DnCNN-S`.
        public var method: String
        /// The family the method belongs to; members of a family share a colour in the plot.
        public var family: String
        /// Learned parameters, or `nil` when the method learns none.
        public var parameters: Int?
        /// The images scored, e.g. `BSD68`.
        public var testSet: String
        /// Published or measured.
        public var provenance: Provenance
        /// A key of ``ReferenceResults/sources``.
        public var source: String
        /// Where in the source the numbers are, e.g. `Table II`.
        public var table: String
        /// Average PSNR in dB by sigma, the sigma written as a JSON key.
        public var psnr: [String: Double]
        /// Where the plot puts the label.
        public var label: ParameterPlot.LabelPlacement?
        /// Whether the plot shows the entry (default `true`).
        public var plot: Bool?
        /// A remark shown with the source.
        public var note: String?

        /// The PSNR at `sigma`, if the entry has one.
        public func psnr(at sigma: Double) -> Double? {
            psnr.first { Double($0.key) == sigma }?.value
        }

        /// The sigmas the entry has a PSNR for, ascending.
        public var sigmas: [Double] {
            psnr.keys.compactMap(Double.init).sorted()
        }
    }

    /// Full citations by key.
    public var sources: [String: String]
    /// The entries, in the order tables list them.
    public var results: [Entry]

    /// Creates reference results from their parts.
    public init(sources: [String: String] = [:], results: [Entry] = []) {
        self.sources = sources
        self.results = results
    }

    /// Reads and checks the file at `url`.
    ///
    /// - Throws: ``ReportError/unreadableFile(path:reason:)``, or
    ///   ``ReportError/invalidReferences(path:reason:)`` when the JSON does not have the layout
    ///   above, names a source it does not define, or has a sigma key that is not a number.
    public init(contentsOf url: URL) throws {
        let data = try ReportError.contents(of: url)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            self = try decoder.decode(Self.self, from: data)
        } catch {
            throw ReportError.invalidReferences(path: url.path, reason: ReportError.describe(error))
        }
        if let problem = problem {
            throw ReportError.invalidReferences(path: url.path, reason: problem)
        }
    }

    /// The first inconsistency found, or `nil`.
    var problem: String? {
        for entry in results {
            if sources[entry.source] == nil { return "\(entry.method): unknown source '\(entry.source)'" }
            if let key = entry.psnr.keys.first(where: { Double($0).map { !$0.isFinite || $0 < 0 } ?? true }) {
                return "\(entry.method): '\(key)' is not a sigma"
            }
            if let parameters = entry.parameters, parameters <= 0 {
                return "\(entry.method): the parameter count must be positive"
            }
        }
        return nil
    }
}
