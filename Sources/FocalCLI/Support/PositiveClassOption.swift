import ArgumentParser
import FocalTraining

/// `--positive-class NAME` of the commands that train binary models (`train`, `demo`, `tune`):
/// the class that average precision, ROC-AUC, the threshold, alpha and the prior bias refer to.
///
/// `evaluate` and `predict` do not take it: a binary model's single output is the probability of
/// the class it was trained for, and its threshold was chosen for that class, so they use the
/// class the model file records (the other class's AP and ROC-AUC are in the per-class table).
struct PositiveClassOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The positive class of binary labels: the one AP, ROC-AUC, the threshold, alpha and the prior bias refer to (default: the rarer class).",
        valueName: "NAME"))
    var positiveClass: String?

    /// How the positive class is chosen: the named class, or the rarer one.
    var choice: PositiveClass.Choice { positiveClass.map { .named($0) } ?? .rarer }

    /// Orders binary `data` so that class 1 is the positive class; multi-class data without the
    /// option stay as they are.
    ///
    /// - Returns: The ordered data and the positive class (`nil` for multi-class data).
    /// - Throws: ``CLIError``, one line: the option names a class the labels lack (listing the
    ///   classes), or is given for multi-class labels.
    func apply(to data: Dataset, command: CommandName) throws -> (Dataset, PositiveClass?) {
        guard data.isBinary || positiveClass != nil else { return (data, nil) }
        return try Self.order(data, by: choice, command: command)
    }

    /// Orders binary `data` so that class 1 is the positive class `choice` picks.
    ///
    /// - Throws: ``CLIError``, one line, as ``apply(to:command:)``.
    static func order(_ data: Dataset, by choice: PositiveClass.Choice, command: CommandName) throws -> (Dataset, PositiveClass) {
        do {
            let positive = try PositiveClass(choice, in: data)
            return (try data.withPositiveClass(positive), positive)
        } catch {
            throw CLIError(error, command: command)
        }
    }
}

extension PositiveClass {
    /// Which class is positive and why, for a report:
    /// `positive class 'abnormal': the rarer, 1,110 of 3,782 rows`.
    var reportLine: String {
        let rows = "\(grouped(rowCount)) of \(grouped(totalRowCount)) rows"
        switch reason {
        case .rarer: return "positive class '\(name)': the rarer, \(rows)"
        case .equallyCommon: return "positive class '\(name)': the classes are equally common (\(rows)); the one that sorts second"
        case .named: return "positive class '\(name)': chosen with --positive-class, \(rows)"
        }
    }
}
