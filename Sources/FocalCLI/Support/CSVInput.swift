import FocalTraining
import Foundation

/// The CSV inputs of `train`, `evaluate`, `predict`, `demo --data` and `tune`: a file, or `-` for
/// standard input, read whole and named `stdin` in messages.
enum CSVInput {
    /// The argument that names standard input.
    static let standardInputArgument = "-"

    /// How messages name standard input.
    static let standardInputName = "stdin"

    /// How messages name the input `path`: the path, or `stdin` for `-`.
    static func displayName(_ path: String) -> String {
        path == standardInputArgument ? standardInputName : path
    }

    /// Reads and parses the CSV input `path` (`-`: all of standard input).
    ///
    /// - Throws: ``DataError`` naming the file (or `stdin`).
    static func table(_ path: String) throws(DataError) -> CSVTable {
        if path == standardInputArgument {
            return try CSVTable(data: StandardInput.readAll(), fileName: standardInputName)
        }
        return try CSVTable(contentsOf: URL(fileURLWithPath: path), fileName: path)
    }
}
