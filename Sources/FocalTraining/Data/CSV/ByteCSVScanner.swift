/// Why the byte-level reader stopped short of a table.
enum ByteScanStop: Error {
    /// Malformed CSV: the line on which the row starts (counted from the start of the piece) and why.
    case malformed(line: Int, reason: String)
    /// A pattern whose reading needs whole characters (see ``CharacterCSVReader``).
    case needsCharacters
}

/// Where ``ByteCSVScanner/scanRow(_:from:end:delimiter:into:)`` stopped.
struct ScannedRow {
    /// The offset just after the row's line break (or the end of the text).
    var next: Int
    /// The line breaks read (inside quoted fields and the one ending the row).
    var lineBreaks: Int
    /// Whether the row is kept: `false` for a row of one empty field (a blank line, or `""`).
    var isKept: Bool
}

/// The CSV state machine on bytes: what SwiftCSV (the reader before this one) did character by
/// character, with the same rows, line numbers and errors.
///
/// - A field starts after spaces (and tabs, unless the tab is the delimiter), which are dropped.
/// - A field that starts with `"` is quoted: delimiters and line breaks inside are text, `""` is
///   one quote; after the closing quote only spaces may come before the delimiter or line break.
/// - In an unquoted field, `""` is one quote; a single quote followed by anything else is an error.
/// - A line break is `\n`, `\r\n` or `\r`. A row of one empty field (a blank line) is dropped.
/// - At the end of the text, an unfinished field is kept if it is not empty (so a quoted field left
///   open runs to the end of the text).
///
/// Characters that combine with a neighbouring quote, delimiter or space, and the rarer Unicode
/// line breaks, are left to ``CharacterCSVReader`` (see ``CSVTextCheck``).
///
/// ``RowScanner`` finds the rows without quotes itself and hands this machine the others, one
/// row at a time, with the last row of a text that does not end with a line break.
enum ByteCSVScanner {
    /// Reads one row from `start`, appending its fields to `spans` (they are removed again
    /// when the row is dropped as blank).
    ///
    /// - Throws: ``ByteScanStop``, a malformed row's line being 1.
    static func scanRow(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, delimiter: UInt8, into spans: inout [FieldSpan]
    ) throws(ByteScanStop) -> ScannedRow {
        let quote = UInt8(ascii: "\""), space: UInt8 = 32, tab: UInt8 = 9, lineFeed: UInt8 = 10, carriageReturn: UInt8 = 13
        let skipsTab = delimiter != tab
        let delimiters = ByteWord.repeated(delimiter), lineFeeds = ByteWord.repeated(lineFeed)
        let carriageReturns = ByteWord.repeated(carriageReturn), quotes = ByteWord.repeated(quote)
        var index = start
        var line = 1
        let rowLine = 1
        let first = spans.count

        /// The row's end: a row of one empty field is dropped.
        func finishRow() -> ScannedRow {
            if spans.count - first == 1, spans[first].length == 0 {
                spans.removeLast()
                return ScannedRow(next: index, lineBreaks: line - 1, isKept: false)
            }
            return ScannedRow(next: index, lineBreaks: line - 1, isKept: spans.count > first)
        }
        /// Steps over the line break at `index` (`\r\n` counts as one).
        func skipLineBreak() {
            if bytes[index] == carriageReturn, index + 1 < end, bytes[index + 1] == lineFeed { index += 1 }
            index += 1
            line += 1
        }
        func characterError(at position: Int) -> ByteScanStop {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<min(position + 16, end)]), as: UTF8.self)
            return .malformed(line: rowLine, reason: "bad quoting (Can't have non-quote here: \(text.first!))")
        }

        fields: while true {
            while index < end, bytes[index] == space || (bytes[index] == tab && skipsTab) { index += 1 }
            if index == end {
                return finishRow()
            }
            let byte = bytes[index]
            if byte == delimiter {
                spans.append(FieldSpan(start: index, length: 0, hasDoubledQuotes: false))
                index += 1
                continue fields
            }
            if byte == lineFeed || byte == carriageReturn {
                spans.append(FieldSpan(start: index, length: 0, hasDoubledQuotes: false))
                skipLineBreak()
                return finishRow()
            }
            if byte == quote {
                index += 1
                let start = index
                var doubled = false
                while true {
                    while index < end {
                        let inner = bytes[index]
                        if inner == quote { break }
                        if inner == lineFeed {
                            line += 1
                        } else if inner == carriageReturn {
                            if index + 1 < end, bytes[index + 1] == lineFeed { index += 1 }
                            line += 1
                        }
                        index += 1
                    }
                    if index == end {  // left open: the field runs to the end
                        if end > start { spans.append(FieldSpan(start: start, length: UInt32(end - start), hasDoubledQuotes: doubled)) }
                        return finishRow()
                    }
                    let closing = index
                    index += 1
                    if index < end, bytes[index] == quote {
                        doubled = true
                        index += 1
                        continue
                    }
                    while index < end, bytes[index] == space || (bytes[index] == tab && skipsTab) { index += 1 }
                    let span = FieldSpan(start: start, length: UInt32(closing - start), hasDoubledQuotes: doubled)
                    if index == end {
                        if closing > start { spans.append(span) }
                        return finishRow()
                    }
                    let next = bytes[index]
                    if next == delimiter {
                        spans.append(span)
                        index += 1
                        continue fields
                    }
                    if next == lineFeed || next == carriageReturn {
                        spans.append(span)
                        skipLineBreak()
                        return finishRow()
                    }
                    // `"a" "b"`: after spaces, a quote goes on with the same field.
                    if next == quote { throw .needsCharacters }
                    throw characterError(at: index)
                }
            }
            // An unquoted field.
            let start = index
            var doubled = false
            while true {
                // Eight bytes at a time up to the word holding a delimiter, line break or quote.
                while index + 8 <= end {
                    let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    if ByteWord.hasZeroByte(word ^ delimiters) || ByteWord.hasZeroByte(word ^ lineFeeds)
                        || ByteWord.hasZeroByte(word ^ carriageReturns) || ByteWord.hasZeroByte(word ^ quotes) { break }
                    index += 8
                }
                while index < end {
                    let inner = bytes[index]
                    if inner == delimiter || inner == lineFeed || inner == carriageReturn || inner == quote { break }
                    index += 1
                }
                if index == end {
                    spans.append(FieldSpan(start: start, length: UInt32(end - start), hasDoubledQuotes: doubled))
                    return finishRow()
                }
                let stop = bytes[index]
                if stop == quote {
                    if index + 1 == end {  // a last lone quote is dropped
                        spans.append(FieldSpan(start: start, length: UInt32(index - start), hasDoubledQuotes: doubled))
                        return finishRow()
                    }
                    guard bytes[index + 1] == quote else { throw characterError(at: index + 1) }
                    doubled = true
                    index += 2
                    continue
                }
                spans.append(FieldSpan(start: start, length: UInt32(index - start), hasDoubledQuotes: doubled))
                if stop == delimiter {
                    index += 1
                    continue fields
                }
                skipLineBreak()
                return finishRow()
            }
        }
    }
}
