import ArgumentParser
import FocalTraining

/// The `--feature-columns` option of the commands that train on CSV data (`train`, `demo`,
/// `tune`): the features by name, where the data hold other columns. `evaluate` and `predict` read
/// the features the model names.
struct FeatureColumnsOption: ParsableArguments {
    /// The features, as given (each value comma-separated).
    @Option(help: ArgumentHelp(
        "The feature columns, comma-separated, in this order (default: every column but the label, the id and the ignored ones).",
        valueName: "col1,col2"))
    var featureColumns: [String] = []

    func validate() throws {
        let names = try CSVReadingOptions.columnNames(featureColumns, option: "--feature-columns")
        var seen = Set<String>()
        if let repeated = names.first(where: { !seen.insert($0).inserted }) {
            throw ValidationError("--feature-columns: column '\(repeated)' is named twice")
        }
    }

    /// The features named, or `nil` when the option is not given.
    var names: [String]? {
        // `validate()` has checked the names.
        featureColumns.isEmpty ? nil : (try? CSVReadingOptions.columnNames(featureColumns, option: "--feature-columns"))
    }

    /// The columns to read: these features and the ignored and id columns of `reading`.
    func columns(_ reading: CSVReadingOptions) -> ColumnSelection {
        reading.columns(features: names)
    }
}
