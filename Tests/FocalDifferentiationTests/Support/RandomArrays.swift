#if canImport(_Differentiation)
import FocalTestSupport

extension Array where Element: BinaryFloatingPoint, Element.RawSignificand: FixedWidthInteger {
    /// `count` values uniform in `range`.
    static func random(count: Int, in range: ClosedRange<Element>, using generator: inout SplitMix64) -> Self {
        (0..<count).map { _ in Element.random(in: range, using: &generator) }
    }
}
#endif
