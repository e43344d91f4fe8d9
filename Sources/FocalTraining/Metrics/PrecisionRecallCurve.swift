/// The precision-recall curve of a binary ranking, laid out as scikit-learn's
/// `precision_recall_curve` returns it, ready to plot.
///
/// Entry `i` of ``precision`` and ``recall`` is the precision and recall when every example
/// scoring `>= thresholds[i]` is predicted positive. ``thresholds`` are the distinct scores in
/// increasing order, so recall decreases along the arrays. ``precision`` and ``recall`` have one
/// more entry than ``thresholds``: a last point with precision 1 and recall 0 and no threshold.
/// Precision at a threshold that selects no example would be 0, but every threshold here selects
/// at least one.
public struct PrecisionRecallCurve: Sendable, Hashable, Codable {
    /// The precision at each threshold, then 1.
    public let precision: [Double]
    /// The recall at each threshold (decreasing), then 0.
    public let recall: [Double]
    /// The distinct scores used as thresholds, increasing.
    public let thresholds: [Double]
}

extension BinaryRanking {
    /// The precision-recall curve, exactly as scikit-learn's `precision_recall_curve`.
    ///
    /// - Parameter dropIntermediate: When `true`, drops the thresholds at which only false
    ///   positives are added (recall unchanged from both neighbours), as scikit-learn does with
    ///   `drop_intermediate=True`; the first and last thresholds are always kept. Such points lie
    ///   on a vertical run of the step curve and change neither its plot nor its average
    ///   precision. Defaults to `false`, as in scikit-learn.
    /// - Returns: The curve, one point per (kept) distinct score plus the final (recall 0,
    ///   precision 1) point.
    /// - Throws: ``MetricsError/missingClass(argument:classIndex:metric:)`` (class 1) when there
    ///   is no positive example, so recall is 0/0 (scikit-learn warns and sets recall to 1).
    public func precisionRecallCurve(dropIntermediate: Bool = false) throws(MetricsError) -> PrecisionRecallCurve {
        guard positiveCount > 0 else {
            throw .missingClass(argument: "labels", classIndex: 1, metric: "the precision-recall curve")
        }
        var kept = Array(thresholds.indices)
        if dropIntermediate, thresholds.count > 2 {
            kept = kept.filter { k in
                k == 0 || k == thresholds.count - 1
                    || truePositives[k] != truePositives[k - 1] || truePositives[k + 1] != truePositives[k]
            }
        }
        var precision: [Double] = []
        var recall: [Double] = []
        var curveThresholds: [Double] = []
        precision.reserveCapacity(kept.count + 1)
        recall.reserveCapacity(kept.count + 1)
        curveThresholds.reserveCapacity(kept.count)
        for k in kept.reversed() {
            precision.append(Double(truePositives[k]) / Double(truePositives[k] + falsePositives[k]))
            recall.append(Double(truePositives[k]) / Double(positiveCount))
            curveThresholds.append(thresholds[k])
        }
        precision.append(1)
        recall.append(0)
        return PrecisionRecallCurve(precision: precision, recall: recall, thresholds: curveThresholds)
    }
}
