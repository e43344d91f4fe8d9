import FocalLoss
import FocalNumPy
import FocalTraining

/// A failure of a `focal` command that is the input's fault (a missing or malformed file, a wrong
/// dtype, a shape mismatch, a value out of range, data that cannot be trained on), as opposed to
/// a usage error in the command line itself (those are ArgumentParser `ValidationError`s, exit
/// status 64). Every command throws this one type.
///
/// ArgumentParser prints it on stderr, `Error: <description>`, and exits with status 1. The
/// ``description`` always starts with the option or file it concerns, for example
/// `--labels y.npy: value 7 at index 3 is not a class in 0..<5 nor the ignore index` or
/// `train.csv:14: column 'x3': 'abc' is not a finite number`.
struct CLIError: Error, CustomStringConvertible, Equatable {
    /// The whole message.
    let description: String

    /// An error with a message; line breaks are folded into spaces so it stays one line.
    init(_ message: String) {
        description = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// An error with a message kept exactly as given.
    ///
    /// The training commands (`train`, `evaluate`, `predict`, `demo`, `tune`) quote the training
    /// toolkit's messages this way, as they always have.
    init(verbatim message: String) {
        description = message
    }

    /// A data file's problem, in the toolkit's words: `train.csv:3: the row has 1 fields, the header has 2`.
    init(_ error: DataError) {
        description = error.commandLineDescription
    }

    /// A data file's problem as `command` explains it, naming only options `command` takes.
    init(_ error: DataError, command: CommandName) {
        description = error.commandLineDescription(for: command)
    }

    /// A model file's problem, in the toolkit's words: `m.json: the model file is empty`.
    init(_ error: ModelFileError) {
        description = error.description
    }

    /// A training failure, in the toolkit's words.
    init(_ error: TrainingError) {
        description = error.commandLineDescription
    }

    /// An error about an option's value: `--gamma: value -1 must be >= 0`.
    init(option: String, _ problem: String) {
        self.init("\(option): \(problem)")
    }

    /// A NumPy read or write failure of the file given to `option`.
    ///
    /// `NumPyError` already names the file, so the message becomes `--x X.npy: truncated: ...`.
    init(option: String, _ error: NumPyError) {
        self.init("\(option) \(error.path): \(error.reason)")
    }

    /// A kernel's complaint, with the kernel's argument name (`labels`, `targets`, `alpha[2]`, ...)
    /// replaced by the option and file it came from, as `subjects` maps them.
    ///
    /// - Parameters:
    ///   - error: The error the loss threw.
    ///   - subjects: For each kernel argument name, how to call it on the command line, such as
    ///     `"labels": "--labels y.npy"`. Names not in the map are kept as they are.
    init(_ error: FocalLossError, subjects: [String: String]) {
        func subject(_ argument: String) -> String {
            if let mapped = subjects[argument] { return mapped }
            // `alpha[2]` → `--alpha (entry 2)`.
            if let bracket = argument.firstIndex(of: "["), let base = subjects[String(argument[..<bracket])] {
                let index = argument[argument.index(after: bracket)...].dropLast()
                return "\(base) (entry \(index))"
            }
            return argument
        }
        switch error {
        case .emptyInput(let argument):
            self.init("\(subject(argument)): is empty; at least one element is needed")
        case .countMismatch(let argument, let count, let expected):
            self.init("\(subject(argument)): has \(count) values, expected \(expected)")
        case .shapeMismatch(let argument, let shape, let expected):
            self.init("\(subject(argument)): has shape \(shapeText(shape)), expected \(shapeText(expected))")
        case .invalidShape(let argument, let shape, let reason):
            self.init("\(subject(argument)): shape \(shapeText(shape)) \(reason)")
        case .invalidParameter(let name, let value, let requirement):
            self.init("\(subject(name)): value \(messageNumber(value)) \(requirement)")
        case .invalidElement(let argument, let value, let location, let requirement):
            self.init("\(subject(argument)): value \(messageNumber(value)) at \(location) \(requirement)")
        case .labelOutOfRange(let label, let classCount, let location):
            self.init("\(subject("labels")): value \(label) at \(location) is not a class in 0..<\(classCount) nor the ignore index")
        }
    }
}
