/// The byte between the fields of a CSV row.
public enum CSVDelimiter: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `,` (the default).
    case comma = ","
    /// `;` (common where the comma is the decimal separator).
    case semicolon = ";"
    /// A tab (TSV files).
    case tab = "\t"
    /// `|`.
    case pipe = "|"

    /// The case name: `comma`, `semicolon`, `tab`, `pipe`.
    public var name: String {
        switch self {
        case .comma: return "comma"
        case .semicolon: return "semicolon"
        case .tab: return "tab"
        case .pipe: return "pipe"
        }
    }

    /// The delimiter's byte.
    public var byte: UInt8 { rawValue.utf8.first! }

    /// The delimiter as a message shows it: `','`, `';'`, `tab`, `'|'`.
    public var description: String { self == .tab ? "tab" : "'\(rawValue)'" }

    /// The delimiter whose byte is `byte`, if any.
    init?(byte: UInt8) {
        guard let match = Self.allCases.first(where: { $0.byte == byte }) else { return nil }
        self = match
    }

    /// The delimiter of a file: the most frequent of `,` `;` tab `|` outside quotes on its header
    /// line (the first line that is not blank); the comma on a tie or when none occurs.
    ///
    /// - Parameter bytes: The file, without a byte-order mark.
    static func detected(in bytes: UnsafeBufferPointer<UInt8>) -> CSVDelimiter {
        var counts = [0, 0, 0, 0]
        var inQuotes = false
        var sawContent = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
                sawContent = true
            } else if !inQuotes, byte == 10 || byte == 13 {
                if sawContent { break }
            } else if !inQuotes, let delimiter = CSVDelimiter(byte: byte) {
                counts[Self.allCases.firstIndex(of: delimiter)!] += 1
                sawContent = true
            } else if byte != 32 {
                sawContent = true
            }
        }
        let most = counts.max()!
        guard most > 0, counts.filter({ $0 == most }).count == 1 else { return .comma }
        return Self.allCases[counts.firstIndex(of: most)!]
    }
}
