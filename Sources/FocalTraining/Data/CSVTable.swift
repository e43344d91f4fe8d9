import Dispatch
import Foundation
import SwiftCSV

/// The fields of a CSV file with a header, parsed by SwiftCSV, each row with its line number.
///
/// Quoted fields (with commas, doubled quotes or line breaks inside) are accepted. Line numbers
/// are physical lines of the file, the header being line 1: a quoted field that spans three
/// lines moves every later row down by two. Blank lines are skipped (they still count as lines).
/// A UTF-8 byte-order mark is dropped. Spaces before a field are dropped, as SwiftCSV does.
public struct CSVTable: Sendable, Hashable {
    /// The name used for the file in error messages (its path as given).
    public let fileName: String
    /// The header fields.
    public let header: [String]
    /// The data rows, each with as many fields as it has in the file (not padded).
    public let rows: [[String]]
    /// The line on which each data row starts (the header is line 1).
    public let lineNumbers: [Int]

    /// Reads and parses a CSV file.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - fileName: The name to use in error messages (default: the file's path).
    /// - Throws: ``DataError/unreadable(file:reason:)``, ``DataError/emptyFile(file:)``,
    ///   ``DataError/noRows(file:)``, ``DataError/malformed(file:line:reason:)``.
    public init(contentsOf url: URL, fileName: String? = nil) throws(DataError) {
        let name = fileName ?? url.path
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: name, reason: Self.reason(error))
        }
        try self.init(data: data, fileName: name)
    }

    /// Parses the bytes of a CSV file (UTF-8), read from a file, a pipe or memory.
    ///
    /// - Parameters:
    ///   - data: The whole file.
    ///   - fileName: The name to use in error messages.
    /// - Throws: ``DataError/unreadable(file:reason:)`` for bytes that are not UTF-8 (naming the
    ///   line, column and byte), and the errors of ``init(text:fileName:)``.
    public init(data: Data, fileName: String) throws(DataError) {
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(file: fileName, reason: Self.invalidUTF8Reason(data))
        }
        try self.init(text: text, fileName: fileName)
    }

    /// Parses CSV text.
    ///
    /// - Parameters:
    ///   - text: The whole file.
    ///   - fileName: The name to use in error messages.
    /// - Throws: ``DataError/emptyFile(file:)``, ``DataError/noRows(file:)``,
    ///   ``DataError/malformed(file:line:reason:)``.
    public init(text: String, fileName: String) throws(DataError) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // SwiftCSV drops an empty last field when the text does not end with a line break.
        if let last = text.last, !last.isNewline { text.append("\n") }
        let parsed = try Self.parse(text, fileName: fileName, pieces: Self.pieceCount(for: text))
        guard let header = parsed.rows.first, header.contains(where: { !$0.isEmpty }) else {
            throw .emptyFile(file: fileName)
        }
        guard parsed.rows.count > 1 else { throw .noRows(file: fileName) }
        self.fileName = fileName
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.rows = Array(parsed.rows.dropFirst())
        self.lineNumbers = Array(parsed.lines.dropFirst())
    }

    /// How many pieces to parse at once: one per processor for texts of a few MB and more.
    static func pieceCount(for text: String) -> Int {
        text.utf8.count < (4 << 20) ? 1 : min(8, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// The rows (blank lines dropped) and the line each starts on.
    ///
    /// Large texts are cut into `pieces` at line breaks outside quotes (found by counting quote
    /// characters) and the pieces parsed by SwiftCSV on separate threads; each piece's line numbers
    /// are then shifted by the lines of the pieces before it, so the result is the one the whole
    /// text gives. If any piece fails, the whole text is parsed again in one piece, so an error is
    /// reported exactly as a sequential parse reports it.
    static func parse(_ text: String, fileName: String, pieces: Int) throws(DataError) -> (rows: [[String]], lines: [Int]) {
        let cuts = pieces > 1 ? recordBoundaries(text, pieces: pieces) : []
        if cuts.isEmpty { return try parsePiece(text, fileName: fileName).get() }
        var bounds = [text.utf8.startIndex] + cuts.map { text.utf8.index(text.utf8.startIndex, offsetBy: $0) }
        bounds.append(text.utf8.endIndex)
        let parts = (0..<(bounds.count - 1)).map { String(text[bounds[$0]..<bounds[$0 + 1]]) }
        final class Results: @unchecked Sendable {
            var items: [Result<(rows: [[String]], lines: [Int], lineCount: Int), DataError>?]
            init(_ count: Int) { items = Array(repeating: nil, count: count) }
        }
        let results = Results(parts.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: parts.count) { index in
            let result = Result { () throws(DataError) in try parsePieceCounting(parts[index], fileName: fileName) }
            lock.lock()
            results.items[index] = result
            lock.unlock()
        }
        var rows: [[String]] = []
        var lines: [Int] = []
        var offset = 0
        for item in results.items {
            guard case .success(let piece)? = item else { return try parsePiece(text, fileName: fileName).get() }
            rows.append(contentsOf: piece.rows)
            lines.append(contentsOf: piece.lines.map { $0 + offset })
            offset += piece.lineCount
        }
        return (rows, lines)
    }

    /// Where the first byte that is not UTF-8 text stands, as "line L, column C (byte 0xE9): the
    /// file is not UTF-8 text" (lines and columns count from 1; the column counts bytes).
    static func invalidUTF8Reason(_ data: Data) -> String {
        var line = 1, lineStart = 0, offset = 0
        var decoder = UTF8()
        var bytes = data.makeIterator()
        while true {
            switch decoder.decode(&bytes) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" { line += 1; lineStart = offset }
            case .emptyInput:
                return "the file is not UTF-8 text"
            case .error:
                let byte = data[data.index(data.startIndex, offsetBy: offset)]
                return "line \(line), column \(offset - lineStart + 1) (byte 0x\(String(byte, radix: 16, uppercase: true))): "
                    + "the file is not UTF-8 text (save it as UTF-8)"
            }
        }
    }

    /// UTF-8 offsets just after line feeds outside quotes, near `1/pieces`, `2/pieces`, ... of the text.
    static func recordBoundaries(_ text: String, pieces: Int) -> [Int] {
        var cuts: [Int] = []
        let count = text.utf8.count
        var inQuotes = false
        var offset = 0
        var next = count / pieces
        for byte in text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == 10, !inQuotes, offset >= next, offset < count {
                cuts.append(offset)
                next = count * (cuts.count + 1) / pieces
                if cuts.count == pieces - 1 { break }
            }
        }
        return cuts
    }

    private static func parsePiece(_ text: String, fileName: String) -> Result<(rows: [[String]], lines: [Int]), DataError> {
        Result { () throws(DataError) in
            let piece = try parsePieceCounting(text, fileName: fileName)
            return (piece.rows, piece.lines)
        }
    }

    /// Parses one piece with SwiftCSV: its rows, their lines counted from 1, and the lines it spans.
    private static func parsePieceCounting(_ text: String, fileName: String) throws(DataError) -> (rows: [[String]], lines: [Int], lineCount: Int) {
        final class Collector: @unchecked Sendable {
            var rows: [[String]] = []
            var lines: [Int] = []
            var nextLine = 1
        }
        let collector = Collector()
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
            try csv.enumerateAsArray(startAt: 0, rowLimit: nil) { fields in
                let line = collector.nextLine
                var span = 1
                // A quoted field with line breaks inside spans several lines (a byte scan first:
                // walking Characters is slow and almost no field holds a break).
                for field in fields where field.utf8.contains(where: { $0 == 10 || $0 == 13 }) {
                    span += field.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
                }
                collector.nextLine += span
                if fields.count == 1, fields[0].isEmpty { return }  // a blank line
                collector.rows.append(fields)
                collector.lines.append(line)
            }
        } catch {
            let reason: String
            switch error as? CSVParseError {
            case .quotation(let message)?: reason = "bad quoting (\(message))"
            case .generic(let message)?: reason = message
            case nil: reason = Self.reason(error)
            }
            throw .malformed(file: fileName, line: collector.nextLine, reason: reason)
        }
        return (collector.rows, collector.lines, collector.nextLine - 1)
    }
    /// The index of the column named `name`, or the error naming the columns there are.
    func columnIndex(_ name: String) throws(DataError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw .missingColumn(file: fileName, column: name, header: header)
        }
        return index
    }

    /// Throws when two header fields have the same name.
    func requireDistinctColumns() throws(DataError) {
        var seen = Set<String>()
        for name in header where !seen.insert(name).inserted {
            throw .duplicateColumn(file: fileName, column: name)
        }
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError,
           let code = POSIXErrorCode(rawValue: Int32(underlying.code)) {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}
