import Foundation

/// Trains a classifier on a ``Dataset``: stratified split, standardisation fitted on the training
/// rows, optionally the L2 penalty chosen by cross-validation on them (``PenaltySearch``),
/// mini-batch training with the loss kernels and the chosen optimiser, validation average
/// precision after every epoch, optional early stopping or best-epoch restoration, a decision
/// threshold chosen for the best F1 on the validation rows, and by default a refit on every row
/// (``TrainingConfiguration/refitsOnAllRows``).
///
/// ```swift
/// let data = try Dataset(contentsOf: URL(fileURLWithPath: "train.csv"))
/// let configuration = try TrainingConfiguration(
///     architecture: .mlp(hidden: [64]), loss: LossSettings(kind: .focal, gamma: 2), epochs: 30)
/// let model = try Trainer(configuration: configuration).train(data)
/// try model.write(to: URL(fileURLWithPath: "model.json"))
/// ```
///
/// Training is reproducible: the same configuration and data give a bit-identical model (and
/// model file) whatever ``threads`` is, the penalty search included.
public struct Trainer: Sendable {
    /// The settings of the run.
    public internal(set) var configuration: TrainingConfiguration
    /// The most threads the matrix products, and the fold trainings of a penalty search, may use
    /// (default: one per processor).
    public var threads: Int

