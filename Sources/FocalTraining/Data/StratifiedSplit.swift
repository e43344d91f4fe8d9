/// A stratified split of row indices into a training and a validation part.
///
/// Each class is shuffled on its own with a ``SeededGenerator`` and `round(n_c * fraction)` of
/// its rows go to validation, so both parts keep the class proportions; a class with a single row
/// stays in training. Both index lists are sorted. The same seed and labels give the same split.
public struct StratifiedSplit: Sendable, Hashable {
    /// The training rows, in increasing order.
    public let training: [Int]
    /// The validation rows, in increasing order.
    public let validation: [Int]

    /// Splits rows by class.
    ///
    /// - Parameters:
    ///   - labels: The class of each row, in `0..<classCount`.
    ///   - classCount: The number of classes.
    ///   - validationFraction: The share of each class to hold out, in `[0, 1)`; `0` keeps every
    ///     row for training.
    ///   - seed: The seed of the shuffle.
    /// - Throws: ``DataError/invalidData(reason:)`` for a fraction outside `[0, 1)` or a label
    ///   out of range.
    public init(labels: [Int], classCount: Int, validationFraction: Double, seed: UInt64) throws(DataError) {
        guard validationFraction >= 0, validationFraction < 1 else {
            throw .invalidData(reason: "validation fraction \(validationFraction) is not in [0, 1)")
        }
        var byClass = [[Int]](repeating: [], count: classCount)
        for (row, label) in labels.enumerated() {
            guard (0..<classCount).contains(label) else {
                throw .invalidData(reason: "label \(label) of row \(row) is not in 0..<\(classCount)")
            }
            byClass[label].append(row)
        }
        var generator = SeededGenerator(seed: seed)
        var training = [Int]()
        var validation = [Int]()
        for var rows in byClass {
            generator.shuffle(&rows)
            var held = Int((Double(rows.count) * validationFraction).rounded())
            if rows.count < 2 { held = 0 } else { held = min(held, rows.count - 1) }
            validation.append(contentsOf: rows[..<held])
            training.append(contentsOf: rows[held...])
        }
        self.training = training.sorted()
        self.validation = validation.sorted()
    }
}
