import ArgumentParser
import Foundation
import GroupSparse
import GroupSparseReports

/// The `evaluate` options that save its results as files besides printing them.
struct EvaluationFileOptions: ParsableArguments {
    @Option(name: .customLong("output-json"), help: ArgumentHelp(
        "Also write the JSON that --json prints to this file.", valueName: "file.json"))
    var outputJSON: String?

    @Option(name: .customLong("output-markdown"), help: ArgumentHelp(
        "Also write Markdown tables to this file: model, learned parameters, PSNR / SSIM per sigma, seconds per image, and the per-image scores.",
        valueName: "file.md"))
    var outputMarkdown: String?

    /// The destinations, checked before any image is scored.
    func destinations() throws -> (json: URL?, markdown: URL?) {
        let json = try outputJSON.map { try OutputDestination.checked($0, extensions: ["json"], option: "--output-json") }
        let markdown = try outputMarkdown.map { try OutputDestination.checked($0, extensions: ["md"], option: "--output-markdown") }
        return (json, markdown)
    }

    /// Writes the requested files together: both appear, or neither.
    func write(_ evaluation: Evaluation) throws {
        let (json, markdown) = try destinations()
        let files = StagedFiles()
        if let json {
            try files.stage(try JSONOutput.data(evaluation) + Data("\n".utf8), at: json)
        }
        if let markdown {
            try files.stage(Data(evaluation.record.markdown.utf8), at: markdown)
        }
        try files.commit()
    }
}

extension Evaluation {
    /// The scores in the form the report tables read.
    var record: EvaluationRecord {
        EvaluationRecord(
            model: model, parameters: parameters, data: data, seed: seed, protocolName: protocolName,
            rows: rows.map { .init(image: $0.image, sigma: $0.sigma, psnr: $0.psnr, ssim: $0.ssim, seconds: $0.seconds) },
            averages: averages.map {
                .init(sigma: $0.sigma, psnr: $0.psnr, ssim: $0.ssim, secondsPerImage: $0.secondsPerImage, images: $0.images)
            })
    }
}
