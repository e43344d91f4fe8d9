import ArgumentParser
import FocalTraining
import Foundation

/// The `--delimiter` option of the commands that read CSV data (`train`, `evaluate`, `predict`,
/// `demo`, `tune`): `@OptionGroup var reading: CSVReadingOptions`.
struct CSVReadingOptions: ParsableArguments {
    /// The delimiter; `nil` detects it from the header line.
    @Option(help: ArgumentHelp(
        "The CSV field delimiter: ',', ';', tab or '|' (default: the most frequent of these on the header line; ',' on a tie).",
        valueName: "delimiter"))
    var delimiter: CSVDelimiter?

    /// Reads a CSV file (`-`: all of standard input, named `stdin`) with the delimiter given, or detected; with `showsProgress`, a loading
    /// line on standard error when it is a terminal (``LoadingProgress``).
    func table(path: String, showsProgress: Bool = false) throws(DataError) -> CSVTable {
        try Self.table(path: path, delimiter: delimiter, showsProgress: showsProgress)
    }

    /// Reads a CSV file with `delimiter` (`nil`: detected), showing progress as ``table(path:showsProgress:)``.
    static func table(path: String, delimiter: CSVDelimiter?, showsProgress: Bool) throws(DataError) -> CSVTable {
        if path == CSVInput.standardInputArgument {
            return try CSVTable(data: StandardInput.readAll(), fileName: CSVInput.standardInputName, delimiter: delimiter)
        }
        let url = URL(fileURLWithPath: path)
        guard showsProgress, TrainingTerminal.standardErrorIsTerminal else {
            return try CSVTable(contentsOf: url, fileName: path, delimiter: delimiter)
        }
        let display = LoadingProgress(name: path)
        defer { display.finish() }
        return try CSVTable(contentsOf: url, fileName: path, delimiter: delimiter, progress: { display.handle($0) })
    }
}

extension CSVDelimiter: ExpressibleByArgument {
    /// `,` `;` `|`, `tab` (or a tab character), or the names `comma`, `semicolon`, `pipe`.
    public init?(argument: String) {
        switch argument {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "\t", "tab", "\\t": self = .tab
        case "|", "pipe": self = .pipe
        default: return nil
        }
    }

    public static var allValueStrings: [String] { [",", ";", "tab", "|"] }

    /// The option value as a shell takes it: `','`, `';'`, `tab`, `'|'`.
    var commandLineSpelling: String { self == .tab ? "tab" : "'\(rawValue)'" }
}
