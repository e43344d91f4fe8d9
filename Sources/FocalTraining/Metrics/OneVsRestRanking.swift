/// A per-class ranking metric of a multi-class classifier, one-vs-rest, with its macro average.
public struct OneVsRestScore: Sendable, Hashable, Codable {
    /// The metric for each class `c`, scoring column `c` against "label is `c`".
    public let perClass: [Double]
    /// The unweighted mean of ``perClass``.
    public let macroAverage: Double
}

/// The scores of a multi-class classifier and the true labels, ranked one-vs-rest: one
/// ``BinaryRanking`` per class, from which the per-class and macro-averaged average precision
/// and ROC-AUC follow.
///
/// Scores are an `N x C` matrix stored row-major in one `[Double]`: `scores[i * classCount + c]`
/// is example `i`'s score for class `c` (a probability, logit or any finite value; higher means
/// more likely). Class `c`'s ranking scores column `c` against "the label is `c`".
///
/// The macro averages agree with scikit-learn's
/// `average_precision_score(label_binarize(y, classes=range(C)), P, average="macro")` and
/// `roc_auc_score(y, P, multi_class="ovr", average="macro")`. Unlike scikit-learn, rows need not
/// sum to 1 (one-vs-rest ROC-AUC only ranks each column), so logits work as well.
///
/// Building costs `O(C n log n)`: each column is sorted once.
public struct OneVsRestRanking: Sendable, Hashable {
    /// The number of classes, `C`.
    public let classCount: Int
    /// The ranking of each class against the rest, indexed by class.
    public let rankings: [BinaryRanking]

    /// Ranks each class's column of scores against the rest.
    ///
    /// - Parameters:
    ///   - scores: The `N x C` score matrix, row-major: `scores[i * classCount + c]`. Finite.
    ///   - labels: The true class of each of the `N` examples, in `0..<classCount`.
    ///   - classCount: The number of classes `C`, at least 2.
    /// - Throws: ``MetricsError/invalidParameter(name:value:requirement:)`` when `classCount < 2`,
    ///   ``MetricsError/emptyInput(argument:)`` when `labels` is empty,
    ///   ``MetricsError/countMismatch(argument:count:expected:)`` when `scores` does not hold
    ///   `labels.count * classCount` values,
    ///   ``MetricsError/nonFiniteScore(argument:value:index:position:)`` for a NaN or infinite
    ///   score (with its row and column),
    ///   ``MetricsError/labelOutOfRange(argument:label:index:classCount:)`` for a bad label.
    public init(scores: [Double], labels: [Int], classCount: Int) throws(MetricsError) {
        try MetricsValidation.classCount(classCount)
        try MetricsValidation.nonEmpty(labels.count, argument: "labels")
        try MetricsValidation.count(scores.count, expected: labels.count * classCount, argument: "scores")
        try MetricsValidation.finite(scores, argument: "scores", columns: classCount)
        try MetricsValidation.labels(labels, classCount: classCount, argument: "labels")
        var rankings: [BinaryRanking] = []
        rankings.reserveCapacity(classCount)
        for c in 0..<classCount {
            var positives: [Double] = []
            var negatives: [Double] = []
            for (row, label) in labels.enumerated() {
                let score = scores[row * classCount + c]
                if label == c { positives.append(score) } else { negatives.append(score) }
            }
            rankings.append(BinaryRanking(positiveScores: positives, negativeScores: negatives))
        }
        self.classCount = classCount
        self.rankings = rankings
    }

    /// One-vs-rest average precision of each class and their macro average (see
    /// ``BinaryRanking/averagePrecision()``).
    ///
    /// - Returns: The per-class average precisions and their mean.
    /// - Throws: ``MetricsError/missingClass(argument:classIndex:metric:)`` naming the first class
    ///   without any example in `labels`: its average precision is undefined. (scikit-learn
    ///   raises too for multi-class labels missing a class; on one-hot labels it counts such a
    ///   class as 0 with a warning.)
    public func averagePrecision() throws(MetricsError) -> OneVsRestScore {
        try requireEveryClass(metric: "one-vs-rest average precision")
        var perClass: [Double] = []
        for ranking in rankings { perClass.append(try ranking.averagePrecision()) }
        return OneVsRestScore(perClass: perClass, macroAverage: perClass.reduce(0, +) / Double(classCount))
    }

    /// One-vs-rest ROC-AUC of each class and their macro average (see ``BinaryRanking/rocAUC()``).
    ///
    /// - Returns: The per-class ROC-AUCs and their mean.
    /// - Throws: ``MetricsError/missingClass(argument:classIndex:metric:)`` naming the first class
    ///   without any example in `labels`: its ROC-AUC is undefined (scikit-learn raises too).
    public func rocAUC() throws(MetricsError) -> OneVsRestScore {
        try requireEveryClass(metric: "one-vs-rest ROC-AUC")
        var perClass: [Double] = []
        // Every class present and at least two classes: each has positives and negatives.
        for ranking in rankings { perClass.append(try ranking.rocAUC()) }
        return OneVsRestScore(perClass: perClass, macroAverage: perClass.reduce(0, +) / Double(classCount))
    }

    func requireEveryClass(metric: String) throws(MetricsError) {
        for (c, ranking) in rankings.enumerated() where ranking.positiveCount == 0 {
            throw .missingClass(argument: "labels", classIndex: c, metric: metric)
        }
    }
}
