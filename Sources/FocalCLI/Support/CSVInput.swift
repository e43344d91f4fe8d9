import FocalTraining
import Foundation

/// The CSV inputs of `train`, `evaluate`, `predict`, `demo --data` and `tune`: a file, or `-` for
/// standard input, read whole and named `stdin` in messages (``CSVReadingOptions`` reads them).
enum CSVInput {
    /// The argument that names standard input.
    static let standardInputArgument = "-"

    /// How messages name standard input.
    static let standardInputName = "stdin"

    /// How messages name the input `path`: the path, or `stdin` for `-`.
    static func displayName(_ path: String) -> String {
        path == standardInputArgument ? standardInputName : path
    }
}
