import ArgumentParser
import Foundation

/// Standard input as an input file, spelt `-` on the command line.
enum StandardInput {
    /// All of standard input, read to its end.
    static func readAll() -> Data {
        FileHandle.standardInput.readDataToEndOfFile()
    }

    /// Refuses a command line that gives `-` (standard input) to more than one input: it can be
    /// read only once.
    ///
    /// - Parameter inputs: Each input's name on the command line (`MODEL`, `--data`) and its path.
    /// - Throws: A `ValidationError` naming the inputs.
    static func refuseSharing(_ inputs: [(name: String, path: String?)]) throws {
        let readers = inputs.filter { $0.path == "-" }.map(\.name)
        guard readers.count > 1 else { return }
        throw ValidationError("\(readers.joined(separator: " and ")) both read standard input ('-'); "
            + "it can be read only once: give at most one of them as '-'")
    }
}
