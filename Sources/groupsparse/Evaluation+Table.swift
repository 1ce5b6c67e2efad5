import Foundation

extension Evaluation {
    /// The scores as a plain-text table: a header, one line per image and sigma, then the averages.
    var table: String {
        let protocolText = protocolName == "png8" ? "8-bit PNG path" : "float protocol"
        var lines = [
            "model \(model) (\(parameters) parameters), data \(data), seed \(seed), \(protocolText)"
                + (blind ? ", sigma estimated (blind)" : ""),
            "",
            Self.line("image", "sigma", "PSNR (dB)", "SSIM", "seconds") + (blind ? Self.column("estimate") : ""),
        ]
        for row in rows {
            lines.append(Self.line(row.image + (row.colour.map { ", \($0)" } ?? ""), Self.number(row.sigma, digits: 1),
                                   Self.number(row.psnr, digits: 2),
                                   row.ssim.map { Self.number($0, digits: 4) } ?? "-", Self.number(row.seconds, digits: 2))
                         + (row.estimatedSigma.map { Self.column(Self.number($0, digits: 2)) } ?? ""))
        }
        lines.append("")
        for average in averages {
            lines.append(Self.line(
                "average" + (average.colour.map { ", \($0)" } ?? "") + " (\(average.images) images)", Self.number(average.sigma, digits: 1),
                Self.number(average.psnr, digits: 2), average.ssim.map { Self.number($0, digits: 4) } ?? "-",
                Self.number(average.secondsPerImage, digits: 2))
                + (average.estimatedSigma.map { Self.column(Self.number($0, digits: 2)) } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    private static func line(_ name: String, _ columns: String...) -> String {
        let padded = name.count >= 24 ? name + " " : name + String(repeating: " ", count: 24 - name.count)
        return padded + columns.map(column).joined()
    }

    private static func column(_ text: String) -> String {
        String(repeating: " ", count: max(0, 10 - text.count)) + text
    }

    private static func number(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
