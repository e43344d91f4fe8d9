/// The rows of one piece of a CSV text.
struct CSVPiece: Sendable {
    /// The rows, their lines counted from the piece's first line (1).
    var rows: [CSVRow] = []
    /// The fields of the rows with quotes.
    var spans: [FieldSpan] = []
    /// The line breaks the piece holds.
    var lineCount = 0
}

/// Finds the rows of a CSV text: a row without quotes is found by looking for its line break
/// eight bytes at a time, counting the delimiters on the way; a row with a quote (or the last
/// row of a text without a final line break) is read by the state machine of ``ByteCSVScanner``,
/// which stores its fields. Rows of one empty field (blank lines) are dropped.
enum RowScanner {
    /// Reads the rows of `bytes[range]`, telling `progress` every few MB.
    ///
    /// - Throws: ``ByteScanStop``, the line counted from the start of the piece.
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, delimiter: UInt8, progress: ProgressCounter? = nil
    ) throws(ByteScanStop) -> CSVPiece {
        var piece = CSVPiece()
        piece.rows.reserveCapacity(range.count / 128)
        guard let base = bytes.baseAddress else { return piece }
        let quote = UInt8(ascii: "\""), lineFeed: UInt8 = 10, carriageReturn: UInt8 = 13
        let lineFeeds = ByteWord.repeated(lineFeed), carriageReturns = ByteWord.repeated(carriageReturn)
        let quotes = ByteWord.repeated(quote), delimiters = ByteWord.repeated(delimiter)
        let end = range.upperBound
        var index = range.lowerBound
        var line = 1
        var reported = index
        var reportedRows = 0
        defer { progress?.parsed(bytes: index - reported, rows: piece.rows.count - reportedRows) }
        while index < end {
            if let progress, index - reported >= ProgressCounter.step {
                progress.parsed(bytes: index - reported, rows: piece.rows.count - reportedRows)
                reported = index
                reportedRows = piece.rows.count
            }
            let start = index
            var stop = index
            var delimiterCount = 0
            var found = false
            let below = ByteWord.repeated(UInt8(ascii: "#"))
            // Two words at a time while neither has a byte below `#` (line feeds, carriage
            // returns and quotes are all below it): their delimiters counted together.
            while stop + 16 <= end {
                let first = UnsafeRawPointer(base + stop).loadUnaligned(as: UInt64.self)
                let second = UnsafeRawPointer(base + stop + 8).loadUnaligned(as: UInt64.self)
                if ((first &- below) & ~first | (second &- below) & ~second) & 0x8080_8080_8080_8080 != 0 { break }
                delimiterCount += ByteWord.countMarked(ByteWord.zeroBytes(first ^ delimiters), ByteWord.zeroBytes(second ^ delimiters))
                stop += 16
            }
            while stop + 8 <= end {
                let word = UnsafeRawPointer(base + stop).loadUnaligned(as: UInt64.self)
                let delimitersFound = ByteWord.zeroBytes(word ^ delimiters)
                // Line feeds, carriage returns and quotes are all below `#`: most words have none.
                if ByteWord.hasByteBelow(word, UInt8(ascii: "#")) {
                    let breaks = ByteWord.zeroBytes(word ^ lineFeeds) | ByteWord.zeroBytes(word ^ carriageReturns)
                        | ByteWord.zeroBytes(word ^ quotes)
                    if breaks != 0 {
                        let below = (breaks & (0 &- breaks)) &- 1
                        delimiterCount += ByteWord.countMarked(delimitersFound & below)
                        stop += breaks.trailingZeroBitCount >> 3
                        found = true
                        break
                    }
                }
                delimiterCount += ByteWord.countMarked(delimitersFound)
                stop += 8
            }
            if !found {
                while stop < end {
                    let byte = base[stop]
                    if byte == lineFeed || byte == carriageReturn || byte == quote { break }
                    if byte == delimiter { delimiterCount += 1 }
                    stop += 1
                }
            }
            if stop < end, base[stop] != quote {
                if delimiterCount > 0 || !isBlank(base, start..<stop, delimiter: delimiter) {
                    piece.rows.append(CSVRow(start: start, end: stop, line: line, fieldCount: delimiterCount + 1, firstSpan: -1))
                }
                index = stop + (base[stop] == carriageReturn && stop + 1 < end && base[stop + 1] == lineFeed ? 2 : 1)
                line += 1
                continue
            }
            // A quote, or the end of the text without a line break: the state machine reads the row.
            let first = piece.spans.count
            let scanned: ScannedRow
            do {
                scanned = try ByteCSVScanner.scanRow(bytes, from: start, end: end, delimiter: delimiter, into: &piece.spans)
            } catch {
                switch error {
                case .malformed(let rowLine, let reason): throw .malformed(line: line + rowLine - 1, reason: reason)
                case .needsCharacters: throw .needsCharacters
                }
            }
            if scanned.isKept {
                piece.rows.append(
                    CSVRow(start: start, end: scanned.next, line: line, fieldCount: piece.spans.count - first, firstSpan: first))
            }
            line += scanned.lineBreaks
            index = scanned.next
        }
        piece.lineCount = line - 1
        return piece
    }

    /// Whether a row of one field holds only the blanks a field starts after (a blank line).
    private static func isBlank(_ base: UnsafePointer<UInt8>, _ range: Range<Int>, delimiter: UInt8) -> Bool {
        range.allSatisfy { base[$0] == 32 || (base[$0] == 9 && delimiter != 9) }
    }
}
