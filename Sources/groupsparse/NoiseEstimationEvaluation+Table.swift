import Foundation

extension NoiseEstimationEvaluation {
    /// The estimates as a plain-text table: a header, one line per image and sigma, then the summaries.
    var table: String {
        let protocolText = protocolName == "png8" ? "8-bit PNG path" : "float protocol"
        var lines = [
            "noise estimator, data \(data), seed \(seed), \(protocolText)",
            "",
            Self.line("image", "sigma", "estimate", "error", "seconds"),
        ]
        for row in rows {
            lines.append(Self.line(row.image, Self.number(row.sigma, 1), Self.number(row.estimate, 2),
                                   Self.number(row.error, 2), Self.number(row.seconds, 3)))
        }
        lines.append("")
        lines.append(Self.line("summary", "sigma", "MAE", "bias", "max |err|", "seconds"))
        for average in averages {
            lines.append(Self.line(
                "average (\(average.images) images)", Self.number(average.sigma, 1),
                Self.number(average.meanAbsoluteError, 3), Self.number(average.meanBias, 3),
                Self.number(average.maximumAbsoluteError, 2), Self.number(average.secondsPerImage, 3)))
        }
        return lines.joined(separator: "\n")
    }

    private static func line(_ name: String, _ columns: String...) -> String {
        let padded = name.count >= 24 ? name + " " : name + String(repeating: " ", count: 24 - name.count)
        return padded + columns.map { String(repeating: " ", count: max(0, 10 - $0.count)) + $0 }.joined()
    }

    private static func number(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
