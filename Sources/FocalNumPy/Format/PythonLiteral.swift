/// A Python literal as it appears in a `.npy` header: the header is `repr()` of a dictionary.
///
/// Only the forms a header can hold are modelled. Integers keep their digits as text, so a
/// dimension too large for `Int` can still be reported.
indirect enum PythonLiteral: Equatable, Sendable {
    case string(String)
    /// An integer's digits, with a leading `-` if negative and without Python 2's `L` suffix.
    case integer(String)
    case boolean(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dictionary([Entry])

    /// One `key: value` pair of a dictionary, in the order written.
    struct Entry: Equatable, Sendable {
        var key: PythonLiteral
        var value: PythonLiteral
    }

    /// The literal written back in Python syntax, for error messages: `'<c16'`, `(3, -1)`.
    var python: String {
        switch self {
        case .string(let text): return PythonSyntax.string(text)
        case .integer(let digits): return digits
        case .boolean(let value): return value ? "True" : "False"
        case .none: return "None"
        case .tuple(let items):
            return items.count == 1 ? "(\(items[0].python),)" : "(\(items.map(\.python).joined(separator: ", ")))"
        case .list(let items): return "[\(items.map(\.python).joined(separator: ", "))]"
        case .dictionary(let entries):
            return "{\(entries.map { "\($0.key.python): \($0.value.python)" }.joined(separator: ", "))}"
        }
    }
}

/// Python spellings shared by the header writer and error messages.
enum PythonSyntax {
    /// `repr()` of a tuple of integers: `()`, `(3,)`, `(2, 3)`.
    static func tuple(_ values: [Int]) -> String {
        values.count == 1 ? "(\(values[0]),)" : "(\(values.map(String.init).joined(separator: ", ")))"
    }

    /// `text`, cut to 80 characters with an ellipsis, to keep error messages to one readable line.
    static func abbreviated(_ text: String) -> String {
        text.count <= 80 ? text : text.prefix(77) + "..."
    }

    /// A single-quoted Python string literal.
    static func string(_ text: String) -> String {
        var quoted = "'"
        for character in text {
            switch character {
            case "\\": quoted += "\\\\"
            case "'": quoted += "\\'"
            case "\n": quoted += "\\n"
            default: quoted.append(character)
            }
        }
        return quoted + "'"
    }
}
