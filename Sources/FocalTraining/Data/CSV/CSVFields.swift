/// Where one field's text lies in the file's bytes.
struct FieldSpan: Sendable, Hashable {
    /// The offset of the field's first byte (after an opening quote).
    var start: Int
    /// The number of bytes (up to a closing quote).
    var length: UInt32
    /// Whether the bytes hold doubled quotes `""` that stand for one `"`.
    var hasDoubledQuotes: Bool
}

/// One row of a CSV text: where its bytes lie, the line it starts on and how its fields are found.
///
/// A row without quotes is its bytes up to the line break: its fields are split at the delimiter
/// when asked for, each after the spaces (and tabs, unless the tab is the delimiter) that start it.
/// A row with quotes (or one the character reader read) has its fields stored as spans.
struct CSVRow: Sendable, Hashable {
    /// The offset of the row's first byte.
    var start: Int
    /// The offset of the line break that ends a row without quotes (or the end of the text).
    var end: Int
    /// The line on which the row starts.
    var line: Int
    /// The number of fields.
    var fieldCount: Int
    /// The index of the row's first field in ``CSVFields/spans``; -1 for a row split at delimiters.
    var firstSpan: Int

    /// Whether the fields are split at delimiters (none is stored).
    var isSplit: Bool { firstSpan < 0 }
}

/// The rows of a parsed CSV text as spans of its bytes, with the line each row starts on: the
/// fields are not copied into strings until asked for.
struct CSVFields: Sendable {
    /// The text (UTF-8), which the rows point into.
    var bytes: [UInt8]
    /// The rows, in order.
    var allRows: [CSVRow]
    /// The fields of the rows that store them (rows with quotes).
    var spans: [FieldSpan]
    /// The byte the fields of rows without quotes are split at.
    var delimiter: UInt8
    /// The rows before this one are left out (the header, for a table's data rows).
    var firstRow = 0

    /// The number of rows.
    var rowCount: Int { allRows.count - firstRow }

    /// The line on which each row starts.
    var lines: [Int] { allRows[firstRow...].map(\.line) }

    /// The line on which `row` starts.
    func line(_ row: Int) -> Int { allRows[firstRow + row].line }

    /// The number of fields in `row`.
    func fieldCount(_ row: Int) -> Int { allRows[firstRow + row].fieldCount }

    /// The row at `row` (counted from ``firstRow``).
    func row(_ row: Int) -> CSVRow { allRows[firstRow + row] }

    /// The span of field `column` of `row`.
    func span(_ row: Int, _ column: Int) -> FieldSpan {
        let row = allRows[firstRow + row]
        if !row.isSplit { return spans[row.firstSpan + column] }
        return bytes.withUnsafeBufferPointer { Self.span(of: row, column: column, in: $0, delimiter: delimiter) }
    }

    /// The spans of every field of `row`.
    func spans(_ row: Int) -> [FieldSpan] {
        let row = allRows[firstRow + row]
        if !row.isSplit { return Array(spans[row.firstSpan..<(row.firstSpan + row.fieldCount)]) }
        return bytes.withUnsafeBufferPointer { bytes in
            var result: [FieldSpan] = []
            result.reserveCapacity(row.fieldCount)
            Self.forEachSpan(of: row, in: bytes, delimiter: delimiter) { result.append($0) }
            return result
        }
    }

    /// The span of field `column` of a row split at delimiters: found from the row's start, or
    /// from its end for the columns of the second half.
    static func span(of row: CSVRow, column: Int, in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> FieldSpan {
        var start = row.start, end = row.end
        if column >= row.fieldCount / 2 {
            var skipped = row.fieldCount - 1 - column  // delimiters to pass from the end
            var index = end
            while true {
                index -= 1
                if index < row.start { break }
                if bytes[index] == delimiter {
                    if skipped == 0 { break }
                    skipped -= 1
                    end = index
                }
            }
            start = index + 1
        } else {
            var skipped = column
            var index = start
            while skipped > 0 {
                if bytes[index] == delimiter {
                    skipped -= 1
                    start = index + 1
                }
                index += 1
            }
            end = start
            while end < row.end, bytes[end] != delimiter { end += 1 }
        }
        return fieldSpan(start: start, end: end, in: bytes, delimiter: delimiter)
    }

    /// Calls `body` with the span of each field of a row split at delimiters, in order.
    @inline(__always)
    static func forEachSpan(of row: CSVRow, in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, _ body: (FieldSpan) -> Void) {
        var start = row.start
        var index = row.start
        while index < row.end {
            if bytes[index] == delimiter {
                body(fieldSpan(start: start, end: index, in: bytes, delimiter: delimiter))
                start = index + 1
            }
            index += 1
        }
        body(fieldSpan(start: start, end: row.end, in: bytes, delimiter: delimiter))
    }

    /// The field between two delimiters, the spaces (and tabs, unless the tab is the delimiter)
    /// before it dropped.
    @inline(__always)
    static func fieldSpan(start: Int, end: Int, in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> FieldSpan {
        var start = start
        while start < end, bytes[start] == 32 || (bytes[start] == 9 && delimiter != 9) { start += 1 }
        return FieldSpan(start: start, length: UInt32(end - start), hasDoubledQuotes: false)
    }

    /// The text of a field, doubled quotes made single.
    func string(_ span: FieldSpan) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            let slice = UnsafeBufferPointer(rebasing: buffer[span.start..<(span.start + Int(span.length))])
            guard span.hasDoubledQuotes else { return String(decoding: slice, as: UTF8.self) }
            var unquoted = [UInt8]()
            unquoted.reserveCapacity(slice.count)
            var index = 0
            while index < slice.count {
                unquoted.append(slice[index])
                index += slice[index] == UInt8(ascii: "\"") && index + 1 < slice.count && slice[index + 1] == UInt8(ascii: "\"") ? 2 : 1
            }
            return String(decoding: unquoted, as: UTF8.self)
        }
    }

    /// The text of field `column` of `row`.
    func string(_ row: Int, _ column: Int) -> String { string(span(row, column)) }

    /// The fields of `row` as strings.
    func strings(_ row: Int) -> [String] { spans(row).map(string) }

    /// Fields given as strings (from the character-level reader), laid out as spans of their
    /// concatenated bytes.
    init(rows: [[String]], lines: [Int]) {
        bytes = []
        spans = []
        allRows = []
        delimiter = UInt8(ascii: ",")
        for (row, line) in zip(rows, lines) {
            allRows.append(CSVRow(start: bytes.count, end: bytes.count, line: line, fieldCount: row.count, firstSpan: spans.count))
            for field in row {
                spans.append(FieldSpan(start: bytes.count, length: UInt32(field.utf8.count), hasDoubledQuotes: false))
                bytes.append(contentsOf: field.utf8)
            }
        }
    }

    init(bytes: [UInt8], rows: [CSVRow], spans: [FieldSpan], delimiter: UInt8) {
        self.bytes = bytes
        self.allRows = rows
        self.spans = spans
        self.delimiter = delimiter
    }

    /// The rows from `first` on, as a table of their own (sharing every array).
    func dropping(rows first: Int) -> CSVFields {
        var rest = self
        rest.firstRow += first
        return rest
    }
}
