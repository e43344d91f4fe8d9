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
        let pieces = rowCount * width < 200_000 ? 1 : min(8, ProcessInfo.processInfo.activeProcessorCount)
        let imputes = missingValues == .imputeTrainingMean
        final class FirstErrors: @unchecked Sendable {
            var items: [(row: Int, column: Int)?]
            init(_ count: Int) { items = Array(repeating: nil, count: count) }
        }
        let errors = FirstErrors(pieces)
        let lock = NSLock()
        let fields = self.fields
        let values = [Float](unsafeUninitializedCapacity: rowCount * width) { output, initialized in
            fields.bytes.withUnsafeBufferPointer { bytes in
                fields.spans.withUnsafeBufferPointer { spans in
                    fields.rowStarts[fields.firstRow...].withUnsafeBufferPointer { rowStarts in
                        // Read only, but `output`: each piece writes its own rows.
                        nonisolated(unsafe) let (bytes, spans, rowStarts, output) = (bytes, spans, rowStarts, output)
                        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                            let rows = (rowCount * piece / pieces)..<(rowCount * (piece + 1) / pieces)
                            for row in rows {
                                let first = rowStarts[row]
                                for position in 0..<width {
                                    let span = spans[first + columns[position]]
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
                                    (output.baseAddress! + row * width + position).initialize(to: value)
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
