import FocalFileOutput
import Foundation

/// The outputs an option names (`--out`, `--gradient`, ...), written with the project's one
/// writer (FocalFileOutput): a file atomically, a symlink's target, a FIFO or device in place,
/// `-` to standard output.
enum OutputFileOption {
    /// Checks, before any work starts, that the output `path` of `option` can be written: its
    /// folder exists, and it is not a folder. `nil` and `-` (standard output) always pass.
    ///
    /// - Throws: ``CLIError`` `--out out/m.json: cannot write: the folder 'out' does not exist`.
    static func checkFolder(_ path: String?, option: String) throws(CLIError) {
        guard let path else { return }
        do {
            try OutputFile.checkFolder(of: OutputDestination(commandLineArgument: path))
        } catch {
            throw cliError(error, path: path, option: option)
        }
    }

    /// Writes `data` to the output `path` of `option` (`-`: standard output).
    ///
    /// - Throws: ``CLIError`` `--out plot.svg: cannot write: <system message>`; an existing file is
    ///   then unchanged.
    static func write(_ data: Data, to path: String, option: String) throws(CLIError) {
        do {
            try OutputFile.write(data, to: OutputDestination(commandLineArgument: path))
        } catch {
            throw cliError(error, path: path, option: option)
        }
    }

    /// Writes `text` as UTF-8 to the output `path` of `option`, as ``write(_:to:option:)-(Data,_,_)``.
    static func write(_ text: String, to path: String, option: String) throws(CLIError) {
        try write(Data(text.utf8), to: path, option: option)
    }

    /// The one-line message for a failed output: the option, the path and the reason.
    static func cliError(_ error: OutputFileError, path: String, option: String) -> CLIError {
        switch error.reason {
        case .isAFolder: return CLIError(option: "\(option) \(path)", "is a directory")
        case .system: return CLIError(option: "\(option) \(path)", error.reason.description)
        default: return CLIError(option: "\(option) \(path)", "cannot write: \(error.reason)")
        }
    }
}
