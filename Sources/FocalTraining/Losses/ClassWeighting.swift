import Foundation

/// Class-balanced weights from class counts, normalised so that they sum to the number of
/// classes `C` (a balanced data set gets weight 1 everywhere).
public enum ClassWeighting {
    /// Weights proportional to `1 / n_c`.
    ///
    /// A class with no example gets weight 0 (it never occurs in the loss); the others share `C`.
    ///
    /// - Parameter counts: The number of training examples of each class.
    /// - Returns: One weight per class, summing to `counts.count`.
    public static func inverseFrequency(counts: [Int]) -> [Double] {
        normalised(counts.map { $0 > 0 ? 1 / Double($0) : 0 })
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
        normalised(counts.map { count in
            guard count > 0 else { return 0 }
            // 1 - beta^n computed as -expm1(n log beta), exact for beta near 1.
            let effective = beta == 0 ? 1 : -expm1(Double(count) * log(beta))
            return (1 - beta) / effective
        })
    }

    private static func normalised(_ raw: [Double]) -> [Double] {
        let total = raw.reduce(0, +)
        guard total > 0 else { return raw.map { _ in 1 } }
        return raw.map { $0 * Double(raw.count) / total }
    }
}
