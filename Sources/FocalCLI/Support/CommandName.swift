/// The `focal` commands whose messages quote the training toolkit, each with the training options
/// it offers, so that a hint names only options of the command in use.
enum CommandName: String {
    case train, evaluate, predict, demo, tune

    /// The training options (as ``OptionNames`` spells them) the command takes.
    var trainingOptions: Set<String> {
        switch self {
        case .train:
            return ["--model", "--loss", "--gamma", "--alpha", "--lr", "--momentum", "--weight-decay", "--epochs",
                    "--batch-size", "--validation", "--patience", "--prior", "--impute-missing", "--l2", "--restore-best", "--refit", "--positive-class"]
        case .demo: return ["--model", "--epochs", "--lr", "--l2", "--restore-best", "--refit", "--positive-class"]
        case .tune: return ["--model", "--epochs", "--lr", "--gamma", "--alpha", "--l2", "--restore-best", "--refit", "--positive-class"]
        case .evaluate, .predict: return []
        }
    }

    /// The options on which columns to read (as ``OptionNames`` spells them) the command takes.
    var columnOptions: Set<String> {
        switch self {
        case .train, .demo, .tune: return ["--label", "--ignore-columns", "--feature-columns", "--id-column"]
        case .evaluate, .predict: return ["--ignore-columns", "--id-column"]
        }
    }

    /// Whether the command takes the option `name` (`--lr`, or `--loss focal` by its first word).
    func offers(_ name: String) -> Bool {
        let option = name.split(separator: " ").first.map(String.init) ?? name
        return trainingOptions.contains(option) || columnOptions.contains(option)
    }
}
