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
        training = data.rows(split.training)
        validation = data.rows(split.validation)
        classCounts = training.classCounts
        if let missing = classCounts.firstIndex(of: 0) {
            throw .unsuitableData(reason: "class '\(data.classNames[missing])' has no training row")
        }
        standardizer = Standardizer(fitting: training.features, featureCount: data.featureCount)
        trainingFeatures = standardizer.transform(training.features)
        validationFeatures = standardizer.transform(validation.features)
        hasValidation = !split.validation.isEmpty && Set(validation.labels).count == data.classCount
        if configuration.earlyStoppingPatience != nil, !hasValidation {
            throw .unsuitableData(
                reason: "early stopping needs every class among the validation rows; use a larger \(TrainingParameter.validationFraction)")
        }
    }
}
