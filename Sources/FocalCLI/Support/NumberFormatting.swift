import Foundation

/// `value` with `digits` decimals: `format(0.04213, digits: 4)` is `0.0421`.
func format(_ value: Double, digits: Int) -> String {
    String(format: "%.\(digits)f", value)
}

/// A count with thousands separated by commas: `grouped(11183)` is `11,183`.
func grouped(_ count: Int) -> String {
    let digits = String(count.magnitude)
    var text = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { text += "," }
        text.append(digit)
    }
    return (count < 0 ? "-" : "") + text
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