    /// Creates a trainer.
    public init(configuration: TrainingConfiguration, threads: Int? = nil) {
        self.configuration = configuration
        self.threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Trains a model.
    ///
    /// - Parameters:
    ///   - data: The labelled rows (at least two classes).
    ///   - validation: Rows to validate on instead of a split of `data` (every row of `data` then
    ///     trains, and ``TrainingConfiguration/validationFraction`` is not used): the same feature
    ///     and class names as `data` (see ``Dataset/init(table:featureNames:labelColumn:classNames:columns:missingValues:)``).
    ///     `nil` (the default) splits `data`.
    ///   - labelColumn: The label column's name, stored in the model (default `label`).
    ///   - missingValues: How the data's missing values were read, stored in the model so
    ///     prediction treats them alike (default: from whether `data` holds NaN).
    ///   - progress: Called after every batch and every epoch, on the calling thread.
    /// - Returns: The model, with the epoch history and validation metrics in its ``TrainedModel/summary``.
    /// - Throws: ``TrainingError``: data unsuited to the settings, or a loss that became non-finite.
    public func train(
        _ data: Dataset, validation: Dataset? = nil, labelColumn: String = "label", missingValues: MissingValuePolicy? = nil,
        progress: ((TrainingEvent) -> Void)? = nil
    ) throws(TrainingError) -> TrainedModel {
        let prepared = if let validation {
            try PreparedData(training: data, validation: validation, configuration: configuration)
        } else {
            try PreparedData(data, configuration: configuration)
        }
        var trainer = self
        var search: PenaltySearch.Outcome?
        if let penaltySearch = configuration.penaltySearch {
            let outcome = try penaltySearch.run(on: prepared.training, configuration: configuration, threads: threads)
            trainer.configuration.l2Penalty = outcome.chosen
            search = outcome
        }
        let epochs = try trainer.runEpochs(on: prepared, progress: progress)
        let policy = missingValues ?? (data.features.contains(where: \.isNaN) ? .imputeTrainingMean : .reject)
        return try trainer.model(from: epochs, prepared: prepared, data: data, labelColumn: labelColumn,
                                 missingValues: policy, search: search, refits: validation == nil)
    }

    /// What the epoch loop leaves: the network to keep and the history.
    struct EpochsOutcome {
        /// The last epoch's network, or the best epoch's with early stopping or best-epoch restoration.
        let network: Network
        let history: [EpochReport]
        let selectedEpoch: Int
        let stoppedEarly: Bool
    }

    /// Trains epoch after epoch, computing the validation average precision after each (when
    /// there are validation rows), until the last epoch or until early stopping ends the run.
    func runEpochs(
        on prepared: PreparedData, progress: ((TrainingEvent) -> Void)?
    ) throws(TrainingError) -> EpochsOutcome {
        var training = try MiniBatchTraining(prepared, configuration: configuration,
                                             outputBias: initialBias(counts: prepared.classCounts), threads: threads)
        var bestEpoch = configuration.earlyStoppingPatience != nil || configuration.restoresBestEpoch
            ? BestEpoch(patience: configuration.earlyStoppingPatience) : nil
        var history: [EpochReport] = []
        var stoppedEarly = false
        for epoch in 1...configuration.epochs {
            let (loss, easyFraction) = try training.trainEpoch(epoch, progress: progress)
            let validationAP = prepared.hasValidation
                ? try prepared.validationAveragePrecision(of: training.network, threads: threads) : nil
            let report = EpochReport(epoch: epoch, trainingLoss: loss, easyFraction: easyFraction,
                                     validationAveragePrecision: validationAP)
            history.append(report)
            progress?(.epoch(report))
            if let validationAP,
               bestEpoch?.shouldStop(after: epoch, averagePrecision: validationAP, network: training.network) == true {
                stoppedEarly = epoch < configuration.epochs
                break
            }
        }
        let best = bestEpoch?.best
        return EpochsOutcome(network: best?.network ?? training.network, history: history,
                             selectedEpoch: best?.epoch ?? history.count, stoppedEarly: stoppedEarly)
    }

    /// The network trained again from scratch on every row of `data` (no validation rows) for
    /// the epochs validation chose, with its standardisation.
    private func refit(_ data: Dataset, epochs: Int) throws(TrainingError) -> (Network, Standardizer) {
        var all = configuration
        all.epochs = epochs
        all.validationFraction = 0
        all.earlyStoppingPatience = nil
        all.restoresBestEpoch = false
        all.refitsOnAllRows = false
        all.penaltySearch = nil
        let prepared = try PreparedData(training: data, validation: data.rows([]))
        let outcome = try Trainer(configuration: all, threads: threads).runEpochs(on: prepared, progress: nil)
        return (outcome.network, prepared.standardizer)
    }

    /// The trained model: the kept network, the decision threshold and the validation metrics at
    /// it (when there are validation rows), and the summary of the run.
    private func model(
        from epochs: EpochsOutcome, prepared: PreparedData, data: Dataset, labelColumn: String,
        missingValues: MissingValuePolicy, search: PenaltySearch.Outcome?, refits canRefit: Bool
    ) throws(TrainingError) -> TrainedModel {
        let (threshold, validationReport): (Double, ClassificationReport?) = prepared.hasValidation
            ? try prepared.validationOutcome(of: epochs.network, threads: threads) : (0.5, nil)
        var network = epochs.network, standardizer = prepared.standardizer
        // Rows held out of `data` return for the refit; separate validation rows stay out of the model.
        let refits = canRefit && configuration.refitsOnAllRows && prepared.validation.rowCount > 0
        if refits {
            (network, standardizer) = try refit(data, epochs: epochs.selectedEpoch)
        }
        let summary = TrainingSummary(
            trainingRows: prepared.training.rowCount, validationRows: prepared.validation.rowCount,
            trainingClassCounts: prepared.classCounts, selectedEpoch: epochs.selectedEpoch,
            stoppedEarly: epochs.stoppedEarly, history: epochs.history, validation: validationReport,
            penaltySearch: search, refitRows: refits ? data.rowCount : nil)
        return try TrainedModel(
            network: network, standardizer: standardizer, featureNames: data.featureNames,
            labelColumn: labelColumn, classNames: data.classNames, threshold: threshold, missingValues: missingValues,
            configuration: configuration, summary: summary)
    }

    /// The output biases at initialisation: `-log((1 - π) / π)` for a sigmoid head; the log class
    /// priors of the training counts (or zeros) for a softmax head.
    func initialBias(counts: [Int]) -> [Float] {
        if counts.count == 2 {
            let prior = configuration.priorProbability
            return [Float(-log((1 - prior) / prior))]
        }
        guard configuration.softmaxPriorBias else { return [Float](repeating: 0, count: counts.count) }
        let total = Double(counts.reduce(0, +))
        return counts.map { Float(log(Double($0) / total)) }
    }
}
