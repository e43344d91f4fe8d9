/// What a feature field holds: a number in the range of `Float`, a missing-value marker, or
/// neither.
enum NumericField: Equatable {
    case number(Float)
    case missing
    case invalid

    /// Reads a field as the reader through `String`s did: spaces around it trimmed when it starts
    /// or ends with a space, then a whole decimal numeral (see ``CSVTable/isDecimalNumeral(_:)``)
    /// whose `Double` is finite and within `Float`'s range, or one of the markers of
    /// ``MissingValuePolicy``.
    ///
    /// The bytes are read in place; `nil` for the rare fields to read through `String` as before
    /// (``readString(_:)``): fields with doubled quotes, or non-ASCII bytes next to trimmed spaces.
    @inline(__always)
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> NumericField? {
        var low = span.start
        var high = span.start + Int(span.length)
        if span.hasDoubledQuotes { return nil }
        if low < high, bytes[low] == 32 || bytes[high - 1] == 32 {
            while low < high, bytes[low] == 32 || bytes[low] == 9 { low += 1 }
            while low < high, bytes[high - 1] == 32 || bytes[high - 1] == 9 { high -= 1 }
            if low < high, bytes[low] >= 0x80 || bytes[high - 1] >= 0x80 { return nil }
        }
        let field = UnsafeBufferPointer(rebasing: bytes[low..<high])
        // The parser takes digits, signs, a point and exponent letters only: a whole decimal numeral.
        if let value = DecimalParser.parse(field), value.isFinite, abs(value) <= Double(Float.greatestFiniteMagnitude) {
            return .number(Float(value))
        }
        return isMissingMarker(field) ? .missing : .invalid
    }

    /// The reading of the reader through `String`s, for the rare fields the byte path leaves.
    static func readString(_ field: String) -> NumericField {
        let trimmed = field.utf8.first == 32 || field.utf8.last == 32
            ? Substring(field.trimmingCharacters(in: .whitespaces)) : Substring(field)
        if CSVTable.isDecimalNumeral(trimmed), let value = Double(trimmed), value.isFinite,
           abs(value) <= Double(Float.greatestFiniteMagnitude) {
            return .number(Float(value))
        }
        return MissingValuePolicy.isMissing(trimmed) ? .missing : .invalid
    }

    /// The markers of ``MissingValuePolicy/isMissing(_:)`` as bytes.
    private static let markers: [[UInt8]] = ["", "NA", "N/A", "NaN", "nan", "null", "?"].map { Array($0.utf8) }

    private static func isMissingMarker(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard field.count <= 4 else { return false }
        return markers.contains { $0.elementsEqual(field) }
    }
}
