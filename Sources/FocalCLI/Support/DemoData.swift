import FocalTraining
import Foundation

/// The data set of `focal demo` and `focal tune`: a binary CSV file, its classes ordered so that
/// class 1 is the positive class of the metrics (the rarer one unless `--positive-class` names it).
struct DemoData {
    /// The rows, the positive class = 1.
    let dataset: Dataset
    /// The positive class and why.
    let positive: PositiveClass
    /// How the data set is named in the output (the file name, or the embedded set's name).
    let name: String
    /// The label column.
    let labelColumn: String

    /// The share of each class held out as the test split, in `demo` and `tune` alike (as the
    /// shared baselines: 70/30).
    static let testFraction = 0.3

    /// The name of the data set embedded in `focal` (see `Resources/PROVENANCE.md`).
    static let embeddedName = "mammography.csv"

    /// The embedded mammography data set (Woods et al. 1993; 11,183 rows, 260 positive).
    ///
    /// - Parameter positiveClass: How the positive class is chosen (default: the rarer, `1`).
    /// - Throws: ``CLIError`` when the resource is missing from the installation.
    static func embedded(
        positiveClass: PositiveClass.Choice = .rarer, columns: ColumnSelection = ColumnSelection()
    ) throws -> DemoData {
        guard let url = Bundle.module.url(forResource: "mammography", withExtension: "csv") else {
            throw CLIError(verbatim: "the embedded data set \(embeddedName) is missing from the installation (resource bundle not found)")
        }
        return try load(url: url, name: embeddedName, label: "label", positiveClass: positiveClass, columns: columns,
                        option: "data", command: .demo)
    }

    /// Loads the CSV file the user named (`-`: standard input, named `stdin`).
    ///
    /// - Parameters:
    ///   - path: The file, as given.
    ///   - label: The label column (default: the last column).
    ///   - positiveClass: How the positive class is chosen (default: the rarer class).
    ///   - delimiter: The CSV delimiter (default: detected from the header line).
    ///   - columns: Which columns are features (default: every column but the label).
    ///   - showsProgress: Whether to show loading progress on a terminal.
    ///   - option: How the file was given, for error messages (`--data` or `DATA`).
    ///   - command: The command loading it, whose options the messages name (default: `demo` for
    ///     `--data`, `tune` otherwise).
    /// - Throws: ``CLIError``, one line naming the file and the problem.
    static func load(
        path: String, label: String?, positiveClass: PositiveClass.Choice = .rarer, delimiter: CSVDelimiter? = nil,
        columns: ColumnSelection = ColumnSelection(),
        showsProgress: Bool = false, option: String, command: CommandName? = nil
    ) throws -> DemoData {
        try load(
            table: { () throws(DataError) in
                try CSVReadingOptions.table(path: path, delimiter: delimiter, showsProgress: showsProgress)
            },
            name: CSVInput.displayName(path), label: label, positiveClass: positiveClass, columns: columns, option: option,
            command: command ?? (option == "--data" ? .demo : .tune))
    }

    private static func load(
        url: URL, name: String, label: String?, positiveClass: PositiveClass.Choice, columns: ColumnSelection, option: String,
        command: CommandName
    ) throws -> DemoData {
        try load(table: { () throws(DataError) in try CSVTable(contentsOf: url, fileName: name) }, name: name,
                 label: label, positiveClass: positiveClass, columns: columns, option: option, command: command)
    }

    private static func load(
        table read: () throws(DataError) -> CSVTable, name: String, label: String?, positiveClass: PositiveClass.Choice,
        columns: ColumnSelection, option: String, command: CommandName
    ) throws -> DemoData {
        let table: CSVTable
        let dataset: Dataset
        do {
            table = try read()
            dataset = try Dataset(table: table, labelColumn: label, columns: columns)
        } catch {
            throw CLIError(verbatim: "\(option) \(error.commandLineDescription(for: command))")
        }
        guard dataset.isBinary else {
            throw CLIError(verbatim: "\(option) \(name): column '\(label ?? table.header.last ?? "")' has \(dataset.classCount) classes; "
                + "this command compares binary classifiers (a positive class against the other)")
        }
        let (ordered, positive) = try PositiveClassOption.order(dataset, by: positiveClass, command: command)
        return DemoData(dataset: ordered, positive: positive, name: name,
                        labelColumn: label ?? table.header[table.header.count - 1])
    }

    /// The positive class name.
    var positiveClass: String { dataset.classNames[1] }
}
