import ArgumentParser
import Foundation
import GroupSparse
import GroupSparseReports

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tabulate evaluate results beside reference results and plot PSNR against learned parameters.",
        discussion: """
            Reads the JSON files that `evaluate --output-json` writes and, with --reference, a JSON \
            file of other methods' results with their sources (see Benchmarks/reference-results.json). \
            Writes Markdown: the models' PSNR / SSIM per sigma with their learned parameters and \
            seconds per image, then a comparison table in which every reference number names its test \
            set and source. With --svg or --png it also draws PSNR at --sigma against learned \
            parameters on a log axis, one panel per test set, so that scores on different test sets \
            never share an axis; methods without learned parameters are dashed lines.

            The Markdown goes to standard output, or to --markdown. All files are written together, \
            and only when everything succeeded.

            Example:
              groupsparse report sc.json groupsc.json --reference Benchmarks/reference-results.json \\
                --sigma 25 --svg plot.svg --png plot.png --markdown tables.md
            """)

    @Argument(help: ArgumentHelp("Results written by evaluate --output-json.", valueName: "evaluation.json"))
    var evaluations: [String]

    @Option(help: ArgumentHelp("Reference results to compare with.", valueName: "file.json"))
    var reference: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Noise level of the plot, on the 0-255 scale.", valueName: "sigma"))
    var sigma = "25"

    @Option(help: ArgumentHelp("Write the Markdown to this file instead of standard output.", valueName: "file.md"))
    var markdown: String?

    @Option(help: ArgumentHelp("Write the plot as SVG.", valueName: "file.svg"))
    var svg: String?

    @Option(help: ArgumentHelp("Write the plot as PNG.", valueName: "file.png"))
    var png: String?

    @Option(help: ArgumentHelp("Size of the plot files relative to its layout, 1 to 4: the PNG's pixels per unit and the SVG's displayed size.",
                               valueName: "n"))
    var scale = 2

    func run() throws {
        try reportingFailures {
            guard let sigmaValue = SigmaParsing.sigma(sigma) else {
                throw UsageError("--sigma '\(sigma)' is not a noise level: write a non-negative number on the 0-255 scale, such as 25")
            }
            guard (1...4).contains(scale) else { throw UsageError("--scale must be between 1 and 4, not \(scale)") }
            guard !evaluations.isEmpty else { throw UsageError("give at least one evaluation file") }
            let markdownURL = try markdown.map { try OutputDestination.checked($0, extensions: ["md"], option: "--markdown") }
            let svgURL = try svg.map { try OutputDestination.checked($0, extensions: ["svg"], option: "--svg") }
            let pngURL = try png.map { try OutputDestination.checked($0, extensions: ["png"], option: "--png") }

            let records = try evaluations.map { try EvaluationRecord(contentsOf: URL(fileURLWithPath: $0)) }
            let references = try reference.map { try ReferenceResults(contentsOf: URL(fileURLWithPath: $0)) }
                ?? ReferenceResults()

            var text = EvaluationRecord.qualityTable(records).rendered()
            if !references.results.isEmpty {
                text += "\n" + ComparisonTable(measured: records, references: references).markdown
            }
            let files = StagedFiles()
            if svgURL != nil || pngURL != nil {
                let plot = ParameterPlot(sigma: sigmaValue, measured: records, references: references)
                guard plot.panels.contains(where: { !$0.points.isEmpty }) else {
                    throw CommandFailure("no result has a learned parameter count and a PSNR at sigma \(sigma) to plot")
                }
                let figure = plot.figure()
                if let svgURL { try files.stage(Data(figure.svg(scale: Double(scale)).utf8), at: svgURL) }
                if let pngURL { try files.stage(try PNGCodec.encode(figure.raster(scale: scale).image), at: pngURL) }
            }
            if let markdownURL { try files.stage(Data(text.utf8), at: markdownURL) }
            try files.commit()
            if markdownURL == nil { print(text, terminator: "") }
        }
    }
}
