/// The table that sets this project's measurements beside reference results, with a numbered
/// list of the sources cited in it.
public struct ComparisonTable: Sendable, Equatable {
    /// The table: method, learned parameters, test set, PSNR per sigma, provenance, source.
    public var table: MarkdownTable
    /// The cited sources, `[1] citation`, in order of first use.
    public var sources: [String]

    /// Builds the comparison.
    ///
    /// Measured records come first, then the reference entries grouped by test set (test sets in
    /// order of first appearance, entries in file order). Sigmas are those of the records, or of
    /// the references when there are no records.
    public init(measured: [EvaluationRecord], references: ReferenceResults) {
        let recordSigmas = Set(measured.flatMap { $0.averages.map(\.sigma) })
        let sigmas = (recordSigmas.isEmpty ? Set(references.results.flatMap(\.sigmas)) : recordSigmas).sorted()
        table = MarkdownTable(
            header: ["Method", "Learned parameters", "Test set"] + sigmas.map { "sigma \(ReportNumbers.sigma($0))" }
                + ["Numbers", "Source"],
            alignments: [.left, .right, .left] + sigmas.map { _ in .right } + [.left, .left])
        sources = []

        for record in measured {
            let scores = sigmas.map { sigma in record.average(at: sigma).map { ReportNumbers.psnr($0.psnr) } ?? "-" }
            table.append(["\(record.displayName) (this project)", ReportNumbers.count(record.parameters), record.testSet]
                         + scores + ["measured here", "`groupsparse evaluate`, seed \(record.seed)"])
        }

        var testSets: [String] = []
        for testSet in measured.map(\.testSet) + references.results.map(\.testSet) where !testSets.contains(testSet) {
            testSets.append(testSet)
        }
        var citationNumbers: [String: Int] = [:]
        for testSet in testSets {
            for entry in references.results where entry.testSet == testSet {
                let number: Int
                if let known = citationNumbers[entry.source] {
                    number = known
                } else {
                    number = sources.count + 1
                    citationNumbers[entry.source] = number
                    sources.append("[\(number)] \(references.sources[entry.source] ?? entry.source)")
                }
                let parameters = entry.parameters.map { PlotAxis.compactCount(Double($0)) } ?? "none (not learned)"
                let scores = sigmas.map { sigma in entry.psnr(at: sigma).map(ReportNumbers.psnr) ?? "-" }
                let numbers = entry.provenance == .published ? "published" : "measured, same protocol"
                let source = "[\(number)] \(entry.table)" + (entry.note.map { "; \($0)" } ?? "")
                table.append([entry.method, parameters, entry.testSet] + scores + [numbers, source])
            }
        }
    }

    /// The table followed by the list of sources.
    public var markdown: String {
        table.rendered() + "\n" + sources.map { "- " + $0 }.joined(separator: "\n") + "\n"
    }
}
