import FocalLoss

/// Class-balanced weights from class counts, normalised so that they sum to the number of
/// classes `C` (a balanced data set gets weight 1 everywhere): FocalLoss's
/// `ClassBalancedWeights`, with a class that has no example weighted 0.
///
/// A class may have no example in a training split; it then never occurs in the loss, gets
/// weight 0, and the classes present share `C` as `ClassBalancedWeights` weights them.
public enum ClassWeighting {
    /// Weights proportional to `1 / n_c`.
    ///
    /// A class with no example gets weight 0 (it never occurs in the loss); the others share `C`.
    ///
    /// - Parameter counts: The number of training examples of each class.
    /// - Returns: One weight per class, summing to `counts.count`.
    public static func inverseFrequency(counts: [Int]) -> [Double] {
        present(counts) { (present) throws(FocalLossError) in try ClassBalancedWeights.inverseFrequency(counts: present) }
    }

    /// Weights proportional to the inverse effective number of samples of Cui et al. (2019),
    /// `(1 - beta) / (1 - beta^n_c)`; `beta = 0` gives equal weights and `beta → 1` tends to
    /// inverse frequency.
    ///
    /// - Parameters:
    ///   - counts: The number of training examples of each class.
    ///   - beta: In `[0, 1)`.
    /// - Returns: One weight per class, summing to `counts.count`.
    public static func effectiveNumber(counts: [Int], beta: Double) -> [Double] {
        present(counts) { (present) throws(FocalLossError) in try ClassBalancedWeights.effectiveNumber(counts: present, beta: beta) }
    }

    /// The library's weights of the classes present, scaled to sum to `counts.count`, and 0 for
    /// the others; 1 everywhere when no class is present (or the weights cannot be formed).
    private static func present(_ counts: [Int], _ weights: ([Int]) throws(FocalLossError) -> [Double]) -> [Double] {
        let present = counts.filter { $0 > 0 }
        guard let balanced = try? weights(present) else { return counts.map { _ in 1 } }
        let scale = Double(counts.count) / Double(present.count)
        var next = balanced.makeIterator()
        return counts.map { $0 > 0 ? next.next()! * scale : 0 }
    }
}
