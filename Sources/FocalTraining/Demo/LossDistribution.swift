import FocalLoss

/// The cumulative distribution of the normalised loss, as in Figure 4 of the focal-loss paper
/// (Lin et al., 2017): each example's loss divided by the total loss of its group, sorted in
/// increasing order and summed, against the fraction of the group's examples.
public enum LossDistribution {
    /// The sigmoid focal loss (no α) of each row, computed by `SigmoidFocalLoss` from its logit.
    ///
    /// - Parameters:
    ///   - logits: One logit of class 1 per row.
    ///   - labels: The class (0 or 1) of each row.
    ///   - gamma: The focusing parameter, `>= 0` (0 is cross-entropy).
    /// - Throws: `FocalLossError` for a bad `gamma`, a non-finite logit or a count mismatch.
    public static func focalLosses(logits: [Float], labels: [Int], gamma: Double) throws(FocalLossError) -> [Double] {
        let loss = try SigmoidFocalLoss<Float>(gamma: Float(gamma), threads: 1)
        return try loss.elementwiseLosses(logits, targets: labels.map { Float($0) }).map(Double.init)
    }

    /// The cumulative normalised loss: `y[k]` is the share of the total loss carried by the `k + 1`
    /// smallest losses, so the last value is 1 (all zeros when the total is 0).
    ///
    /// - Parameter losses: Non-negative losses of one group (positives or negatives).
    /// - Returns: One value per loss, non-decreasing.
    public static func cumulativeShare(_ losses: [Double]) -> [Double] {
        let sorted = losses.sorted()
        let total = sorted.reduce(0, +)
        var running = 0.0
        return sorted.map { value in
            running += value
            return total > 0 ? running / total : 0
        }
    }
}
