import FocalTraining

/// One of the three models `focal demo` compares: its loss, the trained model and how it does on
/// the test split.
struct DemoModelResult {
    /// The column heading: `cross-entropy`, `balanced CE` or `focal loss`.
    let name: String
    /// The loss it was trained with.
    let loss: LossSettings
    /// The trained model (its history holds the easy share per epoch).
    let model: TrainedModel
    /// Its predictions and metrics on the test split.
    let evaluation: TestEvaluation
    /// Its precision-recall curve on the test split.
    let curve: PrecisionRecallCurve
}

/// Figure 4 of the paper for one gamma: the cumulative normalised focal loss of the positive and
/// of the negative test rows, under the trained focal-loss model's predictions.
struct DemoLossDistribution {
    let gamma: Double
    /// Cumulative share of the positives' total loss, one value per positive (ascending losses).
    let positives: [Double]
    /// The same for the negatives.
    let negatives: [Double]
}

/// Everything `focal demo` computes: the data, the split, the three models and Figure 4.
struct DemoResult {
    let data: DemoData
    let split: HoldOutSplit
    let configuration: TrainingConfiguration
    /// Cross-entropy, alpha-balanced cross-entropy, focal loss, in that order.
    let models: [DemoModelResult]
    /// For gamma 0, 0.5, 1, 2.
    let lossDistributions: [DemoLossDistribution]
}
