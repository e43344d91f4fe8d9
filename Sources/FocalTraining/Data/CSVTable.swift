import Foundation

/// The fields of a CSV file with a header, each row with its line number, read from the file's
/// bytes.
///
/// Quoted fields (with delimiters, doubled quotes or line breaks inside) are accepted. Line
/// numbers are physical lines of the file, the header being line 1: a quoted field that spans
/// three lines moves every later row down by two. Blank lines are skipped (they still count as
/// lines). A UTF-8 byte-order mark is dropped. Spaces before a field are dropped.
///
/// The fields stay bytes until asked for: ``Dataset`` reads its numbers straight from them,
/// correctly rounded as `Double(String)` reads them. Large files are read in pieces on several
/// threads.
public struct CSVTable: Sendable, Hashable {
    /// The name used for the file in error messages (its path as given).
    public let fileName: String
    /// The header fields.
    public let header: [String]
    /// The delimiter the fields are split at (given, or detected from the header line).
    public let delimiter: CSVDelimiter
    /// The data rows' fields.
    let fields: CSVFields

    /// The data rows, each with as many fields as it has in the file (not padded).
    ///
    /// Every field becomes a `String`: for large tables, ``rowCount`` and ``field(row:column:)``
    /// are cheaper.
    public var rows: [[String]] { (0..<fields.rowCount).map(fields.strings) }
    /// The line on which each data row starts (the header is line 1).
    public var lineNumbers: [Int] { fields.lines }
    /// The number of data rows.
    public var rowCount: Int { fields.rowCount }

    /// The text of one field of a data row (`column` below the row's field count).
    public func field(row: Int, column: Int) -> String { fields.string(row, column) }

    /// The number of fields of a data row.
    public func fieldCount(row: Int) -> Int { fields.fieldCount(row) }

