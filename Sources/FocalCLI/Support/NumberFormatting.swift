import Foundation

/// `value` with `digits` decimals: `format(0.04213, digits: 4)` is `0.0421`.
func format(_ value: Double, digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// A number for a message: integers without a trailing `.0`, others in Swift's shortest form.
func messageNumber(_ value: Double) -> String {
    if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(value)
}

/// A duration in seconds with two decimals.
func seconds(_ duration: Duration) -> String {
    let (whole, attoseconds) = duration.components
    return format(Double(whole) + Double(attoseconds) * 1e-18, digits: 2)
}
