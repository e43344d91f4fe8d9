/// Why the byte-level reader stopped short of a table.
enum ByteScanStop: Error {
    /// Malformed CSV: the line on which the row starts (counted from the start of the piece) and why.
    case malformed(line: Int, reason: String)
    /// A pattern whose reading needs whole characters (see ``CharacterCSVReader``).
    case needsCharacters
}

/// The rows of one piece of a CSV text, as spans of the whole text's bytes.
struct CSVPiece: Sendable {
    var spans: [FieldSpan] = []
    /// The index in `spans` of each row's first field (not including the end).
    var rowStarts: [Int] = []
    /// The line on which each row starts, the piece's first line being 1.
    var lines: [Int] = []
    /// The line breaks the piece holds.
    var lineCount = 0
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
enum ByteCSVScanner {
    /// Reads the rows of `bytes[range]`, telling `progress` every few MB.
    ///
    /// - Throws: ``ByteScanStop``.
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, delimiter: UInt8, progress: ProgressCounter? = nil
    ) throws(ByteScanStop) -> CSVPiece {
        var piece = CSVPiece()
        piece.spans.reserveCapacity(range.count / 8)
        piece.rowStarts.reserveCapacity(range.count / 64)
        piece.lines.reserveCapacity(range.count / 64)
        let quote = UInt8(ascii: "\""), space: UInt8 = 32, tab: UInt8 = 9, lineFeed: UInt8 = 10, carriageReturn: UInt8 = 13
        let skipsTab = delimiter != tab
        let delimiters = ByteWord.repeated(delimiter), lineFeeds = ByteWord.repeated(lineFeed)
        let carriageReturns = ByteWord.repeated(carriageReturn), quotes = ByteWord.repeated(quote)
        let end = range.upperBound
        var index = range.lowerBound
        var line = 1

        func finishRow(first: Int, line rowLine: Int) {
            if piece.spans.count - first == 1, piece.spans[first].length == 0 {
                piece.spans.removeLast()  // a blank line
                return
            }
            piece.rowStarts.append(first)
            piece.lines.append(rowLine)
        }
        /// Steps over the line break at `index` (`\r\n` counts as one).
        func skipLineBreak() {
            if bytes[index] == carriageReturn, index + 1 < end, bytes[index + 1] == lineFeed { index += 1 }
            index += 1
            line += 1
        }
        func characterError(at position: Int, rowLine: Int) -> ByteScanStop {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<min(position + 16, end)]), as: UTF8.self)
            return .malformed(line: rowLine, reason: "bad quoting (Can't have non-quote here: \(text.first!))")
        }

        var reported = range.lowerBound
        var reportedRows = 0
        defer { progress?.parsed(bytes: index - reported, rows: piece.lines.count - reportedRows) }
        rows: while index < end {
            if let progress, index - reported >= ProgressCounter.step {
                progress.parsed(bytes: index - reported, rows: piece.lines.count - reportedRows)
                reported = index
                reportedRows = piece.lines.count
            }
            let rowLine = line
            let first = piece.spans.count
            fields: while true {
                while index < end, bytes[index] == space || (bytes[index] == tab && skipsTab) { index += 1 }
                if index == end {
                    if piece.spans.count > first { finishRow(first: first, line: rowLine) }
                    break rows
                }
                let byte = bytes[index]
                if byte == delimiter {
                    piece.spans.append(FieldSpan(start: index, length: 0, hasDoubledQuotes: false))
                    index += 1
                    continue fields
                }
                if byte == lineFeed || byte == carriageReturn {
                    piece.spans.append(FieldSpan(start: index, length: 0, hasDoubledQuotes: false))
                    skipLineBreak()
                    finishRow(first: first, line: rowLine)
                    continue rows
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
                            if end > start { piece.spans.append(FieldSpan(start: start, length: UInt32(end - start), hasDoubledQuotes: doubled)) }
                            if piece.spans.count > first { finishRow(first: first, line: rowLine) }
                            break rows
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
                            if closing > start { piece.spans.append(span) }
                            if piece.spans.count > first { finishRow(first: first, line: rowLine) }
                            break rows
                        }
                        let next = bytes[index]
                        if next == delimiter {
                            piece.spans.append(span)
                            index += 1
                            continue fields
                        }
                        if next == lineFeed || next == carriageReturn {
                            piece.spans.append(span)
                            skipLineBreak()
                            finishRow(first: first, line: rowLine)
                            continue rows
                        }
                        // `"a" "b"`: after spaces, a quote goes on with the same field.
                        if next == quote { throw .needsCharacters }
                        throw characterError(at: index, rowLine: rowLine)
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
                        piece.spans.append(FieldSpan(start: start, length: UInt32(end - start), hasDoubledQuotes: doubled))
                        finishRow(first: first, line: rowLine)
                        break rows
                    }
                    let stop = bytes[index]
                    if stop == quote {
                        if index + 1 == end {  // a last lone quote is dropped
                            piece.spans.append(FieldSpan(start: start, length: UInt32(index - start), hasDoubledQuotes: doubled))
                            finishRow(first: first, line: rowLine)
                            break rows
                        }
                        guard bytes[index + 1] == quote else { throw characterError(at: index + 1, rowLine: rowLine) }
                        doubled = true
                        index += 2
                        continue
                    }
                    piece.spans.append(FieldSpan(start: start, length: UInt32(index - start), hasDoubledQuotes: doubled))
                    if stop == delimiter {
                        index += 1
                        continue fields
                    }
                    skipLineBreak()
                    finishRow(first: first, line: rowLine)
                    continue rows
                }
            }
        }
        piece.lineCount = line - 1
        return piece
    }
}
