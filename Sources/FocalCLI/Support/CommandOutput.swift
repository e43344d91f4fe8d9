import Foundation

/// What a command produced, so that tests can check it without capturing the process's stdout.
struct CommandOutput: Equatable {
    /// The text for standard output, ending in a newline unless empty.
    var standardOutput: String = ""
    /// The files written, in the order written, as the user named them.
    var writtenFiles: [String] = []

    /// Whether a file written is standard output (`-`): the text then goes to standard error.
    var wroteStandardOutput: Bool { writtenFiles.contains("-") }

    /// Prints ``standardOutput`` as is: on stdout, or on stderr when an output went to stdout.
    func print() {
        guard !standardOutput.isEmpty else { return }
        if wroteStandardOutput {
            FileHandle.standardError.write(Data(standardOutput.utf8))
        } else {
            Swift.print(standardOutput, terminator: "")
        }
    }
}
