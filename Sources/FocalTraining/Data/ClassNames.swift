/// How label values become class indices.
///
/// When every label is an integer, the classes are those integers in increasing numeric order
/// (so `0`/`1` labels keep their meaning and class 1 is the positive class of a binary problem);
/// otherwise the distinct strings in lexicographic (code point) order. The order is stored in the
/// model, which maps the same strings back at prediction time.
enum ClassNames {
    /// The key a label value is matched by: integers in canonical form (`"01"` and `"1"` agree).
    static func key(_ value: Substring) -> String {
        // Digits without a leading zero (as `0` and `1` labels are) are the canonical form already.
        let utf8 = value.utf8
        if let first = utf8.first, utf8.count <= 18, first != UInt8(ascii: "0") || utf8.count == 1,
           utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return String(value)
        }
        if let integer = Int(value) { return String(integer) }
        return String(value)
    }

    /// The ordered class names of the distinct label keys.
    static func ordered(_ keys: Set<String>) -> [String] {
        let integers = keys.compactMap { Int($0) }
        if integers.count == keys.count {
            return integers.sorted().map(String.init)
        }
        return keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
    }
}
