import ArgumentParser

/// The `focal` command: focal loss from the shell.
@main
struct Focal: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "focal",
        abstract: "Focal loss for imbalanced data: kernels, training and evaluation.",
        version: FocalVersion.current,
        subcommands: [Bench.self, Train.self, Evaluate.self, Predict.self, LossCommand.self, Curves.self, Demo.self, Tune.self]
    )
}
