import ArgumentParser
import FocalTraining

/// The options of `focal train`, `tune` and `demo` that decide how a model generalises beyond its
/// training rows: the L2 penalty (a value, or `auto` for a choice by cross-validation), keeping the
/// best epoch, and training again on every row once validation has chosen.
///
/// Like ``ComparisonTrainingOptions``, the group does not validate itself: the commands read it
/// through ``penalty()`` when they build their configuration.
struct RegularisationOptions: ParsableArguments {
    @Option(name: .customLong("l2"), parsing: .unconditional, help: ArgumentHelp(
        "The L2 penalty of the weights (lambda/2 x sum of squared weights added to the mean loss; biases are not penalised), >= 0, or auto: chosen among 0,1e-4,1e-3,1e-2,1e-1 by stratified 5-fold cross-validation on the training rows (best mean AP, binary; macro-F1, multi-class).",
        valueName: "VALUE|auto"))
    var l2: String?

    @Flag(help: "Keep the weights of the epoch with the best validation AP instead of the last epoch's (every epoch is trained).")
    var restoreBest = false

    @Flag(inversion: .prefixedNo, help: "Once validation has chosen the epoch and the threshold, train again on every row (training and validation) for that many epochs (default: on, when rows are held out for validation; a --validation-data file stays out of the model).")
    var refit: Bool?

    /// Whether to refit: as asked, or the toolkit's default.
    var refitsOnAllRows: Bool { refit ?? TrainingConfiguration.defaultRefitsOnAllRows }

    /// The penalty and the search the options ask for: `(value, nil)` for a number, `(default, search)` for `auto`.
    ///
    /// - Throws: A `ValidationError` naming `--l2` for text that is neither a number nor `auto`.
    func penalty() throws -> (value: Double, search: PenaltySearch?) {
        guard let l2 else { return (TrainingConfiguration.defaultL2Penalty, nil) }
        if l2 == "auto" { return (TrainingConfiguration.defaultL2Penalty, try PenaltySearch()) }
        guard let value = Double(l2) else {
            throw ValidationError("--l2 must be a number >= 0 or auto; got '\(l2)'")
        }
        return (value, nil)
    }
}
