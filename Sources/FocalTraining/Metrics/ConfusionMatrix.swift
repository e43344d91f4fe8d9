/// Counts of true against predicted classes, and the label metrics that follow from them:
/// per-class precision, recall, F1 and support, macro-F1, balanced accuracy and accuracy.
///
/// Row `a`, column `p` counts the examples of true class `a` predicted as class `p`, as
/// scikit-learn's `confusion_matrix`.
public struct ConfusionMatrix: Sendable, Hashable {
    /// The number of classes `C`.
    public let classCount: Int
    /// The `C x C` counts, row-major: `counts[actual * classCount + predicted]`.
    public let counts: [Int]

    /// Counts predictions against true labels.
    ///
    /// - Parameters:
    ///   - labels: The true class of each example, in `0..<classCount`.
    ///   - predictions: The predicted class of each example, in `0..<classCount`; same length as
    ///     `labels`.
    ///   - classCount: The number of classes `C`, at least 2.
    /// - Throws: ``MetricsError/invalidParameter(name:value:requirement:)`` when `classCount < 2`,
    ///   ``MetricsError/emptyInput(argument:)`` when `labels` is empty,
    ///   ``MetricsError/countMismatch(argument:count:expected:)`` when the lengths differ,
    ///   ``MetricsError/labelOutOfRange(argument:label:index:classCount:)`` for a label or
    ///   prediction outside `0..<classCount`.
    public init(labels: [Int], predictions: [Int], classCount: Int) throws(MetricsError) {
        try MetricsValidation.classCount(classCount)
        try MetricsValidation.nonEmpty(labels.count, argument: "labels")
        try MetricsValidation.count(predictions.count, expected: labels.count, argument: "predictions")
        try MetricsValidation.labels(labels, classCount: classCount, argument: "labels")
        try MetricsValidation.labels(predictions, classCount: classCount, argument: "predictions")
        var counts = [Int](repeating: 0, count: classCount * classCount)
        for (actual, predicted) in zip(labels, predictions) {
            counts[actual * classCount + predicted] += 1
        }
        self.classCount = classCount
        self.counts = counts
    }

    /// The number of examples of class `actual` predicted as class `predicted`.
    ///
    /// Both indices must be in `0..<classCount` (an index outside traps, as an array's does).
    ///
    /// - Parameters:
    ///   - actual: The true class (the row).
    ///   - predicted: The predicted class (the column).
    public subscript(actual actual: Int, predicted predicted: Int) -> Int {
        precondition((0..<classCount).contains(actual) && (0..<classCount).contains(predicted),
                     "ConfusionMatrix: class index out of 0..<\(classCount)")
        return counts[actual * classCount + predicted]
    }

    /// The counts as `C` rows of `C` (row = true class, column = predicted class).
    public var rows: [[Int]] {
        (0..<classCount).map { Array(counts[($0 * classCount)..<(($0 + 1) * classCount)]) }
    }

    /// The number of examples counted.
    public var total: Int { counts.reduce(0, +) }

    /// The fraction of examples predicted correctly.
    public var accuracy: Double {
        Double((0..<classCount).reduce(0) { $0 + counts[$1 * classCount + $1] }) / Double(total)
    }

    /// Precision, recall, F1 and support of every class in `0..<classCount`, in class order.
    /// A class that is neither present nor predicted has every figure 0.
    public var perClass: [ClassMetrics] {
        (0..<classCount).map { c in
            var support = 0
            var predicted = 0
            for other in 0..<classCount {
                support += counts[c * classCount + other]
                predicted += counts[other * classCount + c]
            }
            let truePositives = counts[c * classCount + c]
            return ClassMetrics(
                classIndex: c,
                precision: predicted > 0 ? Double(truePositives) / Double(predicted) : 0,
                recall: support > 0 ? Double(truePositives) / Double(support) : 0,
                f1: support + predicted > 0 ? Double(2 * truePositives) / Double(support + predicted) : 0,
                support: support,
                predictedCount: predicted)
        }
    }

    /// The mean F1 over the classes that occur among the labels or the predictions (or both), as
    /// scikit-learn's `f1_score(average="macro")` without `labels`. A class that is neither
    /// present nor predicted is left out rather than counted as 0.
    public var macroF1: Double {
        let occurring = perClass.filter { $0.support > 0 || $0.predictedCount > 0 }
        return occurring.reduce(0) { $0 + $1.f1 } / Double(occurring.count)
    }

    /// The mean recall over the classes present in the true labels, as scikit-learn's
    /// `balanced_accuracy_score`. A class only predicted, never present, is left out.
    public var balancedAccuracy: Double {
        let present = perClass.filter { $0.support > 0 }
        return present.reduce(0) { $0 + $1.recall } / Double(present.count)
    }
}
