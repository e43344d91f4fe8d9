import ArgumentParser

/// The `--quiet` flag of the commands that show progress on standard error: training (`train`,
/// `demo`, `tune`) and loading a CSV file (those and `evaluate`, `predict`).
struct ProgressOptions: ParsableArguments {
    @Flag(help: "No progress output.")
    var quiet = false

    /// The progress display of a training of `epochs` epochs, or `nil` with `--quiet`.
    func trainingProgress(epochs: Int) -> TrainingProgress? {
        quiet ? nil : TrainingProgress(epochs: epochs, interactive: TrainingTerminal.standardErrorIsTerminal)
    }
}
