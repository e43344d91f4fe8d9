import Foundation

/// An axis resolved for drawing: the values it shows, the pixels they map to, and its ticks.
struct AxisMapping {
    /// The values shown, from the axis' range or from the data.
    let domain: ClosedRange<Double>
    /// Linear or logarithmic.
    let scale: AxisScale
    /// The pixel of `domain.lowerBound` and of `domain.upperBound` (the end may be smaller, as
    /// for a y axis growing upwards).
    let start: Double, end: Double

    /// Resolves `axis` against the values `data` the panel draws on it.
    init(_ axis: ChartAxis, data: [Double], from start: Double, to end: Double) {
        self.scale = axis.scale
        self.start = start
        self.end = end
        let drawable = data.filter { $0.isFinite && (axis.scale == .linear || $0 > 0) }
        if let range = axis.range, range.upperBound > range.lowerBound,
           axis.scale == .linear || range.lowerBound > 0 {
            domain = range
        } else if let low = drawable.min(), let high = drawable.max() {
            domain = axis.scale == .linear
                ? AxisTicks.niceLinearRange(low...high) : AxisTicks.niceLogRange(low...high)
        } else {
            domain = axis.scale == .linear ? 0...1 : 1...10
        }
    }

    /// The pixel of `value`, or `nil` if it cannot be drawn (not finite, or `<= 0` on a
    /// logarithmic axis). Values outside the domain map outside the pixel range.
    func pixel(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let fraction: Double
        switch scale {
        case .linear:
            fraction = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
        case .logarithmic:
            guard value > 0 else { return nil }
            fraction = (log10(value) - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
        }
        return start + fraction * (end - start)
    }

    /// The ticks: values inside the domain and their labels.
    var ticks: [(value: Double, label: String)] {
        switch scale {
        case .linear:
            let (values, step) = AxisTicks.linear(domain)
            return values.map { ($0, AxisTicks.linearLabel($0, step: step)) }
        case .logarithmic:
            return AxisTicks.logarithmic(domain).map { ($0, AxisTicks.logLabel($0)) }
        }
    }
}
