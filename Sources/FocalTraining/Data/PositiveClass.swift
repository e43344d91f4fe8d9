/// The positive class of a binary data set, and why it is that class.
///
/// Binary metrics (average precision, ROC-AUC), the decision threshold, a numeric alpha and the
/// prior bias all refer to one class: the positive class, class 1 of the data set a ``Trainer``
/// sees. By default it is the rarer class, whatever the spelling or sort order of the labels
/// (`abnormal` / `normal`, `0` / `1` or `1` / `2`); a named class overrides it.
///
/// ```swift
/// let positive = try PositiveClass(.rarer, in: data)     // positive.name == "abnormal"
/// let ordered = try data.withPositiveClass(positive)      // ordered.classNames[1] == "abnormal"
/// ```
public struct PositiveClass: Sendable, Hashable {
    /// How the positive class is chosen.
    public enum Choice: Sendable, Hashable {
        /// The class with fewer rows; when both classes have as many, the one that comes second
        /// in label order (see ``Dataset/classNames``), as it always was before.
        case rarer
        /// The class with this label. Integer labels match in any spelling (`01` names `1`).
        case named(String)
    }

    /// Why the positive class is the one it is (raw values `rarer`, `equallyCommon`, `named`).
    public enum Reason: String, Sendable, Hashable {
        /// It has fewer rows than the other class.
        case rarer
        /// Both classes have as many rows: it is the one that comes second in label order.
        case equallyCommon
        /// It was named (``Choice/named(_:)``).
        case named
    }

    /// The positive class's label.
    public let name: String
    /// Why it is the positive class.
    public let reason: Reason
    /// The number of rows of the positive class.
    public let rowCount: Int
    /// The number of rows of both classes.
    public let totalRowCount: Int

    /// Chooses the positive class of binary data.
    ///
    /// - Parameters:
    ///   - choice: The rarer class, or a named one.
    ///   - data: Binary data.
    /// - Throws: ``DataError/positiveClassOfMulticlass(value:classCount:)`` when the data have more
    ///   than two classes; ``DataError/unknownPositiveClass(value:known:)`` when the named class is
    ///   not one of the data's classes.
    public init(_ choice: Choice, in data: Dataset) throws(DataError) {
        let counts = data.classCounts
        let index: Int
        switch choice {
        case .rarer:
            guard data.isBinary else { throw .positiveClassOfMulticlass(value: nil, classCount: data.classCount) }
            index = counts[0] < counts[1] ? 0 : 1
            reason = counts[0] == counts[1] ? .equallyCommon : .rarer
        case .named(let value):
            guard data.isBinary else { throw .positiveClassOfMulticlass(value: value, classCount: data.classCount) }
            guard let found = data.classNames.firstIndex(of: ClassNames.key(Substring(value))) else {
                throw .unknownPositiveClass(value: value, known: data.classNames)
            }
            index = found
            reason = .named
        }
        name = data.classNames[index]
        rowCount = counts[index]
        totalRowCount = data.rowCount
    }
}

extension Dataset {
    /// The same rows with the classes ordered so that class 1 is `positive` (the classes swap
    /// when it is class 0).
    ///
    /// - Throws: ``DataError/positiveClassOfMulticlass(value:classCount:)`` when the data are not
    ///   binary; ``DataError/unknownPositiveClass(value:known:)`` when `positive` is not one of
    ///   the classes.
    public func withPositiveClass(_ positive: PositiveClass) throws(DataError) -> Dataset {
        guard isBinary else { throw .positiveClassOfMulticlass(value: positive.name, classCount: classCount) }
        guard let index = classNames.firstIndex(of: positive.name) else {
            throw .unknownPositiveClass(value: positive.name, known: classNames)
        }
        if index == 1 { return self }
        return Dataset(unchecked: features, labels: labels.map { 1 - $0 }, featureNames: featureNames,
                       classNames: [classNames[1], classNames[0]], lineNumbers: lineNumbers)
    }
}
