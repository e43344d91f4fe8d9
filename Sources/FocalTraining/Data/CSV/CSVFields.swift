/// Where one field's text lies in the file's bytes.
struct FieldSpan: Sendable, Hashable {
    /// The offset of the field's first byte (after an opening quote).
    var start: Int
    /// The number of bytes (up to a closing quote).
    var length: UInt32
    /// Whether the bytes hold doubled quotes `""` that stand for one `"`.
    var hasDoubledQuotes: Bool
}

/// The rows of a parsed CSV text as spans of its bytes, with the line each row starts on: the
/// fields are not copied into strings until asked for.
struct CSVFields: Sendable {
    /// The text (UTF-8), which the spans point into.
    var bytes: [UInt8]
    /// Every field of every row, row after row.
    var spans: [FieldSpan]
    /// The index in ``spans`` of each row's first field, then one past the last field.
    var rowStarts: [Int]
    /// The line on which each row starts (the first line of the text is line 1).
    var allLines: [Int]
    /// The rows before this one are left out (the header, for a table's data rows).
    var firstRow = 0

    /// The number of rows.
    var rowCount: Int { allLines.count - firstRow }

    /// The line on which each row starts.
    var lines: [Int] { firstRow == 0 ? allLines : Array(allLines[firstRow...]) }

    /// The line on which `row` starts.
    func line(_ row: Int) -> Int { allLines[firstRow + row] }

    /// The index in ``spans`` of the first field of `row`.
    func rowStart(_ row: Int) -> Int { rowStarts[firstRow + row] }

    /// The number of fields in `row`.
    func fieldCount(_ row: Int) -> Int { rowStarts[firstRow + row + 1] - rowStarts[firstRow + row] }

    /// The span of field `column` of `row`.
    func span(_ row: Int, _ column: Int) -> FieldSpan { spans[rowStarts[firstRow + row] + column] }

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
    func strings(_ row: Int) -> [String] { (rowStart(row)..<rowStart(row + 1)).map { string(spans[$0]) } }

    /// Fields given as strings (from the character-level reader), laid out as spans of their
    /// concatenated bytes.
    init(rows: [[String]], lines: [Int]) {
        bytes = []
        spans = []
        rowStarts = [0]
        for row in rows {
            for field in row {
                spans.append(FieldSpan(start: bytes.count, length: UInt32(field.utf8.count), hasDoubledQuotes: false))
                bytes.append(contentsOf: field.utf8)
            }
            rowStarts.append(spans.count)
        }
        allLines = lines
    }

    init(bytes: [UInt8], spans: [FieldSpan], rowStarts: [Int], lines: [Int]) {
        self.bytes = bytes
        self.spans = spans
        self.rowStarts = rowStarts
        allLines = lines
    }

    /// The rows from `first` on, as a table of their own (sharing every array).
    func dropping(rows first: Int) -> CSVFields {
        var rest = self
        rest.firstRow += first
        return rest
    }
}
