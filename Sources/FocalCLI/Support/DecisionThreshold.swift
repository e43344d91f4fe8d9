import ArgumentParser

/// The `--threshold` option's rule, shared by `evaluate` and `predict`: a probability.
enum DecisionThreshold {
    /// Throws a usage error unless `threshold` (when given) is in `[0, 1]`.
    static func validate(_ threshold: Double?) throws {
        if let threshold, !(threshold >= 0 && threshold <= 1) {
            throw ValidationError("--threshold: must be in [0, 1], got \(threshold)")
        }
    }
}
