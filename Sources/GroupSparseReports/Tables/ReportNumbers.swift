import Foundation

/// How reports write numbers, so that every table rounds the same way.
enum ReportNumbers {
    /// PSNR in dB with two decimals.
    static func psnr(_ value: Double) -> String { String(format: "%.2f", value) }

    /// SSIM with four decimals.
    static func ssim(_ value: Double) -> String { String(format: "%.4f", value) }

    /// Seconds with two decimals.
    static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }

    /// A sigma without a trailing `.0`: `25`, `12.5`.
    static func sigma(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// An exact count with thousands separators: `68,352`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// `PSNR / SSIM`, or the PSNR alone when there is no SSIM.
    static func score(psnr: Double, ssim: Double?) -> String {
        ssim.map { "\(Self.psnr(psnr)) / \(Self.ssim($0))" } ?? Self.psnr(psnr)
    }
}
