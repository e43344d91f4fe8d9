import ArgumentParser

/// The `--quiet` flag of the commands that train (`train`, `demo`, `tune`) and show their
/// progress on standard error.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress output.")
    var quiet = false

    /// The progress display of a training of `epochs` epochs, or `nil` with `--quiet`.
    func trainingProgress(epochs: Int) -> TrainingProgress? {
        quiet ? nil : TrainingProgress(epochs: epochs, interactive: TrainingTerminal.standardErrorIsTerminal)
    }
}
