import ArgumentParser
import FocalTraining
import Foundation

/// The options of the commands that read CSV data (`train`, `evaluate`, `predict`, `demo`,
/// `tune`) on how to read it: `--delimiter`, `--ignore-columns`, `--id-column`;
/// `@OptionGroup var reading: CSVReadingOptions`.
struct CSVReadingOptions: ParsableArguments {
    /// The delimiter; `nil` detects it from the header line.
    @Option(help: ArgumentHelp(
        "The CSV field delimiter: ',', ';', tab or '|' (default: the most frequent of these on the header line; ',' on a tie).",
        valueName: "delimiter"))
    var delimiter: CSVDelimiter?

    /// The columns that are not features, as given (each value comma-separated).
    @Option(help: ArgumentHelp(
        "Columns that are not features, comma-separated (the option can be repeated).", valueName: "col1,col2"))
    var ignoreColumns: [String] = []

    /// The column that identifies the rows.
    @Option(help: ArgumentHelp(
        "A column that identifies the rows, read as text: not a feature (predict writes it first in its output).",
        valueName: "COL"))
    var idColumn: String?

    func validate() throws {
        _ = try Self.columnNames(ignoreColumns, option: "--ignore-columns")
        if let idColumn, idColumn.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--id-column: the column name is empty")
        }
    }

    /// The columns of the data that are not features, and the named features (`nil`: every
    /// other column) of a command that takes `--feature-columns`.
    func columns(features: [String]? = nil) -> ColumnSelection {
        // `validate()` has checked the names.
        ColumnSelection(
            ignoring: (try? Self.columnNames(ignoreColumns, option: "--ignore-columns")) ?? [],
            featureColumns: features, idColumn: idColumn?.trimmingCharacters(in: .whitespaces))
    }

    /// The column names of a list option: each value split at commas, the names trimmed as the
    /// header's are.
    ///
    /// - Throws: A `ValidationError` naming `option` for an empty name.
    static func columnNames(_ values: [String], option: String) throws -> [String] {
        try values.flatMap { value in
            try value.split(separator: ",", omittingEmptySubsequences: false).map { name in
                let trimmed = name.trimmingCharacters(in: .whitespaces)
                guard !trimmed.isEmpty else { throw ValidationError("\(option): an empty column name in '\(value)'") }
                return trimmed
            }
        }
    }

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
