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
    ///   training row, or early stopping (or best-epoch restoration) is asked for without every
    ///   class among the validation rows.
    init(_ data: Dataset, configuration: TrainingConfiguration) throws(TrainingError) {
        let split: StratifiedSplit
        do {
            split = try StratifiedSplit(labels: data.labels, classCount: data.classCount,
                                        validationFraction: configuration.validationFraction, seed: configuration.seed)
        } catch {
            throw .unsuitableData(reason: "\(error)")
        }
        try self.init(training: data.rows(split.training), validation: data.rows(split.validation), configuration: configuration,
                      remedy: "use a larger \(TrainingParameter.validationFraction)")
    }

    /// Standardises given training and validation rows (no split).
    ///
    /// - Throws: ``TrainingError/unsuitableData(reason:)`` when the two disagree on the feature or
    ///   class names, a class has no training row, or early stopping is asked for without every
    ///   class among the validation rows.
    init(training: Dataset, validation: Dataset, configuration: TrainingConfiguration) throws(TrainingError) {
        guard validation.featureNames == training.featureNames else {
            let (given, trained) = (validation.featureNames.joined(separator: ", "), training.featureNames.joined(separator: ", "))
            throw .unsuitableData(reason: "the validation rows have the features \(given), the training rows \(trained)")
        }
        guard validation.classNames == training.classNames else {
            let (given, trained) = (validation.classNames.joined(separator: ", "), training.classNames.joined(separator: ", "))
            throw .unsuitableData(reason: "the validation rows have the classes \(given), the training rows \(trained)")
        }
        let missing = training.classNames.indices.filter { !validation.labels.contains($0) }.map { training.classNames[$0] }
        try self.init(training: training, validation: validation, configuration: configuration,
                      remedy: "the validation data lack \(missing.map { "'\($0)'" }.joined(separator: ", "))")
    }

    /// Standardises the training and validation rows; `remedy` ends the message when early
    /// stopping or best-epoch restoration lacks validation metrics.
    private init(training: Dataset, validation: Dataset, configuration: TrainingConfiguration, remedy: SettingText) throws(TrainingError) {
        try self.init(training: training, validation: validation)
        if !hasValidation {
            for (needed, setting) in [(configuration.earlyStoppingPatience != nil, "early stopping"),
                                      (configuration.restoresBestEpoch, "restoring the best epoch")] where needed {
                throw .unsuitableData(reason: "\(setting) needs every class among the validation rows; \(remedy)")
            }
        }
    }

    /// Standardises training and validation rows of the same data set with no check of the
    /// settings (the folds of a cross-validation, the rows of a refit).
    ///
    /// - Throws: ``TrainingError/unsuitableData(reason:)`` when a class has no training row.
    init(training: Dataset, validation: Dataset) throws(TrainingError) {
        self.training = training
        self.validation = validation
        classCounts = training.classCounts
        if let missing = classCounts.firstIndex(of: 0) {
            throw .unsuitableData(reason: "class '\(training.classNames[missing])' has no training row")
        }
        standardizer = Standardizer(fitting: training.features, featureCount: training.featureCount)
        trainingFeatures = standardizer.transform(training.features)
        validationFeatures = standardizer.transform(validation.features)
        hasValidation = validation.rowCount > 0 && Set(validation.labels).count == training.classCount
    }
}
