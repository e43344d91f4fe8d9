extension BinaryRanking {
    /// Average precision: the area under the precision-recall curve as a step function, exactly
    /// scikit-learn's `average_precision_score`.
    ///
    /// `AP = sum_k (R_k - R_(k-1)) P_k` over the distinct scores in decreasing order, where
    /// `P_k` and `R_k` are the precision and recall when every example scoring `>= k`-th
    /// distinct score is predicted positive, and `R_0 = 0`. Tied scores form one step; there is
    /// no interpolation. It lies in `(0, 1]`; a perfect ranking gives 1, and scores that are all
    /// equal give the fraction of positives.
    ///
    /// - Returns: The average precision.
    /// - Throws: ``MetricsError/missingClass(argument:classIndex:metric:)`` (class 1) when there
    ///   is no positive example: recall is then 0/0 (scikit-learn warns and returns 0).
    public func averagePrecision() throws(MetricsError) -> Double {
        guard positiveCount > 0 else {
            throw .missingClass(argument: "labels", classIndex: 1, metric: "average precision")
        }
        var sum = 0.0
        var previous = 0
        for k in thresholds.indices where truePositives[k] != previous {
            let truePositives = truePositives[k]
            let precision = Double(truePositives) / Double(truePositives + falsePositives[k])
            sum += Double(truePositives - previous) * precision
            previous = truePositives
        }
        return sum / Double(positiveCount)
    }

    /// The area under the ROC curve, exactly scikit-learn's `roc_auc_score` for binary labels.
    ///
    /// The trapezoidal area under the curve of true-positive rate against false-positive rate,
    /// with tied scores forming one segment; equivalently the Mann-Whitney statistic: the
    /// probability that a random positive scores above a random negative, a tie counting 1/2.
    /// A perfect ranking gives 1, a reversed one 0, scores that are all equal 0.5. It is computed
    /// in exact integer arithmetic and rounded once.
    ///
    /// - Returns: The ROC-AUC, in `[0, 1]`.
    /// - Throws: ``MetricsError/missingClass(argument:classIndex:metric:)`` when the labels hold
    ///   no positive (class 1) or no negative (class 0) example (scikit-learn warns and returns NaN).
    public func rocAUC() throws(MetricsError) -> Double {
        try requireBothClasses(metric: "ROC-AUC")
        // Twice the area in units of one positive times one negative: each group adds its
        // negatives times (positives above it + positives above and in it), the trapezoid.
        var twiceArea = 0
        var previousTrue = 0
        var previousFalse = 0
        for k in thresholds.indices {
            twiceArea += (falsePositives[k] - previousFalse) * (truePositives[k] + previousTrue)
            previousTrue = truePositives[k]
            previousFalse = falsePositives[k]
        }
        return Double(twiceArea) / (2 * Double(positiveCount) * Double(negativeCount))
    }

    /// Throws unless both classes have at least one example.
    func requireBothClasses(metric: String) throws(MetricsError) {
        guard positiveCount > 0 else { throw .missingClass(argument: "labels", classIndex: 1, metric: metric) }
        guard negativeCount > 0 else { throw .missingClass(argument: "labels", classIndex: 0, metric: metric) }
    }
}
