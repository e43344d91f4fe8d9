/// Precision, recall, F1 and support of one class, from predicted against true labels.
///
/// A ratio whose denominator is zero is 0, as scikit-learn's `zero_division=0`.
public struct ClassMetrics: Sendable, Hashable, Codable {
    /// The class, in `0..<classCount`.
    public let classIndex: Int
    /// Of the examples predicted as this class, the fraction that are: `TP / (TP + FP)`.
    public let precision: Double
    /// Of the examples of this class, the fraction predicted as it: `TP / (TP + FN)`.
    public let recall: Double
    /// The harmonic mean of precision and recall: `2 TP / (2 TP + FP + FN)`.
    public let f1: Double
    /// The number of examples of this class (`TP + FN`).
    public let support: Int
    /// The number of examples predicted as this class (`TP + FP`).
    public let predictedCount: Int
}
