import Foundation

/// Where an axis puts its ticks, and how it labels them.
enum AxisTicks {
    /// A "nice" step for about `count` intervals over `span`: 1, 2 or 5 times a power of ten.
    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(count, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let residual = raw / magnitude
        let nice: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return nice * magnitude
    }

    /// Tick values at multiples of a nice step inside `range` (ends included when they fall on
    /// a multiple), about `count` intervals.
    static func linear(_ range: ClosedRange<Double>, count: Int = 5) -> (values: [Double], step: Double) {
        let step = niceStep(span: range.upperBound - range.lowerBound, count: count)
        let tolerance = step * 1e-9
        var values = [Double]()
        var index = (range.lowerBound / step - 1e-9).rounded(.up)
        while index * step <= range.upperBound + tolerance, values.count < 1000 {
            let value = index * step
            values.append(abs(value) < tolerance ? 0 : value)
            index += 1
        }
        return (values, step)
    }

    /// `range` widened outwards to multiples of its nice step, so that the data end on ticks.
    static func niceLinearRange(_ range: ClosedRange<Double>, count: Int = 5) -> ClosedRange<Double> {
        var lower = range.lowerBound, upper = range.upperBound
        if lower == upper {
            let pad = lower == 0 ? 1 : abs(lower) * 0.1
            lower -= pad
            upper += pad
        }
        let step = niceStep(span: upper - lower, count: count)
        // The tolerance keeps a bound that is already a multiple (up to rounding) where it is.
        return (lower / step + 1e-9).rounded(.down) * step ... (upper / step - 1e-9).rounded(.up) * step
    }

    /// `range` (positive) widened to whole powers of ten.
    static func niceLogRange(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        var lower = log10(range.lowerBound).rounded(.down)
        var upper = log10(range.upperBound).rounded(.up)
        if lower == upper { lower -= 1; upper += 1 }
        return pow(10, lower)...pow(10, upper)
    }

    /// Ticks of a logarithmic axis: the powers of ten inside `range` (every second or third one
    /// when there are many decades), plus 2 and 5 times them when the range spans under two
    /// decades.
    static func logarithmic(_ range: ClosedRange<Double>) -> [Double] {
        let low = log10(range.lowerBound), high = log10(range.upperBound)
        let first = Int((low - 1e-9).rounded(.up)), last = Int((high + 1e-9).rounded(.down))
        guard first <= last else { return [range.lowerBound, range.upperBound] }
        let decades = last - first
        let stride = decades > 12 ? (decades + 5) / 6 : 1
        var values = Swift.stride(from: first, through: last, by: stride).map { pow(10, Double($0)) }
        if high - low < 2 {
            for exponent in (first - 1)...last {
                for multiple in [2.0, 5.0] {
                    let value = multiple * pow(10, Double(exponent))
                    if range.contains(value) { values.append(value) }
                }
            }
            values.sort()
        }
        return values
    }

    /// The label of a linear tick: as many decimals as the step needs (`0.25` step: `0.25`,
    /// `0.5`; step 10: `10`, `20`), or scientific notation for very large or small values.
    static func linearLabel(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        if abs(value) >= 1e6 || step < 1e-4 { return scientific(value) }
        let decimals = max(0, Int((-log10(step) - 1e-9).rounded(.up)))
        return String(format: "%.\(decimals)f", value)
    }

    /// The label of a logarithmic tick: `0.01`, `1`, `1000`, or `1e-05` beyond.
    static func logLabel(_ value: Double) -> String {
        if value >= 1e-3, value < 1e5 {
            let decimals = max(0, Int((-log10(value) - 1e-9).rounded(.up)))
            return String(format: "%.\(decimals)f", value)
        }
        return scientific(value)
    }

    /// `2e-05`, `1.5e+07`.
    static func scientific(_ value: Double) -> String {
        String(format: "%g", value)
    }
}