    /// Reads and parses a CSV file.
    ///
    /// - Parameters:
    ///   - url: The file.
    ///   - fileName: The name to use in error messages (default: the file's path).
    ///   - delimiter: The delimiter; `nil` (the default) detects it from the header line
    ///     (see ``CSVDelimiter``).
    ///   - progress: Told every few MB how far reading and parsing have got (from any thread; a
    ///     regular file only). `nil` by default.
    /// - Throws: ``DataError/unreadable(file:reason:)``, ``DataError/emptyFile(file:)``,
    ///   ``DataError/noRows(file:)``, ``DataError/malformed(file:line:reason:)``,
    ///   ``DataError/singleColumn(file:header:delimiter:suggested:)``.
    public init(
        contentsOf url: URL, fileName: String? = nil, delimiter: CSVDelimiter? = nil,
        progress: (@Sendable (CSVReadingProgress) -> Void)? = nil
    ) throws(DataError) {
        let name = fileName ?? url.path
        if let (bytes, counter) = Self.readRegularFile(url.path, progress: progress) {
            try self.init(checking: bytes, fileName: name, delimiter: delimiter, progress: counter)
            return
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: name, reason: Self.reason(error))
        }
        try self.init(data: data, fileName: name, delimiter: delimiter)
    }

    /// The bytes of a regular file, read in one piece; `nil` for
    /// anything else (a pipe, a missing file: `Data` then reads it or names the error).
    private static func readRegularFile(
        _ path: String, progress: (@Sendable (CSVReadingProgress) -> Void)?
    ) -> ([UInt8], ProgressCounter?)? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(status.st_size)
        let counter = progress.map { ProgressCounter(totalBytes: size, handler: $0) }
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            if let start = buffer.baseAddress { HugePages.advise(start, count: size) }
            while initialized < size {
                let read = Foundation.read(descriptor, buffer.baseAddress! + initialized, min(size - initialized, ProgressCounter.step))
                if read <= 0 { complete = read == 0 && initialized == size; break }
                initialized += read
                counter?.read(initialized)
            }
            if initialized != size { complete = false }
        }
        return complete ? (bytes, counter) : nil
    }

    /// Parses the bytes of a CSV file (UTF-8), read from a file, a pipe or memory.
    ///
    /// - Parameters:
    ///   - data: The whole file.
    ///   - fileName: The name to use in error messages.
    ///   - delimiter: The delimiter; `nil` (the default) detects it from the header line.
    /// - Throws: ``DataError/unreadable(file:reason:)`` for bytes that are not UTF-8 (naming the
    ///   line, column and byte), and the errors of ``init(text:fileName:delimiter:)``.
    public init(data: Data, fileName: String, delimiter: CSVDelimiter? = nil) throws(DataError) {
        try self.init(checking: [UInt8](data), fileName: fileName, delimiter: delimiter)
    }

    /// Checks that the bytes of a file are UTF-8, drops a byte-order mark and parses them.
    private init(checking bytes: [UInt8], fileName: String, delimiter: CSVDelimiter?, progress: ProgressCounter? = nil) throws(DataError) {
        var bytes = bytes
        let isPlainASCII = bytes.withUnsafeBufferPointer(CSVTextCheck.isPlainASCII)
        if !isPlainASCII, bytes.withUnsafeBufferPointer(CSVTextCheck.hasNonASCII), String(validating: bytes, as: UTF8.self) == nil {
            throw .unreadable(file: fileName, reason: Self.invalidUTF8Reason(Data(bytes)))
        }
        // Decoding the data as UTF-8 text used to drop a byte-order mark before the reader dropped one.
        if Self.hasByteOrderMark(bytes) { bytes.removeFirst(3) }
        try self.init(bytes: bytes, fileName: fileName, delimiter: delimiter, progress: progress, isPlainASCII: isPlainASCII)
    }

    /// Parses CSV text.
    ///
    /// - Parameters:
    ///   - text: The whole file.
    ///   - fileName: The name to use in error messages.
    ///   - delimiter: The delimiter; `nil` (the default) detects it from the header line.
    /// - Throws: ``DataError/emptyFile(file:)``, ``DataError/noRows(file:)``,
    ///   ``DataError/malformed(file:line:reason:)``,
    ///   ``DataError/singleColumn(file:header:delimiter:suggested:)``.
    public init(text: String, fileName: String, delimiter: CSVDelimiter? = nil) throws(DataError) {
        try self.init(bytes: Array(text.utf8), fileName: fileName, delimiter: delimiter)
    }

    /// Parses UTF-8 bytes (already checked).
    ///
    /// - Parameter isPlainASCII: Whether the bytes are known to be ASCII without a vertical tab or
    ///   form feed (``CSVTextCheck/isPlainASCII(_:)``), so that parsing need not look again.
    init(
        bytes: [UInt8], fileName: String, delimiter: CSVDelimiter?, progress: ProgressCounter? = nil, isPlainASCII: Bool = false
    ) throws(DataError) {
        var bytes = bytes
        // The reader before this one dropped a byte-order mark, then SwiftCSV dropped another.
        for _ in 0..<2 where Self.hasByteOrderMark(bytes) { bytes.removeFirst(3) }
        let delimiter = delimiter ?? bytes.withUnsafeBufferPointer(CSVDelimiter.detected)
        let parsed = try Self.parse(
            bytes, fileName: fileName, delimiter: delimiter, endsWithLineBreak: true, progress: progress, isPlainASCII: isPlainASCII)
        guard parsed.rowCount > 0, (0..<parsed.fieldCount(0)).contains(where: { parsed.span(0, $0).length > 0 }) else {
            throw .emptyFile(file: fileName)
        }
        let header = parsed.strings(0)
        if header.count == 1, let suggested = CSVDelimiter.allCases.first(where: { $0 != delimiter && header[0].utf8.contains($0.byte) }) {
            throw .singleColumn(file: fileName, header: header[0], delimiter: delimiter, suggested: suggested)
        }
        guard parsed.rowCount > 1 else { throw .noRows(file: fileName) }
        self.fileName = fileName
        self.delimiter = delimiter
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        self.fields = parsed.dropping(rows: 1)
    }

    /// Whether `bytes` start with the UTF-8 byte-order mark.
    private static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// How many pieces to parse at once: one per processor the process may run on (see
    /// ``ReaderThreads``) for texts of a MB and more.
    static func pieceCount(byteCount: Int) -> Int {
        byteCount < (1 << 20) ? 1 : ReaderThreads.count
    }

    /// The rows (blank lines dropped) and the line each starts on: by bytes
    /// (``ByteCSVScanner``, in pieces on several threads), or by characters for the rare texts
    /// that need it (``CSVTextCheck``).
    ///
    /// - Parameters:
    ///   - endsWithLineBreak: Whether to end a text whose last character is no line break with
    ///     one (a last empty field is then kept).
    ///   - isPlainASCII: Whether the bytes are known to be ASCII without a vertical tab or form
    ///     feed (they are then read by bytes without a look for characters).
    static func parse(
        _ bytes: [UInt8], fileName: String, delimiter: CSVDelimiter, endsWithLineBreak: Bool, pieces: Int? = nil,
        progress: ProgressCounter? = nil, isPlainASCII: Bool = false
    ) throws(DataError) -> CSVFields {
        do {
            if isPlainASCII || !bytes.withUnsafeBufferPointer({ CSVTextCheck.needsCharacters($0, delimiter: delimiter.byte) }) {
                var bytes = bytes
                if endsWithLineBreak, let last = bytes.last, last != 10, last != 13 { bytes.append(10) }
                do {
                    return try RowSplitter.read(
                        bytes, delimiter: delimiter.byte, pieces: pieces ?? pieceCount(byteCount: bytes.count), progress: progress)
                } catch .needsCharacters {}
            }
            var text = String(decoding: bytes, as: UTF8.self)
            if endsWithLineBreak, let last = text.last, !last.isNewline { text.append("\n") }
            let read = try CharacterCSVReader.read(text, delimiter: Character(delimiter.rawValue))
            return CSVFields(rows: read.rows, lines: read.lines)
        } catch {
            switch error {
            case .malformed(let line, let reason): throw .malformed(file: fileName, line: line, reason: reason)
            case .needsCharacters: fatalError("the character reader reads every text")
            }
        }
    }

    /// The rows and line numbers of `text` read in `pieces` pieces, as they are (one byte-order
    /// mark dropped, as SwiftCSV did; no line break added), comma-separated.
    static func parse(_ text: String, fileName: String, pieces: Int) throws(DataError) -> (rows: [[String]], lines: [Int]) {
        var bytes = Array(text.utf8)
        if hasByteOrderMark(bytes) { bytes.removeFirst(3) }
        let parsed = try parse(bytes, fileName: fileName, delimiter: .comma, endsWithLineBreak: false, pieces: pieces)
        return ((0..<parsed.rowCount).map(parsed.strings), parsed.lines)
    }

    /// UTF-8 offsets just after line feeds outside quotes, near `1/pieces`, `2/pieces`, ... of the text.
    static func recordBoundaries(_ text: String, pieces: Int) -> [Int] {
        Array(text.utf8).withUnsafeBufferPointer { RowSplitter.cuts($0, pieces: pieces) }
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

    public static func == (lhs: CSVTable, rhs: CSVTable) -> Bool {
        lhs.fileName == rhs.fileName && lhs.header == rhs.header && lhs.delimiter == rhs.delimiter
            && lhs.lineNumbers == rhs.lineNumbers && lhs.rows == rhs.rows
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fileName)
        hasher.combine(header)
        hasher.combine(delimiter)
        hasher.combine(lineNumbers)
    }
}
