import ArgumentParser
import FocalTraining

/// The `--validation-data` option of the commands that train (`train`, `demo`, `tune`): the
/// validation rows (which choose the decision threshold, and the epoch with `--patience`) come
/// from a file instead of being held out of the training rows.
struct ValidationDataOption: ParsableArguments {
    /// The file, as given (`-`: standard input).
    @Option(help: ArgumentHelp(
        "Validate on this labelled CSV file (- for stdin) instead of holding out validation rows from the training rows; its columns are matched to the features by name.",
        valueName: "FILE"))
    var validationData: String?

    /// The validation rows for `training`, read from the file with `reading`'s delimiter: its
    /// features by name, its labels among the training classes; `nil` without the option.
    ///
    /// - Parameters:
    ///   - training: The training rows (their feature and class names, in their order).
    ///   - labelColumn: The label column.
    ///   - missingValues: What to do with missing feature values (as for the training rows).
    ///   - showsProgress: Whether to show loading progress on a terminal.
    ///   - command: The command, whose options the messages name.
    /// - Throws: ``CLIError``, one line starting with `--validation-data` and the file's problem.
    func rows(
        for training: Dataset, labelColumn: String, reading: CSVReadingOptions, missingValues: MissingValuePolicy = .reject,
        showsProgress: Bool, command: CommandName
    ) throws -> Dataset? {
        guard let path = validationData else { return nil }
        do throws(DataError) {
            return try Dataset(table: reading.table(path: path, showsProgress: showsProgress), validating: training,
                               labelColumn: labelColumn, missingValues: missingValues)
        } catch {
            throw CLIError(verbatim: "--validation-data \(error.commandLineDescription(for: command))")
        }
    }
}
