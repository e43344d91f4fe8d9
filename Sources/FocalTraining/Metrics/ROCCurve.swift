/// The receiver operating characteristic curve of a binary ranking, laid out as scikit-learn's
/// `roc_curve` returns it, ready to plot.
///
/// Entry `i` is the false- and true-positive rate when every example scoring `>= thresholds[i]`
/// is predicted positive. ``thresholds`` decrease; the first is `+infinity`, the point (0, 0)
/// where nothing is predicted positive, so both rates increase from 0 to 1 along the arrays.
///
/// Because of that first infinite threshold, encoding a curve with `JSONEncoder` needs a
/// `nonConformingFloatEncodingStrategy`.
public struct ROCCurve: Sendable, Hashable, Codable {
    /// The false-positive rate (fall-out) at each threshold, increasing from 0 to 1.
    public let falsePositiveRate: [Double]
    /// The true-positive rate (recall) at each threshold, increasing from 0 to 1.
    public let truePositiveRate: [Double]
    /// `+infinity`, then the (kept) distinct scores in decreasing order.
    public let thresholds: [Double]
}

extension BinaryRanking {
    /// The ROC curve, exactly as scikit-learn's `roc_curve`.
    ///
    /// - Parameter dropIntermediate: When `true` (the default, as in scikit-learn), drops the
    ///   thresholds whose point is collinear with its neighbours on a horizontal or vertical run
    ///   (the second difference of both counts is zero); the first and last are always kept. This
    ///   changes neither the plot nor the area.
    /// - Returns: The curve: (0, 0) at threshold `+infinity`, then one point per (kept) distinct
    ///   score, ending at (1, 1).
    /// - Throws: ``MetricsError/missingClass(argument:classIndex:metric:)`` when the labels hold
    ///   no positive (class 1) or no negative (class 0) example, so a rate is 0/0 (scikit-learn
    ///   warns and returns NaN rates).
    public func rocCurve(dropIntermediate: Bool = true) throws(MetricsError) -> ROCCurve {
        try requireBothClasses(metric: "the ROC curve")
        var kept = Array(thresholds.indices)
        if dropIntermediate, thresholds.count > 2 {
            kept = kept.filter { k in
                guard k > 0, k < thresholds.count - 1 else { return true }
                let falseBend = falsePositives[k + 1] - 2 * falsePositives[k] + falsePositives[k - 1]
                let trueBend = truePositives[k + 1] - 2 * truePositives[k] + truePositives[k - 1]
                return falseBend != 0 || trueBend != 0
            }
        }
        var falsePositiveRate: [Double] = [0]
        var truePositiveRate: [Double] = [0]
        var curveThresholds: [Double] = [.infinity]
        falsePositiveRate.reserveCapacity(kept.count + 1)
        truePositiveRate.reserveCapacity(kept.count + 1)
        curveThresholds.reserveCapacity(kept.count + 1)
        for k in kept {
            falsePositiveRate.append(Double(falsePositives[k]) / Double(negativeCount))
            truePositiveRate.append(Double(truePositives[k]) / Double(positiveCount))
            curveThresholds.append(thresholds[k])
        }
        return ROCCurve(
            falsePositiveRate: falsePositiveRate, truePositiveRate: truePositiveRate, thresholds: curveThresholds)
    }
}
