import FocalTraining

/// The options of `focal train`, `tune` and `demo` that set FocalTraining's parameters: the one
/// place the command line maps the library's Swift names (`learningRate`, `kind: .focal`) to its
/// own (`--lr`, `--loss focal`), so the library's messages name the options the user typed.
enum OptionNames {
    /// The option for a setting: `--lr`, `--loss balanced-ce`, `--impute-missing`.
    static func name(of setting: SettingReference) -> String {
        switch setting {
        case .parameter(let parameter): return name(of: parameter)
        case .lossKind(let kind): return "--loss \(kind.rawValue)"
        case .missingValues(.imputeTrainingMean): return "--impute-missing"
        case .missingValues(.reject): return "no --impute-missing"
        case .column(let role): return name(of: role)
        }
    }

    /// The option that gives a column `role`: `--label`, `--ignore-columns`, `--feature-columns`,
    /// `--id-column`; the model's features are no option (its file names them).
    static func name(of role: ColumnRole) -> String {
        switch role {
        case .label: return "--label"
        case .ignored: return "--ignore-columns"
        case .feature: return "--feature-columns"
        case .id: return "--id-column"
        case .modelFeature: return "the model's features"
        }
    }

    /// The option that sets `parameter`; the Swift name for those no option sets.
    static func name(of parameter: TrainingParameter) -> String {
        switch parameter {
        case .architecture: return "--model"
        case .lossKind, .loss: return "--loss"
        case .gamma: return "--gamma"
        case .alpha: return "--alpha"
        case .learningRate: return "--lr"
        case .momentum: return "--momentum"
        case .weightDecay: return "--weight-decay"
        case .epochs: return "--epochs"
        case .batchSize: return "--batch-size"
        case .validationFraction: return "--validation"
        case .earlyStoppingPatience: return "--patience"
        case .priorProbability: return "--prior"
        case .l2Penalty, .penaltySearch: return "--l2"
        case .restoresBestEpoch: return "--restore-best"
        case .refitsOnAllRows: return "--refit"
        case .missingValues: return "--impute-missing"
        case .positiveClass: return "--positive-class"
        case .beta1, .beta2, .epsilon, .layers, .weights, .bias: return parameter.description
        }
    }
}

extension OptionNames {
    /// The option for `setting` as `command` offers it; for a setting `command` has no option
    /// for, the library's Swift name, so that no message advises an option the command lacks.
    static func name(of setting: SettingReference, in command: CommandName) -> String {
        let option = name(of: setting)
        if command.offers(option) { return option }
        switch setting {
        case .parameter(let parameter): return parameter.description
        default: return setting.description
        }
    }
}

extension TrainingError {
    /// The message with the options in place of the library's parameter names:
    /// `--lr 0.0: must be finite and > 0`.
    var commandLineDescription: String { description(naming: OptionNames.name(of:)) }
}

extension TrainingError {
    /// The message with the options of `command` in place of the library's parameter names.
    func commandLineDescription(for command: CommandName) -> String {
        description(naming: { OptionNames.name(of: $0, in: command) })
    }
}

extension DataError {
    /// The message with the options in place of the library's parameter names (those of `focal train`,
    /// and `--delimiter` where the library names its `delimiter` parameter).
    var commandLineDescription: String {
        if case .singleColumn(_, _, _, let suggested) = self {
            return description(naming: OptionNames.name(of:), delimiterSetting: "--delimiter \(suggested.commandLineSpelling)")
        }
        return description(naming: OptionNames.name(of:))
    }

    /// The message as `command` gives it: a missing value is explained with the options of the
    /// command in use (`focal predict` cannot impute: the model decides), other messages as
    /// ``commandLineDescription``.
    func commandLineDescription(for command: CommandName) -> String {
        if case .singleColumn = self { return commandLineDescription }
        guard command != .train, case .missingValue(let file, let line, let column) = self else {
            return description(naming: { OptionNames.name(of: $0, in: command) })
        }
        let problem = "\(file):\(line): column '\(column)': the value is missing"
        switch command {
        case .evaluate, .predict:
            return problem + " (the model was trained without --impute-missing; train it with "
                + "'focal train --impute-missing' to fill missing values with the training mean)"
        default:
            return problem + " (focal \(command.rawValue) needs every feature value: fill in or drop the rows with missing values)"
        }
    }
}
