extension EvaluationRecord {
    /// One row per record: model, learned parameters, test set, PSNR / SSIM per sigma and seconds
    /// per image. Sigmas are those of all records, ascending; a record without a sigma shows `-`.
    public static func qualityTable(_ records: [EvaluationRecord]) -> MarkdownTable {
        let sigmas = Set(records.flatMap { $0.averages.map(\.sigma) }).sorted()
        var table = MarkdownTable(
            header: ["Model", "Learned parameters", "Test set"]
                + sigmas.map { "sigma \(ReportNumbers.sigma($0)): PSNR (dB) / SSIM" } + ["Seconds per image"],
            alignments: [.left, .right, .left] + sigmas.map { _ in .right } + [.right])
        for record in records {
            let scores = sigmas.map { sigma in
                record.average(at: sigma).map { ReportNumbers.score(psnr: $0.psnr, ssim: $0.ssim) } ?? "-"
            }
            table.append([record.displayName, ReportNumbers.count(record.parameters), record.testSet]
                         + scores + [ReportNumbers.seconds(record.secondsPerImage)])
        }
        return table
    }

    /// One row per image, PSNR / SSIM per sigma, in the order the images were scored.
    public var perImageTable: MarkdownTable {
        let sigmas = averages.map(\.sigma).sorted()
        var table = MarkdownTable(header: ["Image"] + sigmas.map { "sigma \(ReportNumbers.sigma($0))" })
        var images: [String] = []
        for row in rows where !images.contains(row.image) { images.append(row.image) }
        for image in images {
            table.append([image] + sigmas.map { sigma in
                rows.first { $0.image == image && $0.sigma == sigma }
                    .map { ReportNumbers.score(psnr: $0.psnr, ssim: $0.ssim) } ?? "-"
            })
        }
        return table
    }

    /// The Markdown that `evaluate --output-markdown` writes: a line saying what was measured,
    /// the summary table, and the per-image table.
    public var markdown: String {
        let protocolText = protocolName == "png8" ? "8-bit PNG path" : "float protocol"
        let imageCount = averages.map(\.images).max() ?? 0
        return """
            Model `\(model)` (\(ReportNumbers.count(parameters)) learned parameters) on `\(data)`: \
            \(imageCount) images, noise seed \(seed), \(protocolText).

            \(Self.qualityTable([self]).rendered())
            Per image, PSNR (dB) / SSIM:

            \(perImageTable.rendered())
            """
    }
}
