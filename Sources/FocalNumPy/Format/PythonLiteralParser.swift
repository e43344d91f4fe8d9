/// Parses the Python literal of a `.npy` header, the way `ast.literal_eval` would for the subset
/// of Python a header can hold: strings, integers (with an optional Python 2 `L` suffix),
/// `True`/`False`/`None`, tuples, lists and dictionaries, with any whitespace and trailing commas.
///
/// Errors are plain messages; the caller wraps them into ``NumPyError/Reason/malformedHeader(_:)``.
struct PythonLiteralParser {
    /// The deepest nesting accepted, so hostile input cannot exhaust the stack.
    static let maximumDepth = 32

    private let scalars: [Unicode.Scalar]
    private var position = 0

    /// Parses `text`, which must hold exactly one literal surrounded by optional whitespace.
    static func parse(_ text: String) throws(ParseError) -> PythonLiteral {
        var parser = PythonLiteralParser(scalars: Array(text.unicodeScalars))
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < parser.scalars.count {
            throw parser.error("unexpected \(parser.describeCurrent()) after the dictionary")
        }
        return value
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    struct ParseError: Error, Equatable {
        var message: String
    }

    private func error(_ message: String) -> ParseError {
        ParseError(message: "\(message) at offset \(position)")
    }

    private var current: Unicode.Scalar? {
        position < scalars.count ? scalars[position] : nil
    }

    private func describeCurrent() -> String {
        guard let current else { return "end of header" }
        if current == "'" { return "\"'\"" }
        return "'\(current.escaped(asASCII: true))'"
    }

    private mutating func skipWhitespace() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar == "\u{0C}" {
            position += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(ParseError) -> PythonLiteral {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth)") }
        skipWhitespace()
        guard let scalar = current else { throw error("unexpected end of header") }
        switch scalar {
        case "'", "\"":
            return .string(try parseString())
        case "(":
            position += 1
            let (items, sawComma) = try parseItems(closing: ")", depth: depth)
            // `(x)` is just `x` in Python; only a comma (or emptiness) makes a tuple.
            if items.count == 1 && !sawComma { return items[0] }
            return .tuple(items)
        case "[":
            position += 1
            return .list(try parseItems(closing: "]", depth: depth).items)
        case "{":
            position += 1
            return .dictionary(try parseEntries(depth: depth))
        case "-", "0"..."9":
            return .integer(try parseInteger())
        default:
            if scalar.properties.isAlphabetic || scalar == "_" {
                let word = parseWord()
                if (word == "u" || word == "U" || word == "b" || word == "B"),
                   let quote = current, quote == "'" || quote == "\"" {
                    return .string(try parseString())
                }
                switch word {
                case "True": return .boolean(true)
                case "False": return .boolean(false)
                case "None": return .none
                default:
                    position -= word.unicodeScalars.count
                    throw error("unexpected name '\(PythonSyntax.abbreviated(word))'")
                }
            }
            throw error("unexpected \(describeCurrent())")
        }
    }

    private mutating func parseWord() -> String {
        var word = String.UnicodeScalarView()
        while let scalar = current, scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" {
            word.append(scalar)
            position += 1
        }
        return String(word)
    }

    private mutating func parseInteger() throws(ParseError) -> String {
        var digits = ""
        if current == "-" {
            digits = "-"
            position += 1
            skipWhitespace()
        }
        let start = position
        while let scalar = current, ("0"..."9").contains(scalar) {
            digits.unicodeScalars.append(scalar)
            position += 1
        }
        guard position > start else { throw error("expected digits") }
        if let suffix = current, suffix == "L" || suffix == "l" {
            position += 1  // Python 2 long integer, as in `(3L, 4L)`.
        }
        if let scalar = current, scalar.properties.isAlphabetic || scalar == "." || scalar == "_" {
            throw error("unsupported number syntax \(describeCurrent())")
        }
        return digits
    }

    private mutating func parseString() throws(ParseError) -> String {
        guard let quote = current else { throw error("expected a string") }
        position += 1
        var text = String.UnicodeScalarView()
        while true {
            guard let scalar = current else { throw error("unterminated string") }
            position += 1
            if scalar == quote { return String(text) }
            if scalar == "\n" { throw error("unterminated string") }
            guard scalar == "\\" else {
                text.append(scalar)
                continue
            }
            guard let escaped = current else { throw error("unterminated string") }
            position += 1
            switch escaped {
            case "n": text.append("\n")
            case "t": text.append("\t")
            case "r": text.append("\r")
            case "0": text.append("\0")
            case "\\", "'", "\"": text.append(escaped)
            default:
                text.append("\\")
                text.append(escaped)
            }
        }
    }

    /// Parses comma-separated values up to `closing`; the opening bracket is already consumed.
    private mutating func parseItems(closing: Unicode.Scalar, depth: Int) throws(ParseError) -> (items: [PythonLiteral], sawComma: Bool) {
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            skipWhitespace()
            if current == closing {
                position += 1
                return (items, sawComma)
            }
            items.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            if current == "," {
                sawComma = true
                position += 1
            } else if current != closing {
                throw error("expected ',' or '\(closing)' but found \(describeCurrent())")
            }
        }
    }

    /// Parses `key: value` pairs up to `}`; the `{` is already consumed.
    private mutating func parseEntries(depth: Int) throws(ParseError) -> [PythonLiteral.Entry] {
        var entries: [PythonLiteral.Entry] = []
        while true {
            skipWhitespace()
            if current == "}" {
                position += 1
                return entries
            }
            let key = try parseValue(depth: depth + 1)
            skipWhitespace()
            guard current == ":" else { throw error("expected ':' but found \(describeCurrent())") }
            position += 1
            let value = try parseValue(depth: depth + 1)
            entries.append(PythonLiteral.Entry(key: key, value: value))
            skipWhitespace()
            if current == "," {
                position += 1
            } else if current != "}" {
                throw error("expected ',' or '}' but found \(describeCurrent())")
            }
        }
    }
}
