/// Labelled examples for classification: a row-major matrix of numeric features, one class index
/// per row, and the names of the features and classes.
///
/// A missing feature value is stored as NaN (only when loaded with
/// ``MissingValuePolicy/imputeTrainingMean``); ``Standardizer`` replaces it by the training mean.
public struct Dataset: Sendable, Hashable {
    /// The feature names, in column order.
    public let featureNames: [String]
    /// The class names; a label `c` stands for `classNames[c]`.
    public let classNames: [String]
    /// The features, row-major: `features[row * featureCount + column]`.
    public let features: [Float]
    /// The class of each row, in `0..<classNames.count`.
    public let labels: [Int]
    /// Where each row came from: its line in the file, or its index plus 1 for data made in memory.
    public let lineNumbers: [Int]

    /// The number of rows (examples).
    public var rowCount: Int { labels.count }
    /// The number of feature columns.
    public var featureCount: Int { featureNames.count }
    /// The number of classes.
    public var classCount: Int { classNames.count }
    /// Whether there are exactly two classes (a single sigmoid output).
    public var isBinary: Bool { classNames.count == 2 }

    /// The number of rows of each class.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// Creates a data set from values in memory.
    ///
    /// - Parameters:
    ///   - features: Row-major, `labels.count * featureNames.count` values; finite or NaN (missing).
    ///   - labels: One class index per row, in `0..<classNames.count`.
    ///   - featureNames: The feature names (at least one).
    ///   - classNames: The class names (at least two, distinct).
    ///   - lineNumbers: Where each row came from (default: `1...rowCount`).
    /// - Throws: ``DataError/invalidData(reason:)`` when counts disagree, a label is out of range
    ///   or a value is infinite.
    public init(
        features: [Float], labels: [Int], featureNames: [String], classNames: [String], lineNumbers: [Int]? = nil
    ) throws(DataError) {
        guard !featureNames.isEmpty else { throw .invalidData(reason: "there is no feature") }
        guard classNames.count >= 2 else { throw .invalidData(reason: "at least two classes are needed") }
        guard Set(classNames).count == classNames.count else { throw .invalidData(reason: "class names repeat") }
        guard !labels.isEmpty else { throw .invalidData(reason: "there is no row") }
        guard features.count == labels.count * featureNames.count else {
            throw .invalidData(reason: "\(features.count) feature values for \(labels.count) rows of \(featureNames.count) features")
        }
        if let index = labels.firstIndex(where: { !(0..<classNames.count).contains($0) }) {
            throw .invalidData(reason: "label \(labels[index]) of row \(index) is not in 0..<\(classNames.count)")
        }
        if let index = features.firstIndex(where: { $0.isInfinite }) {
            throw .invalidData(reason: "feature value at index \(index) is infinite")
        }
        if let lineNumbers, lineNumbers.count != labels.count {
            throw .invalidData(reason: "\(lineNumbers.count) line numbers for \(labels.count) rows")
        }
        self.features = features
        self.labels = labels
        self.featureNames = featureNames
        self.classNames = classNames
        self.lineNumbers = lineNumbers ?? Array(1...labels.count)
    }

    /// The rows at `indices`, in that order, as a new data set with the same names.
    public func rows(_ indices: [Int]) -> Dataset {
        var subset = [Float]()
        subset.reserveCapacity(indices.count * featureCount)
        for row in indices {
            subset.append(contentsOf: features[(row * featureCount)..<((row + 1) * featureCount)])
        }
        return Dataset(
            unchecked: subset, labels: indices.map { labels[$0] }, featureNames: featureNames,
            classNames: classNames, lineNumbers: indices.map { lineNumbers[$0] })
    }

    init(unchecked features: [Float], labels: [Int], featureNames: [String], classNames: [String], lineNumbers: [Int]) {
        self.features = features
        self.labels = labels
        self.featureNames = featureNames
        self.classNames = classNames
        self.lineNumbers = lineNumbers
    }
}
