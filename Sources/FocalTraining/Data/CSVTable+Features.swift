import Dispatch
import Foundation

extension CSVTable {
    /// Throws at the first row whose field count differs from the header's.
    func requireFieldCounts() throws(DataError) {
        let expected = header.count
        for row in 0..<fields.rowCount where fields.fieldCount(row) != expected {
            throw .wrongFieldCount(file: fileName, line: fields.line(row), count: fields.fieldCount(row), expected: expected)
        }
    }

    /// A field with the spaces (and other blanks) around it trimmed, as labels are read.
    func trimmedField(row: Int, column: Int) -> String {
        let span = fields.span(row, column)
        let value = fields.string(span)
        guard let first = value.utf8.first, let last = value.utf8.last else { return value }
        if first > 32, first < 0x80, last > 32, last < 0x80 { return value }
        return value.trimmingCharacters(in: .whitespaces)
    }

    /// The numeric values of `columns`, row-major; missing values as NaN when the policy allows.
    ///
    /// The numbers are read straight from the file's bytes (`DecimalParser`), the rows in
    /// pieces on several threads for large tables; the error is the one of the first bad field
    /// in row order, as a reading row by row reports it.
    ///
    /// - Throws: ``DataError/wrongFieldCount(file:line:count:expected:)``,
    ///   ``DataError/nonNumeric(file:line:column:value:)``, ``DataError/missingValue(file:line:column:)``.
    public func features(columns: [Int], missingValues: MissingValuePolicy) throws(DataError) -> [Float] {
        try requireFieldCounts()
        let rowCount = fields.rowCount
        let width = columns.count
        let pieces = rowCount * width < 200_000 ? 1 : ReaderThreads.count
        let imputes = missingValues == .imputeTrainingMean
        final class FirstErrors: @unchecked Sendable {
            var items: [(row: Int, column: Int)?]
            init(_ count: Int) { items = Array(repeating: nil, count: count) }
        }
        let errors = FirstErrors(pieces)
        let lock = NSLock()
        let fields = self.fields
        // Where each column of the file goes in an output row (-1: not read). A column asked for
        // twice leaves every row to the field by field way.
        var targets = [Int](repeating: -1, count: header.count)
        for (position, column) in columns.enumerated() where targets[column] < 0 { targets[column] = position }
        let splitRowsInOnePass = Set(columns).count == columns.count
        let values = [Float](unsafeUninitializedCapacity: rowCount * width) { output, initialized in
            if let start = output.baseAddress { HugePages.advise(start, count: rowCount * width * MemoryLayout<Float>.stride) }
            fields.bytes.withUnsafeBufferPointer { bytes in
                fields.spans.withUnsafeBufferPointer { spans in
                    fields.allRows[fields.firstRow...].withUnsafeBufferPointer { rows in
                        targets.withUnsafeBufferPointer { targets in
                            // Read only, but `output`: each piece writes its own rows.
                            nonisolated(unsafe) let (bytes, spans, rows, targets, output) = (bytes, spans, rows, targets, output)
                            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                                var rowSpans: [FieldSpan] = []
                                for row in (rowCount * piece / pieces)..<(rowCount * (piece + 1) / pieces) {
                                    let record = rows[row]
                                    let outputRow = output.baseAddress! + row * width
                                    if record.isSplit {
                                        if splitRowsInOnePass, Self.readNumbers(of: record, in: bytes, delimiter: fields.delimiter, targets: targets, into: outputRow) {
                                            continue
                                        }
                                        rowSpans.removeAll(keepingCapacity: true)
                                        CSVFields.forEachSpan(of: record, in: bytes, delimiter: fields.delimiter) { rowSpans.append($0) }
                                    } else {
                                        rowSpans.removeAll(keepingCapacity: true)
                                        rowSpans.append(contentsOf: spans[record.firstSpan..<(record.firstSpan + record.fieldCount)])
                                    }
                                    for position in 0..<width {
                                        let span = rowSpans[columns[position]]
                                        let value: Float
                                        switch NumericField.read(bytes, span) ?? NumericField.readString(fields.string(span)) {
                                        case .number(let number): value = number
                                        case .missing where imputes: value = .nan
                                        default:
                                            lock.lock()
                                            errors.items[piece] = (row, columns[position])
                                            lock.unlock()
                                            return
                                        }
                                        (outputRow + position).initialize(to: value)
                                    }
                                }
                            }
                        }
                    }
                }
            }
            // Every element is set when no field failed; the array is discarded otherwise.
            initialized = errors.items.contains { $0 != nil } ? 0 : rowCount * width
        }
        if let (row, column) = errors.items.lazy.compactMap({ $0 }).first {
            let value = fields.string(row, column)
            if NumericField.readString(value) == .missing {
                throw .missingValue(file: fileName, line: fields.line(row), column: header[column])
            }
            throw .nonNumeric(file: fileName, line: fields.line(row), column: header[column], value: value)
        }
        return values
    }

    /// Reads the numbers of a row split at delimiters in one pass, each parsed where its field
    /// starts and checked to end at the delimiter or the row's end; `false` as soon as a field
    /// is anything else (spaces after it, a missing-value marker, text, a value beyond `Float`),
    /// for the field by field way to read the row again and name the error.
    ///
    /// - Parameter targets: For each column of the file, where it goes in the output row (-1: skipped).
    @inline(__always)
    static func readNumbers(
        of row: CSVRow, in bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, targets: UnsafeBufferPointer<Int>,
        into output: UnsafeMutablePointer<Float>
    ) -> Bool {
        guard row.fieldCount == targets.count, let base = bytes.baseAddress else { return false }
        let skipsTab = delimiter != 9
        let end = row.end
        var index = row.start
        for column in 0..<targets.count {
            while index < end, base[index] == 32 || (base[index] == 9 && skipsTab) { index += 1 }
            let target = targets[column]
            if target >= 0 {
                let (number, length) = DecimalParser.parse(prefixOf: base + index, count: end - index)
                index += length
                guard let number, index == end || base[index] == delimiter, length > 0,
                      abs(number) <= Double(Float.greatestFiniteMagnitude) else { return false }
                (output + target).initialize(to: Float(number))
            } else {
                while index < end, base[index] != delimiter { index += 1 }
            }
            index += 1  // the delimiter
        }
        return true
    }

    /// Whether `field` is spelled as a decimal number: only digits, signs, a point and exponent
    /// letters, so the whole field is the number. `Double(_:)` alone also takes hexadecimal
    /// (`0x10`) and stops at a NUL byte (`1\0.5` would read as 1).
    static func isDecimalNumeral(_ field: Substring) -> Bool {
        !field.isEmpty && field.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E || byte == 0x45 || byte == 0x65
        }
    }

    /// The indices of the columns named `names`, in that order.
    ///
    /// - Throws: ``DataError/missingColumn(file:column:header:)``, ``DataError/duplicateColumn(file:column:)``.
    public func columnIndices(_ names: [String]) throws(DataError) -> [Int] {
        try requireDistinctColumns()
        var indices = [Int]()
        for name in names { indices.append(try columnIndex(name)) }
        return indices
    }
}
