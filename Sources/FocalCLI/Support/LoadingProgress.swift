import FocalTraining
import Foundation

/// Shows on standard error how far loading a CSV file has got (bytes read, then bytes parsed and
/// rows), redrawn in place at most ten times a second, the line cleared at the end. For a
/// terminal only: piped or logged standard error gets nothing.
final class LoadingProgress: @unchecked Sendable {
    private let name: String
    private let write: @Sendable (String) -> Void
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(name: String, write: @escaping @Sendable (String) -> Void = { TrainingTerminal.writeError($0) }) {
        self.name = name
        self.write = write
    }

    /// Redraws the line (called from the reader's threads).
    func handle(_ progress: CSVReadingProgress) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = now
        drawn = true
        write("\r\u{1B}[2K" + Self.line(name, progress))
    }

    /// Clears the line, if one was drawn.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { write("\r\u{1B}[2K") }
    }

    /// `loading d.csv: read 12.0/118.2 MB`, then `loading d.csv: parsed 60.1/118.2 MB, 101,532 rows`.
    static func line(_ name: String, _ progress: CSVReadingProgress) -> String {
        func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1e6) }
        let total = megabytes(progress.totalBytes)
        switch progress.stage {
        case .reading:
            return "loading \(name): read \(megabytes(progress.bytes))/\(total) MB"
        case .parsing:
            return "loading \(name): parsed \(megabytes(progress.bytes))/\(total) MB, \(progress.rows) rows"
        }
    }
}
