import Dispatch
import Foundation

/// Reads a CSV text in pieces on several threads: the pieces are cut just after line feeds
/// outside quotes, so each starts a row; the rows come back in file order with the line numbers
/// of a reading in one piece.
enum RowSplitter {
    /// Offsets just after line feeds outside quotes, near `1/pieces`, `2/pieces`, ... of the text
    /// (quotes are counted: a doubled quote flips the state twice).
    static func cuts(_ bytes: UnsafeBufferPointer<UInt8>, pieces: Int) -> [Int] {
        guard pieces > 1 else { return [] }
        var cuts: [Int] = []
        let count = bytes.count
        var inQuotes = false
        var next = count / pieces
        var index = 0
        let quotes = ByteWord.repeated(UInt8(ascii: "\"")), lineFeeds = ByteWord.repeated(10)
        while index < count {
            // Words without a quote, or without a quote and a line feed once past the next cut, are skipped whole.
            if index + 8 <= count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if !ByteWord.hasZeroByte(word ^ quotes), inQuotes || index + 8 < next || !ByteWord.hasZeroByte(word ^ lineFeeds) {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == 10, !inQuotes, index >= next, index < count {
                cuts.append(index)
                next = count * (cuts.count + 1) / pieces
                if cuts.count == pieces - 1 { break }
            }
        }
        return cuts
    }

    /// The rows of the whole text read in `pieces` pieces.
    ///
    /// If a piece fails, the whole text is read again in one piece, so an error names the line a
    /// reading in one piece names.
    ///
    /// - Throws: ``ByteScanStop``.
    static func read(_ bytes: [UInt8], delimiter: UInt8, pieces: Int, progress: ProgressCounter? = nil) throws(ByteScanStop) -> CSVFields {
        let result: Result<[CSVPiece], ByteScanStop> = bytes.withUnsafeBufferPointer { buffer in
            let bounds = [0] + cuts(buffer, pieces: pieces) + [buffer.count]
            let count = bounds.count - 1
            if count == 1 {
                return Result { () throws(ByteScanStop) in
                    [try RowScanner.scan(buffer, range: 0..<buffer.count, delimiter: delimiter, progress: progress)]
                }
            }
            final class Results: @unchecked Sendable {
                var items: [Result<CSVPiece, ByteScanStop>?]
                init(_ count: Int) { items = Array(repeating: nil, count: count) }
            }
            let results = Results(count)
            let lock = NSLock()
            nonisolated(unsafe) let shared = buffer  // read only
            DispatchQueue.concurrentPerform(iterations: count) { index in
                let result = Result { () throws(ByteScanStop) in
                    try RowScanner.scan(shared, range: bounds[index]..<bounds[index + 1], delimiter: delimiter, progress: progress)
                }
                lock.lock()
                results.items[index] = result
                lock.unlock()
            }
            var pieces: [CSVPiece] = []
            for item in results.items {
                switch item! {
                case .success(let piece): pieces.append(piece)
                case .failure(.needsCharacters): return .failure(.needsCharacters)
                case .failure:
                    return Result { () throws(ByteScanStop) in [try RowScanner.scan(buffer, range: 0..<buffer.count, delimiter: delimiter)] }
                }
            }
            return .success(pieces)
        }
        return merge(try result.get(), bytes: bytes, delimiter: delimiter)
    }

    /// The pieces' rows as one table, line numbers shifted by the lines of the pieces before.
    private static func merge(_ pieces: [CSVPiece], bytes: [UInt8], delimiter: UInt8) -> CSVFields {
        if pieces.count == 1 {
            return CSVFields(bytes: bytes, rows: pieces[0].rows, spans: pieces[0].spans, delimiter: delimiter)
        }
        var rows: [CSVRow] = []
        var spans: [FieldSpan] = []
        rows.reserveCapacity(pieces.reduce(0) { $0 + $1.rows.count })
        spans.reserveCapacity(pieces.reduce(0) { $0 + $1.spans.count })
        var lineOffset = 0
        for piece in pieces {
            let spanOffset = spans.count
            spans.append(contentsOf: piece.spans)
            rows.append(contentsOf: piece.rows.lazy.map { row in
                var row = row
                row.line += lineOffset
                if !row.isSplit { row.firstSpan += spanOffset }
                return row
            })
            lineOffset += piece.lineCount
        }
        return CSVFields(bytes: bytes, rows: rows, spans: spans, delimiter: delimiter)
    }
}
