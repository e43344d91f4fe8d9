/// A stratified split of a data set into the rows a ``Trainer`` sees (which it splits again into
/// training and validation rows) and held-out test rows that only the final metrics see.
///
/// The same labels, fraction and seed give the same split (see ``StratifiedSplit``).
public struct HoldOutSplit: Sendable {
    /// The rows given to the trainer.
    public let training: Dataset
    /// The held-out test rows.
    public let test: Dataset

    /// Splits `data` by class.
    ///
    /// - Parameters:
    ///   - data: The labelled rows.
    ///   - testFraction: The share of each class held out for testing, in `(0, 1)`.
    ///   - seed: The seed of the shuffle.
    /// - Throws: ``DataError/invalidData(reason:)`` for a fraction out of range, or when a class
    ///   has no test row or no training row (too few rows of it).
    public init(_ data: Dataset, testFraction: Double, seed: UInt64) throws(DataError) {
        guard testFraction > 0, testFraction < 1 else {
            throw .invalidData(reason: "the test fraction must be in (0, 1), got \(testFraction)")
        }
        let split = try StratifiedSplit(labels: data.labels, classCount: data.classCount,
                                        validationFraction: testFraction, seed: seed)
        training = data.rows(split.training)
        test = data.rows(split.validation)
        for (c, name) in data.classNames.enumerated() {
            let inTest = test.classCounts[c], inTraining = training.classCounts[c]
            if inTest == 0 || inTraining < 2 {
                throw .invalidData(reason: "class '\(name)' has \(data.classCounts[c]) rows: too few to hold out test rows and still train")
            }
        }
    }
}
