import Foundation

/// Maps data values along one axis of a plot to pixel positions, linearly or on a log10 scale.
public struct PlotAxis: Sendable, Equatable {
    /// How values are spaced along the axis.
    public enum Scale: Sendable, Equatable {
        /// Equal differences take equal lengths.
        case linear
        /// Equal ratios take equal lengths: each power of ten is one decade.
        case logarithmic
    }

    /// The spacing of values.
    public var scale: Scale
    /// The value at ``start``.
    public var lower: Double
    /// The value at ``end``.
    public var upper: Double
    /// The pixel position of ``lower``.
    public var start: Double
    /// The pixel position of ``upper``; smaller than ``start`` for a vertical axis that grows upwards.
    public var end: Double

    /// Creates an axis.
    ///
    /// - Precondition: `lower < upper`, and both are positive on a logarithmic axis.
    public init(scale: Scale, lower: Double, upper: Double, start: Double, end: Double) {
        precondition(lower < upper, "an axis needs lower < upper")
        precondition(scale == .linear || lower > 0, "a logarithmic axis needs positive values")
        self.scale = scale
        self.lower = lower
        self.upper = upper
        self.start = start
        self.end = end
    }

    /// The pixel position of `value`; values outside the range extrapolate.
    public func position(of value: Double) -> Double {
        let fraction: Double
        switch scale {
        case .linear: fraction = (value - lower) / (upper - lower)
        case .logarithmic: fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return start + fraction * (end - start)
    }

    /// The labelled tick values: powers of ten on a logarithmic axis, multiples of ``tickStep``
    /// on a linear one, all within the range.
    public var majorTicks: [Double] {
        switch scale {
        case .logarithmic:
            let first = Int(log10(lower).rounded(.up)), last = Int(log10(upper).rounded(.down))
            return first <= last ? (first...last).map { pow(10, Double($0)) } : []
        case .linear:
            let step = tickStep
            let first = Int((lower / step - 1e-9).rounded(.up)), last = Int((upper / step + 1e-9).rounded(.down))
            return first <= last ? (first...last).map { Double($0) * step } : []
        }
    }

    /// Unlabelled ticks: 2 to 9 times each power of ten on a logarithmic axis; none on a linear one.
    public var minorTicks: [Double] {
        guard scale == .logarithmic else { return [] }
        let first = Int(log10(lower).rounded(.down)), last = Int(log10(upper).rounded(.up))
        return (first...last).flatMap { exponent in
            (2...9).map { Double($0) * pow(10, Double(exponent)) }
        }.filter { $0 >= lower && $0 <= upper }
    }

    /// The distance between labelled ticks of a linear axis: the smallest of 0.1, 0.2, 0.25, 0.5,
    /// 1, 2, 2.5 and 5 times a power of ten that leaves at most seven intervals.
    public var tickStep: Double {
        let span = upper - lower
        let magnitude = pow(10, (log10(span / 7)).rounded(.down))
        for multiple in [1, 2, 2.5, 5, 10] where span / (multiple * magnitude) <= 7 + 1e-9 {
            return multiple * magnitude
        }
        return 10 * magnitude
    }

    /// The text of a tick: parameter counts as `10k` or `1M` on a logarithmic axis, decimals as
    /// many as the step needs on a linear one.
    public func label(for value: Double) -> String {
        switch scale {
        case .logarithmic:
            return Self.compactCount(value)
        case .linear:
            let step = tickStep
            var decimals = 0
            while decimals < 6, abs(step * pow(10, Double(decimals)) - (step * pow(10, Double(decimals))).rounded()) > 1e-6 {
                decimals += 1
            }
            return String(format: "%.\(decimals)f", value)
        }
    }

    /// `value` written with a `k` (thousands) or `M` (millions) suffix, without decimals when
    /// they would be zero: `68k`, `556k`, `1M`, `1.5M`, `950`.
    public static func compactCount(_ value: Double) -> String {
        func trimmed(_ number: Double) -> String {
            let text = String(format: "%.1f", number)
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
        if value >= 999_500 { return trimmed(value / 1_000_000) + "M" }
        if value >= 1_000 { return String(Int((value / 1_000).rounded())) + "k" }
        return trimmed(value)
    }

    /// A linear range that holds every value with some room around it, its ends on multiples of
    /// the resulting tick step.
    ///
    /// - Parameter minimumSpan: The smallest span, so that nearly equal values are not spread
    ///   over the whole axis.
    public static func linearRange(covering values: [Double], minimumSpan: Double) -> (lower: Double, upper: Double) {
        precondition(!values.isEmpty && minimumSpan > 0, "a range needs values and a positive minimum span")
        var lower = values.min()!, upper = values.max()!
        let padding = max((upper - lower) * 0.12, (minimumSpan - (upper - lower)) / 2, minimumSpan * 0.05)
        lower -= padding
        upper += padding
        let step = PlotAxis(scale: .linear, lower: lower, upper: upper, start: 0, end: 1).tickStep
        return ((lower / step).rounded(.down) * step, (upper / step).rounded(.up) * step)
    }

    /// The decades that hold every value: from the power of ten at or below the smallest to the
    /// power of ten at or above the largest, at least one decade wide.
    public static func decadeRange(covering values: [Double]) -> (lower: Double, upper: Double) {
        precondition(!values.isEmpty && values.allSatisfy { $0 > 0 }, "a log range needs positive values")
        let low = log10(values.min()!).rounded(.down)
        let high = max(log10(values.max()!).rounded(.up), low + 1)
        return (pow(10, low), pow(10, high))
    }
}
