extension ParameterPlot {
    /// Marker styles by provenance: this project's measurements, measurements under the same
    /// protocol with other methods' own code or weights, and published numbers.
    enum Provenance {
        case thisProject, sameProtocol, published

        var shape: Figure.MarkerShape {
            switch self {
            case .thisProject: return .diamond
            case .sameProtocol: return .circle
            case .published: return .circle
            }
        }

        var filled: Bool { self != .published }

        var legendText: String {
            switch self {
            case .thisProject: return "this project's models, measured with groupsparse evaluate"
            case .sameProtocol: return "measured under the same protocol with the method's own weights"
            case .published: return "published by the method's authors (source in the table)"
            }
        }
    }

    /// Colours given to method families in order of first appearance.
    static let familyColours: [Colour] = [0xD55E00, 0x0072B2, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9, 0x000000]
        .map { Colour(hex: $0) }

    /// The plot of PSNR at `sigma` against learned parameters for this project's records and
    /// the reference entries, one panel per test set.
    ///
    /// Records come first and are labelled with their model's display name. Reference entries
    /// without a PSNR at `sigma`, or marked `plot: false`, are left out; entries without learned
    /// parameters become dashed baselines. Panels follow the order in which their test sets first
    /// appear.
    public init(sigma: Double, measured: [EvaluationRecord], references: ReferenceResults) {
        var testSets: [String] = []
        var familyOrder: [String] = []
        var points: [String: [Point]] = [:]
        var baselines: [String: [Baseline]] = [:]
        var provenances: [String: Set<String>] = [:]
        var usedProvenances: [Provenance] = []
        var hasBaseline = false

        func colour(of family: String) -> Colour {
            if !familyOrder.contains(family) { familyOrder.append(family) }
            let index = familyOrder.firstIndex(of: family)!
            return Self.familyColours[index % Self.familyColours.count]
        }
        func note(_ provenance: Provenance, in testSet: String) {
            if !testSets.contains(testSet) { testSets.append(testSet) }
            if !usedProvenances.contains(provenance) { usedProvenances.append(provenance) }
            provenances[testSet, default: []].insert(provenance == .published ? "published" : "measured")
        }

        for record in measured {
            guard let average = record.average(at: sigma) else { continue }
            note(.thisProject, in: record.testSet)
            let style = MarkerStyle(shape: Provenance.thisProject.shape, filled: true, colour: colour(of: record.displayName))
            points[record.testSet, default: []].append(Point(
                label: "\(record.displayName) \(ReportNumbers.psnr(average.psnr))", parameters: Double(record.parameters),
                psnr: average.psnr, style: style))
        }
        for entry in references.results where entry.plot ?? true {
            guard let psnr = entry.psnr(at: sigma) else { continue }
            let provenance: Provenance = entry.provenance == .published ? .published : .sameProtocol
            note(provenance, in: entry.testSet)
            let label = "\(entry.method) \(ReportNumbers.psnr(psnr))"
            if let parameters = entry.parameters {
                let style = MarkerStyle(shape: provenance.shape, filled: provenance.filled, colour: colour(of: entry.family))
                points[entry.testSet, default: []].append(Point(
                    label: label, parameters: Double(parameters), psnr: psnr, style: style,
                    labelPlacement: entry.label ?? .right))
            } else {
                hasBaseline = true
                baselines[entry.testSet, default: []].append(Baseline(label: label + " (no learned parameters)", psnr: psnr))
            }
        }

        let panels = testSets.map { testSet -> Panel in
            let kinds = provenances[testSet] ?? []
            let description = kinds == ["published"] ? "published results"
                : kinds == ["measured"] ? "measured under this project's protocol" : "measured and published results"
            return Panel(title: "\(testSet): \(description)", points: points[testSet] ?? [], baselines: baselines[testSet] ?? [])
        }
        var legend = usedProvenances.map { provenance in
            LegendEntry(style: MarkerStyle(shape: provenance.shape, filled: provenance.filled, colour: Colour(hex: 0x444444)),
                        text: provenance.legendText)
        }
        if hasBaseline { legend.append(LegendEntry(style: nil, text: "method without learned parameters")) }
        var notes = ["Colours mark method families. PSNR is the mean over each test set's images at sigma \(ReportNumbers.sigma(sigma))."]
        if testSets.count > 1 {
            notes.append("Each panel is one test set (\(testSets.joined(separator: ", "))); scores on different test sets are not comparable.")
        }
        self.init(title: "PSNR at sigma \(ReportNumbers.sigma(sigma)) against learned parameters",
                  panels: panels, legend: legend, notes: notes)
    }
}
