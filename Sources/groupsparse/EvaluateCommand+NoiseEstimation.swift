import Foundation
import GroupSparse

extension EvaluateCommand {
    /// `evaluate --estimate-noise`: measures the estimator on every image and sigma and prints the
    /// summary table, or JSON.
    func reportNoiseEstimates(files: [URL], sigmas: [Double]) throws {
        var evaluation = NoiseEstimationEvaluation(data: data, seed: seed, protocolName: png8 ? "png8" : "float")
        let progress = TerminalProgress()
        for (index, file) in files.enumerated() {
            let clean = try ImageFile.read(file).image
            for sigma in sigmas {
                progress.update("estimating \(index + 1)/\(files.count): \(file.lastPathComponent), sigma \(sigma)")
                evaluation.rows.append(NoiseEstimationEvaluation.measure(
                    clean, name: file.lastPathComponent, index: index, sigma: sigma, seed: seed, png8: png8))
            }
        }
        progress.clear()
        try printReport(evaluation, json: json, table: evaluation.table)
    }
}
