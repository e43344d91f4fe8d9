/// A decision threshold for a binary classifier and how it performs on the data it was chosen on.
///
/// An example is predicted positive when its score is `>= threshold`.
public struct ThresholdChoice: Sendable, Hashable, Codable {
    /// The threshold: one of the scores it was chosen from.
    public let threshold: Double
    /// The F1 score (harmonic mean of precision and recall) at the threshold.
    public let f1: Double
    /// The precision at the threshold.
    public let precision: Double
    /// The recall at the threshold.
    public let recall: Double
}

extension BinaryRanking {
    /// The threshold that maximises F1 on these (validation) scores.
    ///
    /// Every distinct score is tried as a threshold, an example being predicted positive when its
    /// score is `>= threshold`; F1 is `2 TP / (2 TP + FP + FN)`. When several thresholds reach
    /// the same best F1 exactly, the highest of them is returned (the one predicting the fewest
    /// positives). The threshold is a score itself; to apply it to new data keep the `>=` rule.
    ///
    /// - Returns: The best threshold with its F1, precision and recall.
    /// - Throws: ``MetricsError/missingClass(argument:classIndex:metric:)`` (class 1) when there
    ///   is no positive example, so F1 is 0 at every threshold.
    public func bestF1Threshold() throws(MetricsError) -> ThresholdChoice {
        guard positiveCount > 0 else {
            throw .missingClass(argument: "labels", classIndex: 1, metric: "the best-F1 threshold")
        }
        var best = 0
        var bestF1 = -1.0
        for k in thresholds.indices {
            // 2 TP / (2 TP + FP + FN) with FN = P - TP; exact ratios round to equal Doubles, so
            // `>` keeps the first (highest) threshold among exact ties.
            let f1 = Double(2 * truePositives[k]) / Double(truePositives[k] + falsePositives[k] + positiveCount)
            if f1 > bestF1 {
                bestF1 = f1
                best = k
            }
        }
        return ThresholdChoice(
            threshold: thresholds[best], f1: bestF1,
            precision: Double(truePositives[best]) / Double(truePositives[best] + falsePositives[best]),
            recall: Double(truePositives[best]) / Double(positiveCount))
    }
}
