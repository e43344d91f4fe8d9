/// Scores of a binary classifier and the true labels, sorted once, from which every ranking
/// metric is computed: ``averagePrecision()``, ``rocAUC()``, ``precisionRecallCurve(dropIntermediate:)``,
/// ``rocCurve(dropIntermediate:)`` and ``bestF1Threshold()``.
///
/// A higher score means "more positive"; scores may be probabilities, logits or any other
/// finite values. Examples with equal scores are grouped: every distinct score is one threshold,
/// and an example is predicted positive at threshold `t` when its score is `>= t`. This is how
/// scikit-learn builds its curves, and every figure here agrees with scikit-learn's on the same
/// scores to rounding (far below 1e-9 relative).
///
/// Building a ranking sorts the scores, `O(n log n)`; each metric is then one `O(d)` pass over
/// the `d <= n` distinct scores. Build one ranking and ask it for several metrics rather than
/// sorting again for each.
///
/// ```swift
/// let ranking = try BinaryRanking(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
/// let ap = try ranking.averagePrecision()   // 0.8333...
/// let auc = try ranking.rocAUC()            // 0.75
/// ```
public struct BinaryRanking: Sendable, Hashable {
    /// The distinct scores, in decreasing order.
    let thresholds: [Double]
    /// `truePositives[k]`: positives with score `>= thresholds[k]` (cumulative, increasing).
    let truePositives: [Int]
    /// `falsePositives[k]`: negatives with score `>= thresholds[k]` (cumulative, increasing).
    let falsePositives: [Int]

    /// The number of positive examples (label `true` or `1`).
    public let positiveCount: Int
    /// The number of negative examples (label `false` or `0`).
    public let negativeCount: Int

    /// The number of examples.
    public var count: Int { positiveCount + negativeCount }

    /// The number of distinct scores, which is the number of thresholds the curves step through.
    public var distinctScoreCount: Int { thresholds.count }

    /// Ranks scores against Boolean labels.
    ///
    /// - Parameters:
    ///   - scores: One finite score per example; higher means more likely positive.
    ///   - labels: The true class of each example: `true` for positive. Same length as `scores`.
    /// - Throws: ``MetricsError/emptyInput(argument:)`` when `scores` is empty,
    ///   ``MetricsError/countMismatch(argument:count:expected:)`` when the lengths differ,
    ///   ``MetricsError/nonFiniteScore(argument:value:index:position:)`` for a NaN or infinite score.
    public init(scores: [Double], labels: [Bool]) throws(MetricsError) {
        try MetricsValidation.nonEmpty(scores.count, argument: "scores")
        try MetricsValidation.count(labels.count, expected: scores.count, argument: "labels")
        try MetricsValidation.finite(scores, argument: "scores")
        var positives: [Double] = []
        var negatives: [Double] = []
        for index in scores.indices {
            if labels[index] { positives.append(scores[index]) } else { negatives.append(scores[index]) }
        }
        self.init(positiveScores: positives, negativeScores: negatives)
    }

    /// Ranks scores against 0/1 labels.
    ///
    /// - Parameters:
    ///   - scores: One finite score per example; higher means more likely positive.
    ///   - labels: The true class of each example: `1` for positive, `0` for negative. Same
    ///     length as `scores`.
    /// - Throws: ``MetricsError/emptyInput(argument:)`` when `scores` is empty,
    ///   ``MetricsError/countMismatch(argument:count:expected:)`` when the lengths differ,
    ///   ``MetricsError/nonFiniteScore(argument:value:index:position:)`` for a NaN or infinite score,
    ///   ``MetricsError/labelOutOfRange(argument:label:index:classCount:)`` for a label other
    ///   than 0 or 1.
    public init(scores: [Double], labels: [Int]) throws(MetricsError) {
        try MetricsValidation.nonEmpty(scores.count, argument: "scores")
        try MetricsValidation.count(labels.count, expected: scores.count, argument: "labels")
        try MetricsValidation.finite(scores, argument: "scores")
        try MetricsValidation.labels(labels, classCount: 2, argument: "labels")
        var positives: [Double] = []
        var negatives: [Double] = []
        for index in scores.indices {
            if labels[index] == 1 { positives.append(scores[index]) } else { negatives.append(scores[index]) }
        }
        self.init(positiveScores: positives, negativeScores: negatives)
    }

    /// Sorts each side in decreasing order and merges them, one entry per distinct score.
    /// The scores must be finite (checked by the callers).
    init(positiveScores: [Double], negativeScores: [Double]) {
        var positives = positiveScores
        var negatives = negativeScores
        positives.sort(by: >)
        negatives.sort(by: >)
        var thresholds: [Double] = []
        var truePositives: [Int] = []
        var falsePositives: [Int] = []
        let capacity = positives.count + negatives.count
        thresholds.reserveCapacity(capacity)
        truePositives.reserveCapacity(capacity)
        falsePositives.reserveCapacity(capacity)
        var p = 0
        var n = 0
        while p < positives.count || n < negatives.count {
            let threshold: Double
            if p < positives.count, n < negatives.count {
                threshold = Swift.max(positives[p], negatives[n])
            } else if p < positives.count {
                threshold = positives[p]
            } else {
                threshold = negatives[n]
            }
            while p < positives.count, positives[p] == threshold { p += 1 }
            while n < negatives.count, negatives[n] == threshold { n += 1 }
            thresholds.append(threshold)
            truePositives.append(p)
            falsePositives.append(n)
        }
        self.thresholds = thresholds
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.positiveCount = positives.count
        self.negativeCount = negatives.count
    }
}
