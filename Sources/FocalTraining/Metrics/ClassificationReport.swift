/// The figures of one class in a ``ClassificationReport``.
public struct ClassReport: Sendable, Hashable, Codable {
    /// The class, in `0..<classCount`.
    public let classIndex: Int
    /// The number of examples of this class.
    public let support: Int
    /// Precision of the thresholded (binary) or arg-max (multi-class) predictions; 0 when the
    /// class is never predicted.
    public let precision: Double
    /// Recall of the predictions; 0 when the class has no example.
    public let recall: Double
    /// F1 of the predictions; 0 when precision and recall are both 0.
    public let f1: Double
    /// Average precision of this class against the rest, from the scores (no threshold).
    public let averagePrecision: Double
    /// ROC-AUC of this class against the rest, from the scores (no threshold).
    public let rocAUC: Double
}

/// A summary of a classifier's performance on labelled data: ranking metrics from the scores and
/// label metrics from the predictions, per class and overall.
///
/// It is a plain value, `Codable` for JSON (`averagePrecision`, `rocAUC`, `balancedAccuracy`,
/// `macroF1`, `accuracy`, `perClass`, `confusionMatrix`, ... as keys) and `Sendable`; every
/// figure is finite, so `JSONEncoder` needs no special float strategy.
///
/// - Binary (`init(binaryScores:labels:threshold:)`): one score per example for class 1;
///   predicted class 1 when `score >= threshold`. ``averagePrecision`` and ``rocAUC`` are those
///   of class 1, the positive class (by default the rarer one: see ``PositiveClass``). In
///   ``perClass``, class 0's ranking figures rank the negated scores against "label is 0".
/// - Multi-class (``init(classScores:labels:classCount:)``): an `N x C` score matrix; the
///   prediction is the arg-max of each row (the lowest class among equal maxima).
///   ``averagePrecision`` and ``rocAUC`` are one-vs-rest macro averages.
///
/// Label metrics follow scikit-learn (see ``ConfusionMatrix``): zero-denominator ratios are 0,
/// ``macroF1`` averages over classes present or predicted, ``balancedAccuracy`` over classes present.
public struct ClassificationReport: Sendable, Hashable, Codable {
    /// Whether the report is of a binary or a multi-class classifier.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// One score per example, thresholded.
        case binary
        /// One score per class per example, arg-max.
        case multiclass
    }

    /// How the report was made.
    public let kind: Kind
    /// The number of examples.
    public let sampleCount: Int
    /// The number of classes (2 for binary).
    public let classCount: Int
    /// The decision threshold of a binary report (`nil` for multi-class).
    public let threshold: Double?
    /// The fraction of examples predicted correctly.
    public let accuracy: Double
    /// The mean recall over the classes present.
    public let balancedAccuracy: Double
    /// The mean F1 over the classes present or predicted.
    public let macroF1: Double
    /// Binary: the average precision of class 1. Multi-class: the one-vs-rest macro average.
    public let averagePrecision: Double
    /// Binary: the ROC-AUC. Multi-class: the one-vs-rest macro average.
    public let rocAUC: Double
    /// The figures of each class, in class order.
    public let perClass: [ClassReport]
    /// Row = true class, column = predicted class.
    public let confusionMatrix: [[Int]]

    /// Reports on a binary classifier from one score per example.
    ///
    /// - Parameters:
    ///   - binaryScores: One finite score per example; higher means more likely class 1.
    ///   - labels: The true class of each example, 0 or 1.
    ///   - threshold: Examples scoring `>= threshold` are predicted class 1. Finite; defaults to
    ///     0.5, for probabilities (use 0 for logits, or a threshold from
    ///     ``BinaryRanking/bestF1Threshold()`` on validation data).
    /// - Throws: the errors of ``BinaryRanking``'s initialiser from 0/1 labels;
    ///   ``MetricsError/invalidParameter(name:value:requirement:)`` for a non-finite threshold;
    ///   ``MetricsError/missingClass(argument:classIndex:metric:)`` when either class has no
    ///   example (ROC-AUC is then undefined).
    public init(binaryScores: [Double], labels: [Int], threshold: Double = 0.5) throws(MetricsError) {
        guard threshold.isFinite else {
            throw .invalidParameter(name: "threshold", value: threshold, requirement: "must be finite")
        }
        let positive = try BinaryRanking(scores: binaryScores, labels: labels)
        try positive.requireBothClasses(metric: "ROC-AUC")
        let negative = try BinaryRanking(scores: binaryScores.map { -$0 }, labels: labels.map { 1 - $0 })
        let predictions = binaryScores.map { $0 >= threshold ? 1 : 0 }
        let matrix = try ConfusionMatrix(labels: labels, predictions: predictions, classCount: 2)
        let averagePrecisions = [try negative.averagePrecision(), try positive.averagePrecision()]
        let rocAUC = try positive.rocAUC()
        self.init(
            kind: .binary, threshold: threshold, matrix: matrix,
            averagePrecisions: averagePrecisions, rocAUCs: [try negative.rocAUC(), rocAUC],
            averagePrecision: averagePrecisions[1], rocAUC: rocAUC)
    }

    /// Reports on a binary classifier from one score per example and Boolean labels.
    ///
    /// - Parameters:
    ///   - binaryScores: One finite score per example; higher means more likely positive.
    ///   - labels: The true class of each example: `true` is class 1.
    ///   - threshold: Examples scoring `>= threshold` are predicted class 1. Finite; defaults to 0.5.
    /// - Throws: as the initialiser from 0/1 labels.
    public init(binaryScores: [Double], labels: [Bool], threshold: Double = 0.5) throws(MetricsError) {
        try self.init(binaryScores: binaryScores, labels: labels.map { $0 ? 1 : 0 }, threshold: threshold)
    }

    /// Reports on a multi-class classifier from an `N x C` score matrix.
    ///
    /// - Parameters:
    ///   - classScores: The scores, row-major: `classScores[i * classCount + c]` is example `i`'s
    ///     score for class `c`. Finite; rows need not sum to 1.
    ///   - labels: The true class of each of the `N` examples, in `0..<classCount`.
    ///   - classCount: The number of classes `C`, at least 2.
    /// - Throws: the errors of ``OneVsRestRanking/init(scores:labels:classCount:)``, and
    ///   ``MetricsError/missingClass(argument:classIndex:metric:)`` when a class has no example
    ///   (its one-vs-rest figures are then undefined).
    public init(classScores: [Double], labels: [Int], classCount: Int) throws(MetricsError) {
        let ranking = try OneVsRestRanking(scores: classScores, labels: labels, classCount: classCount)
        let averagePrecision = try ranking.averagePrecision()
        let rocAUC = try ranking.rocAUC()
        let predictions = labels.indices.map { row in
            var best = 0
            for c in 1..<classCount where classScores[row * classCount + c] > classScores[row * classCount + best] {
                best = c
            }
            return best
        }
        let matrix = try ConfusionMatrix(labels: labels, predictions: predictions, classCount: classCount)
        self.init(
            kind: .multiclass, threshold: nil, matrix: matrix,
            averagePrecisions: averagePrecision.perClass, rocAUCs: rocAUC.perClass,
            averagePrecision: averagePrecision.macroAverage, rocAUC: rocAUC.macroAverage)
    }

    private init(
        kind: Kind, threshold: Double?, matrix: ConfusionMatrix,
        averagePrecisions: [Double], rocAUCs: [Double], averagePrecision: Double, rocAUC: Double
    ) {
        self.kind = kind
        self.sampleCount = matrix.total
        self.classCount = matrix.classCount
        self.threshold = threshold
        self.accuracy = matrix.accuracy
        self.balancedAccuracy = matrix.balancedAccuracy
        self.macroF1 = matrix.macroF1
        self.averagePrecision = averagePrecision
        self.rocAUC = rocAUC
        self.perClass = matrix.perClass.map { metrics in
            ClassReport(
                classIndex: metrics.classIndex, support: metrics.support, precision: metrics.precision,
                recall: metrics.recall, f1: metrics.f1,
                averagePrecision: averagePrecisions[metrics.classIndex], rocAUC: rocAUCs[metrics.classIndex])
        }
        self.confusionMatrix = matrix.rows
    }
}
