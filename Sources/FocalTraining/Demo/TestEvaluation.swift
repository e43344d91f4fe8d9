import Foundation

/// A trained binary model's predictions on held-out test rows and the metrics they give at the
/// model's validation-chosen threshold.
public struct TestEvaluation: Sendable {
    /// The logit of class 1 for each test row.
    public let logits: [Float]
    /// The probability of class 1 for each test row (`sigmoid(logit)`).
    public let scores: [Double]
    /// The class of each test row.
    public let labels: [Int]
    /// The decision threshold: the model's, chosen for the best F1 on its validation rows.
    public let threshold: Double
    /// The metrics on the test rows at ``threshold``: average precision, ROC-AUC, balanced
    /// accuracy, macro-F1, per-class precision and recall.
    public let report: ClassificationReport
    /// The calibration of ``scores`` on the test rows: expected calibration error (15 bins),
    /// Brier score and the bins of a reliability diagram.
    public let calibration: Calibration

    /// Predicts the test rows and computes the metrics.
    ///
    /// - Parameters:
    ///   - model: A binary model.
    ///   - test: Held-out rows with the model's features and classes, both classes present.
    ///   - threads: The most threads the prediction may use.
    /// - Throws: ``MetricsError`` when a class has no test row (or the model is not binary).
    public init(model: TrainedModel, test: Dataset, threads: Int? = nil) throws(MetricsError) {
        guard model.isBinary else {
            throw .invalidParameter(name: "classes", value: Double(model.classNames.count), requirement: "must be 2")
        }
        logits = model.network.logits(model.standardizer.transform(test.features), rowCount: test.rowCount, threads: threads)
        scores = logits.map { 1 / (1 + exp(-Double($0))) }
        labels = test.labels
        threshold = model.threshold
        report = try ClassificationReport(binaryScores: scores, labels: labels, threshold: threshold)
        calibration = try Calibration(positiveProbabilities: scores, labels: labels)
    }
}

