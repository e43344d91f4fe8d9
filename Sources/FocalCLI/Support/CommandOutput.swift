/// What a command produced, so that tests can check it without capturing the process's stdout.
struct CommandOutput: Equatable {
    /// The text for standard output, ending in a newline unless empty.
    var standardOutput: String = ""
    /// The files written, in the order written, as the user named them.
    var writtenFiles: [String] = []

    /// Prints ``standardOutput`` as is.
    func print() {
        if !standardOutput.isEmpty { Swift.print(standardOutput, terminator: "") }
    }
}
