import Foundation

/// How far reading a CSV file has got: reported to the `progress` handler of
/// ``CSVTable/init(contentsOf:fileName:delimiter:progress:)`` as the file is read and parsed.
public struct CSVReadingProgress: Sendable, Hashable {
    /// What the reader is doing.
    public enum Stage: Sendable, Hashable {
        /// Reading the file's bytes into memory.
        case reading
        /// Splitting the bytes into rows and fields.
        case parsing
    }

    /// What the reader is doing.
    public var stage: Stage
    /// The bytes read (``Stage/reading``) or parsed (``Stage/parsing``) so far.
    public var bytes: Int
    /// The size of the file.
    public var totalBytes: Int
    /// The rows found so far (the header included, blank lines not; 0 while reading).
    public var rows: Int

    /// A progress report (for a display's tests; the reader makes its own).
    public init(stage: Stage, bytes: Int, totalBytes: Int, rows: Int) {
        self.stage = stage
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.rows = rows
    }
}

/// Sums the progress of the threads that parse pieces of a file and passes it on.
final class ProgressCounter: @unchecked Sendable {
    /// Bytes between two reports of one thread.
    static let step = 4 << 20

    private let lock = NSLock()
    private var bytes = 0
    private var rows = 0
    private let totalBytes: Int
    private let handler: @Sendable (CSVReadingProgress) -> Void

    init(totalBytes: Int, handler: @escaping @Sendable (CSVReadingProgress) -> Void) {
        self.totalBytes = totalBytes
        self.handler = handler
    }

    /// Reports bytes read into memory.
    func read(_ count: Int) {
        handler(CSVReadingProgress(stage: .reading, bytes: count, totalBytes: totalBytes, rows: 0))
    }

    /// Adds bytes and rows parsed by one thread and reports the sums.
    func parsed(bytes newBytes: Int, rows newRows: Int) {
        lock.lock()
        bytes += newBytes
        rows += newRows
        // A line break added after a last line without one is not in the file.
        let progress = CSVReadingProgress(stage: .parsing, bytes: min(bytes, totalBytes), totalBytes: totalBytes, rows: rows)
        lock.unlock()
        handler(progress)
    }
}
