/// The choice of the L2 penalty by stratified k-fold cross-validation on the training rows, as
/// scikit-learn's `LogisticRegressionCV`: every candidate trains on `folds - 1` folds and is scored
/// on the remaining one, for each fold in turn; the candidate with the best mean score wins (on a
/// tie, the larger penalty). The score is the average precision of class 1 for two classes and
/// the macro-F1 for more (the test metrics of the shared baselines).
///
/// The trainings run in parallel, one thread each; each is reproducible, and the scores are
/// averaged in a fixed order, so the choice does not depend on the number of threads.
public struct PenaltySearch: Sendable, Hashable, Codable {
    /// The penalties tried, each finite and `>= 0`, without repeats.
    public let candidates: [Double]
    /// The number of folds, at least 2.
    public let folds: Int

    /// The penalties tried when none are given: none and a log grid from 1e-4 to 1e-1.
    public static let defaultCandidates: [Double] = [0, 1e-4, 1e-3, 1e-2, 1e-1]
    /// The number of folds when none is given.
    public static let defaultFolds = 5

    /// Creates a search.
    ///
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` naming
    ///   ``TrainingParameter/penaltySearch`` for no candidate, a candidate that is not finite and
    ///   `>= 0`, a repeated candidate, or fewer than 2 folds.
    public init(candidates: [Double] = PenaltySearch.defaultCandidates, folds: Int = PenaltySearch.defaultFolds) throws(TrainingError) {
        let text = candidates.map { "\($0)" }.joined(separator: ",")
        guard !candidates.isEmpty, candidates.allSatisfy({ $0.isFinite && $0 >= 0 }), Set(candidates).count == candidates.count else {
            throw .invalidSetting(parameter: .penaltySearch, value: "[\(text)]",
                                  requirement: "needs at least one penalty, each finite and >= 0, none repeated")
        }
        guard folds >= 2 else {
            throw .invalidSetting(parameter: .penaltySearch, value: "\(folds) folds", requirement: "needs at least 2 folds")
        }
        self.candidates = candidates
        self.folds = folds
    }

    /// What a search found: each candidate's mean validation score over the folds, and the
    /// penalty chosen.
    public struct Outcome: Sendable, Hashable, Codable {
        /// The penalties tried, in the order given.
        public let candidates: [Double]
        /// Each candidate's validation score, mean over the folds.
        public let meanScores: [Double]
        /// Each candidate's standard error of the mean over the folds.
        public let standardErrors: [Double]
        /// The penalty with the best mean score.
        public let chosen: Double
        /// What the scores are: `average precision` (two classes) or `macro-F1`.
        public let metric: String
    }
}

extension PenaltySearch {
    /// Runs the search on `data` (the training rows) with the rest of `configuration`.
    ///
    /// - Parameter threads: How many fold trainings run at once.
    /// - Throws: ``TrainingError/unsuitableData(reason:)`` when a class has fewer rows than
    ///   there are folds (two classes) or the data have fewer rows than folds; the errors of the
    ///   trainings.
    func run(on data: Dataset, configuration: TrainingConfiguration, threads: Int) throws(TrainingError) -> Outcome {
        guard data.rowCount >= folds else {
            throw .unsuitableData(reason: "\(data.rowCount) training rows are too few for \(folds)-fold cross-validation")
        }
        if data.isBinary, let rare = data.classCounts.indices.min(by: { data.classCounts[$0] < data.classCounts[$1] }),
           data.classCounts[rare] < folds {
            throw .unsuitableData(
                reason: "class '\(data.classNames[rare])' has \(data.classCounts[rare]) training rows: too few for \(folds)-fold cross-validation of the penalty")
        }
        let partition = StratifiedFolds(labels: data.labels, classCount: data.classCount, count: folds,
                                        seed: configuration.seed ^ 0xF01D_5EED)
        var fixed = configuration
        fixed.penaltySearch = nil
        fixed.refitsOnAllRows = false
        let base = fixed
        let jobCount = candidates.count * folds
        let scores = try ParallelJobs.map(count: jobCount, workers: threads) { (job: Int) throws(TrainingError) -> Double in
            var fold = base
            fold.l2Penalty = candidates[job / folds]
            let held = job % folds
            let prepared = try PreparedData(training: data.rows(partition.trainingRows(outside: held)),
                                            validation: data.rows(partition.folds[held]))
            let trainer = Trainer(configuration: fold, threads: 1)
            let epochs = try trainer.runEpochs(on: prepared, progress: nil)
            return try prepared.validationScore(of: epochs.network)
        }
        var means: [Double] = [], errors: [Double] = []
        for c in candidates.indices {
            let values = scores[(c * folds)..<((c + 1) * folds)]
            let mean = values.reduce(0, +) / Double(folds)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(folds - 1)
            means.append(mean)
            errors.append((variance / Double(folds)).squareRoot())
        }
        // The best mean; on a tie the larger penalty (the simpler model).
        var best = 0
        for c in candidates.indices where means[c] > means[best] || (means[c] == means[best] && candidates[c] > candidates[best]) {
            best = c
        }
        return Outcome(candidates: candidates, meanScores: means, standardErrors: errors, chosen: candidates[best],
                       metric: data.isBinary ? "average precision" : "macro-F1")
    }
}
