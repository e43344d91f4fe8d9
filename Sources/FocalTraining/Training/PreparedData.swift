/// The rows of a training run: the data split into training and validation rows (stratified, by
/// the configuration's seed), and their features standardised with the training rows' statistics.
struct PreparedData {
    /// The training rows.
    let training: Dataset
    /// The validation rows (none when the validation fraction is 0).
    let validation: Dataset
    /// The number of training rows of each class (each at least 1).
    let classCounts: [Int]
    /// The standardisation fitted on the training rows, stored in the model.
    let standardizer: Standardizer
    /// The training rows' standardised features, row-major.
    let trainingFeatures: [Float]
    /// The validation rows' standardised features, row-major.
    let validationFeatures: [Float]
    /// Whether the validation rows hold every class, so that validation metrics exist.
    let hasValidation: Bool

    /// Splits and standardises `data`.
    ///
    /// - Throws: ``TrainingError/unsuitableData(reason:)`` when the split fails, a class has no
    ///   training row, or early stopping is asked for without every class among the validation rows.
    init(_ data: Dataset, configuration: TrainingConfiguration) throws(TrainingError) {
        let split: StratifiedSplit
        do {
            split = try StratifiedSplit(labels: data.labels, classCount: data.classCount,
                                        validationFraction: configuration.validationFraction, seed: configuration.seed)
        } catch {
            throw .unsuitableData(reason: "\(error)")
        }
        try self.init(training: data.rows(split.training), validation: data.rows(split.validation), classNames: data.classNames)
        if !hasValidation {
            for (needed, setting) in [(configuration.earlyStoppingPatience != nil, "early stopping"),
                                      (configuration.restoresBestEpoch, "restoring the best epoch")] where needed {
                throw .unsuitableData(
                    reason: "\(setting) needs every class among the validation rows; use a larger \(TrainingParameter.validationFraction)")
            }
        }
    }

    /// Standardises given training and validation rows (the folds of a cross-validation).
    ///
    /// - Throws: ``TrainingError/unsuitableData(reason:)`` when a class has no training row.
    init(training: Dataset, validation: Dataset, classNames: [String]) throws(TrainingError) {
        self.training = training
        self.validation = validation
        classCounts = training.classCounts
        if let missing = classCounts.firstIndex(of: 0) {
            throw .unsuitableData(reason: "class '\(classNames[missing])' has no training row")
        }
        standardizer = Standardizer(fitting: training.features, featureCount: training.featureCount)
        trainingFeatures = standardizer.transform(training.features)
        validationFeatures = standardizer.transform(validation.features)
        hasValidation = validation.rowCount > 0 && Set(validation.labels).count == classNames.count
    }
}
