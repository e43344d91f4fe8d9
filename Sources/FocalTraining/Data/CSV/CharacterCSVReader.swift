/// The CSV state machine on Swift characters (grapheme clusters), as SwiftCSV ran it: the reader
/// for the rare texts ``CSVTextCheck`` sends here. ``ByteCSVScanner`` describes the rules.
///
/// As in SwiftCSV, only `\n`, `\r\n` and `\r` end a row; the other Unicode line breaks (vertical
/// tab, form feed, U+0085, U+2028, U+2029) are whitespace, dropped before a field and after a
/// closing quote. The lines a field spans are still counted with `Character.isNewline`.
enum CharacterCSVReader {
    /// Whether a character ends a row (SwiftCSV's own `isNewline`).
    private static func endsRow(_ character: Character) -> Bool {
        character == "\n" || character == "\r\n" || character == "\r"
    }

    /// The rows of `text` (blank lines dropped) and the line each starts on.
    ///
    /// - Throws: ``ByteScanStop/malformed(line:reason:)`` naming the line the row starts on.
    static func read(_ text: String, delimiter: Character) throws(ByteScanStop) -> (rows: [[String]], lines: [Int]) {
        var rows: [[String]] = []
        var lines: [Int] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var rowLine = 1
        var atStart = true, parsingField = false, parsingQuotes = false, innerQuotes = false

        func finishRow() {
            fields.append(field)
            // Counted as SwiftCSV's caller did: fields with a `\n` or `\r` byte only.
            for value in fields where value.utf8.contains(where: { $0 == 10 || $0 == 13 }) {
                line += value.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
            }
            if !(fields.count == 1 && fields[0].isEmpty) {
                rows.append(fields)
                lines.append(rowLine)
            }
            line += 1
            rowLine = line
            fields = []
            field = ""
        }
        func stray(_ character: Character) -> ByteScanStop {
            .malformed(line: rowLine, reason: "bad quoting (Can't have non-quote here: \(character))")
        }

        for character in text {
            if atStart {
                if character == "\"" {
                    atStart = false
                    parsingQuotes = true
                } else if character == delimiter {
                    fields.append(field)
                    field = ""
                } else if endsRow(character) {
                    finishRow()
                } else if !character.isWhitespace {
                    parsingField = true
                    atStart = false
                    field.append(character)
                }
            } else if parsingField {
                if innerQuotes {
                    guard character == "\"" else { throw stray(character) }
                    field.append(character)
                    innerQuotes = false
                } else if character == "\"" {
                    innerQuotes = true
                } else if character == delimiter || endsRow(character) {
                    atStart = true
                    parsingField = false
                    if character == delimiter {
                        fields.append(field)
                        field = ""
                    } else {
                        finishRow()
                    }
                } else {
                    field.append(character)
                }
            } else if parsingQuotes {
                if innerQuotes {
                    if character == "\"" {
                        field.append(character)
                        innerQuotes = false
                    } else if character == delimiter {
                        atStart = true
                        parsingField = false
                        innerQuotes = false
                        fields.append(field)
                        field = ""
                    } else if endsRow(character) {
                        atStart = true
                        parsingQuotes = false
                        innerQuotes = false
                        finishRow()
                    } else if !character.isWhitespace {
                        throw stray(character)
                    }
                } else if character == "\"" {
                    innerQuotes = true
                } else {
                    field.append(character)
                }
            }
        }
        if !field.isEmpty { fields.append(field) }
        if !fields.isEmpty, !(fields.count == 1 && fields[0].isEmpty) {
            rows.append(fields)
            lines.append(rowLine)
        }
        return (rows, lines)
    }
}
