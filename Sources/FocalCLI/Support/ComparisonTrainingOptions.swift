import ArgumentParser
import FocalTraining

/// The training settings of the commands that compare losses on one model, `focal demo` and
/// `focal tune`: the model, the epochs, Adam's learning rate and the regularisation (the
/// toolkit's default batch size and validation share).
///
/// The group does not validate itself: each command calls ``configuration(seed:)`` in its own
/// `validate()`, at the point it always has, so a command line with several mistakes still
/// reports the same one first.
struct ComparisonTrainingOptions: ParsableArguments {
    @Option(help: "The model: logistic, or mlp:H1,H2,... (ReLU hidden layers).")
    var model: String = "mlp:32"

    @Option(parsing: .unconditional, help: "Passes over the training rows.")
    var epochs: Int = TrainingConfiguration.defaultEpochs

    @Option(parsing: .unconditional, help: "The Adam learning rate (default: the toolkit's, 0.003 for an MLP, 0.01 for logistic).")
    var lr: Double?

    @OptionGroup var regularisation: RegularisationOptions

    /// The configuration shared by every training of the comparison; each sets its own loss
    /// (and `tune` its own seed).
    ///
    /// - Parameter seed: The seed of the split, the initial weights and the batch order.
    /// - Throws: A `ValidationError` (a usage error) with the toolkit's message for a bad model,
    ///   epoch count, learning rate or penalty.
    func configuration(seed: UInt64) throws -> TrainingConfiguration {
        let penalty = try regularisation.penalty()
        do {
            let architecture = try ModelArchitecture(parsing: model)
            return try TrainingConfiguration(
                architecture: architecture, optimizer: OptimizerSettings(kind: .adam, learningRate: lr ?? TrainingConfiguration.defaultLearningRate(for: architecture)),
                epochs: epochs, seed: seed, l2Penalty: penalty.value,
                penaltySearch: penalty.search, restoresBestEpoch: regularisation.restoreBest, refitsOnAllRows: regularisation.refitsOnAllRows)
        } catch {
            throw ValidationError(error.commandLineDescription)
        }
    }
}
