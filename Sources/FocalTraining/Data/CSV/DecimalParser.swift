/// Reads a decimal numeral straight from bytes into the `Double` that `Double(String)` gives
/// for the same text, bit for bit.
///
/// The grammar is strtod's for decimal text, the whole field being the numeral:
/// `[+-]? (digits (. digits?)? | . digits) ([eE] [+-]? digits)?`. Three paths:
///
/// 1. Clinger's fast path: a mantissa below 2^52 and a power of ten up to 10^22 in magnitude,
///    computed exactly in `Double` arithmetic (one correctly rounded operation).
/// 2. The Eisel-Lemire algorithm: the mantissa times a 128-bit power of ten (``PowersOfTen``),
///    which decides almost every other numeral of up to 19 significant digits.
/// 3. For the rest (more digits that Eisel-Lemire cannot settle, subnormal results, overflow,
///    halfway ambiguities), `Double(Substring)` on a copy of the bytes.
enum DecimalParser {
    /// The value of `bytes` as `Double(String)` reads it, or `nil` where that gives `nil`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        let (value, end) = parse(prefixOf: base, count: bytes.count)
        return end == bytes.count ? value : nil
    }

    /// The numeral at the start of `count` bytes from `base`, and the offset of the first byte
    /// after it: the value of those bytes as ``parse(_:)`` reads them, or `nil` when they start
    /// with no numeral or with an exponent letter without digits.
    ///
    /// A field whose numeral ends at its end is read in one pass: a caller checks that the byte
    /// at the returned offset is the delimiter or the end of the row.
    @inline(__always)
    static func parse(prefixOf base: UnsafePointer<UInt8>, count: Int) -> (value: Double?, end: Int) {
        var index = 0
        var negative = false
        if count > 0, base[0] == UInt8(ascii: "-") || base[0] == UInt8(ascii: "+") {
            negative = base[0] == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0  // every digit, leading zeros included; exact up to 19 digits
        let integerStart = index
        while index < count {
            let digit = base[index] &- 48
            guard digit < 10 else { break }
            mantissa = mantissa &* 10 &+ UInt64(digit)
            index += 1
        }
        var digitCount = index - integerStart
        var exponent = 0
        if index < count, base[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            // Sixteen digits at once (most of a shortest round-trip fraction), then eight.
            if index + 16 <= count {
                let first = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let second = UnsafeRawPointer(base + index + 8).loadUnaligned(as: UInt64.self)
                if isEightDigits(first), isEightDigits(second) {
                    mantissa = (mantissa &* 100_000_000 &+ eightDigits(first)) &* 100_000_000 &+ eightDigits(second)
                    index += 16
                }
            }
            while index + 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                guard isEightDigits(word) else { break }
                mantissa = mantissa &* 100_000_000 &+ eightDigits(word)
                index += 8
            }
            while index < count {
                let digit = base[index] &- 48
                guard digit < 10 else { break }
                mantissa = mantissa &* 10 &+ UInt64(digit)
                index += 1
            }
            exponent = fractionStart - index
            digitCount += index - fractionStart
        }
        guard digitCount > 0 else { return (nil, index) }
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            guard let written = writtenExponent(base, at: &index, count: count) else { return (nil, index) }
            exponent += written
        }
        let numeral = UnsafeBufferPointer(start: base, count: index)
        // More than 19 digits (leading zeros counted): the digit by digit reading below.
        guard digitCount <= 19 else { return (parseLong(numeral), index) }
        if mantissa == 0 { return (negative ? -0.0 : 0.0, index) }
        if let value = clinger(mantissa, exponent: exponent) ?? eiselLemire(mantissa, exponent: exponent) {
            return (negative ? -value : value, index)
        }
        return (exact(numeral), index)  // signed already
    }

    /// ``parse(_:)`` for a numeral of more than 19 digits: leading zeros skipped, the digits past
    /// the 19th significant one only noted.
    private static func parseLong(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        var index = 0
        guard count > 0 else { return nil }
        var negative = false
        let first = bytes[0]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            index = 1
        }
        var mantissa: UInt64 = 0
        var kept = 0  // significant digits in `mantissa`
        var truncated = false  // a nonzero digit past the 19th
        var exponent = 0  // decimal exponent of the last kept digit
        var digitCount = 0
        /// Appends a digit to the mantissa (leading zeros skipped); past the 19th significant
        /// digit only notes a nonzero one. Returns whether the digit's place is in the mantissa.
        @inline(__always) func take(_ digit: UInt8) -> Bool {
            guard kept < 19 else {
                if digit != 0 { truncated = true }
                return false
            }
            if mantissa != 0 || digit != 0 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                kept += 1
            }
            return true
        }
        // Integer part: a digit past the 19th raises the exponent.
        while index < count {
            let digit = bytes[index] &- 48
            guard digit < 10 else { break }
            digitCount += 1
            if !take(digit) { exponent += 1 }
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count {
                // Eight digits at once once the leading zeros are behind (most of a long fraction).
                if mantissa != 0, kept <= 11, index + 8 <= count {
                    let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if isEightDigits(word) {
                        mantissa = mantissa &* 100_000_000 &+ eightDigits(word)
                        kept += 8
                        exponent -= 8
                        digitCount += 8
                        index += 8
                        continue
                    }
                }
                let digit = bytes[index] &- 48
                guard digit < 10 else { break }
                digitCount += 1
                // Fraction part: a digit kept lowers the exponent.
                if take(digit) { exponent -= 1 }
                index += 1
            }
        }
        guard digitCount > 0 else { return nil }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            guard let written = writtenExponent(bytes.baseAddress!, at: &index, count: count) else { return nil }
            exponent += written
        }
        guard index == count else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !truncated, let value = clinger(mantissa, exponent: exponent) {
            return negative ? -value : value
        }
        if let value = eiselLemire(mantissa, exponent: exponent) {
            if !truncated { return negative ? -value : value }
            // The digits past the 19th lie between `mantissa` and `mantissa + 1`: one result for both ends settles it.
            if mantissa < UInt64.max, let upper = eiselLemire(mantissa + 1, exponent: exponent), upper == value {
                return negative ? -value : value
            }
        }
        return exact(bytes)
    }

    /// The exponent after the `e` or `E` at `index` (a sign, then digits; held at 10^8 in
    /// magnitude, beyond any `Double`), `index` moved past it; `nil` when no digit follows.
    @inline(__always)
    private static func writtenExponent(_ base: UnsafePointer<UInt8>, at index: inout Int, count: Int) -> Int? {
        index += 1
        var negative = false
        if index < count, base[index] == UInt8(ascii: "-") || base[index] == UInt8(ascii: "+") {
            negative = base[index] == UInt8(ascii: "-")
            index += 1
        }
        var written = 0
        let start = index
        while index < count {
            let digit = base[index] &- 48
            guard digit < 10 else { break }
            if written < 100_000_000 { written = written * 10 + Int(digit) }
            index += 1
        }
        guard index > start else { return nil }
        return negative ? -written : written
    }

    /// Whether the eight bytes of `word` (in memory order) are all ASCII digits.
    @inline(__always)
    private static func isEightDigits(_ word: UInt64) -> Bool {
        ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0
    }

    /// The value of eight ASCII digits, the first in the lowest byte (little-endian).
    @inline(__always)
    private static func eightDigits(_ word: UInt64) -> UInt64 {
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)  // pairs
        let low = (value & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
        let high = ((value >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))
        return (low &+ high) >> 32
    }

    /// The powers of ten that `Double` holds exactly.
    private static let exactPowers: [Double] = (0...22).map { power in
        var value = 1.0
        for _ in 0..<power { value *= 10 }
        return value
    }

    /// `mantissa * 10^exponent` in one correctly rounded `Double` operation, when both are exact.
    @inline(__always)
    private static func clinger(_ mantissa: UInt64, exponent: Int) -> Double? {
        guard mantissa >> 52 == 0, exponent >= -22, exponent <= 22 else { return nil }
        let value = Double(mantissa)
        if exponent == 0 { return value }
        return exponent > 0 ? value * exactPowers[exponent] : value / exactPowers[-exponent]
    }

    /// The Eisel-Lemire algorithm (Lemire, "Number Parsing at a Gigabyte per Second", 2021):
    /// `mantissa * 10^exponent` correctly rounded, or `nil` when the 128-bit product cannot
    /// decide it or the result is subnormal or beyond the range of `Double`.
    @inline(__always)
    static func eiselLemire(_ mantissa: UInt64, exponent: Int) -> Double? {
        guard exponent >= PowersOfTen.smallestExponent, exponent <= PowersOfTen.largestExponent else { return nil }
        let leadingZeros = mantissa.leadingZeroBitCount
        let normalized = mantissa << UInt64(leadingZeros)
        var binaryExponent = UInt64(bitPattern: Int64(((217706 * exponent) >> 16) + 64 + 1023 - leadingZeros))
        let row = 2 * (exponent - PowersOfTen.smallestExponent)
        let (high, low) = PowersOfTen.mantissas.withUnsafeBufferPointer { table in (table[row], table[row + 1]) }
        var (productHigh, productLow) = normalized.multipliedFullWidth(by: high)
        if productHigh & 0x1FF == 0x1FF, productLow &+ normalized < normalized {
            let (extraHigh, extraLow) = normalized.multipliedFullWidth(by: low)
            var mergedHigh = productHigh
            let mergedLow = productLow &+ extraHigh
            if mergedLow < productLow { mergedHigh &+= 1 }
            if mergedHigh & 0x1FF == 0x1FF, mergedLow &+ 1 == 0, extraLow &+ normalized < normalized { return nil }
            productHigh = mergedHigh
            productLow = mergedLow
        }
        let topBit = productHigh >> 63
        var result = productHigh >> (topBit + 9)
        binaryExponent &-= 1 ^ topBit
        // A product exactly halfway between two doubles: the rounding needs all the digits.
        if productLow == 0, productHigh & 0x1FF == 0, result & 3 == 1 { return nil }
        result &+= result & 1
        result >>= 1
        if result >> 53 > 0 {
            result >>= 1
            binaryExponent &+= 1
        }
        // Zero or less: subnormal; 0x7FF or more: beyond Double.
        guard binaryExponent &- 1 < 0x7FF - 1 else { return nil }
        return Double(bitPattern: binaryExponent << 52 | result & 0x000F_FFFF_FFFF_FFFF)
    }

    /// `Double(Substring)` on the bytes (ASCII, as the numeral check ensured): the exact fallback.
    private static func exact(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        Double(Substring(decoding: bytes, as: UTF8.self))
    }
}
