import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing to the standard streams.
enum TrainingTerminal {
    /// Whether standard error is a terminal (then progress is a bar redrawn in place).
    static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Writes `text` to standard error as is.
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes `text` to standard output as is.
    static func writeOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
