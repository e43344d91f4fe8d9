import FocalLoss

/// An error in the arguments given to a classification metric, or a metric that the given labels
/// leave undefined.
///
/// Every case names the argument at fault and, where one element is at fault, its value and its
/// index, so that the ``description`` alone tells a user what to fix, for example
/// `scores: value nan at index 7 (row 3, column 1) is not finite` or
/// `labels: class 1 has no example, so ROC-AUC is undefined`.
public enum MetricsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// An argument that must hold at least one element holds none.
    ///
    /// - Parameter argument: The name of the empty argument.
    case emptyInput(argument: String)

    /// An argument holds a different number of elements than it must.
    ///
    /// - Parameters:
    ///   - argument: The name of the argument whose length is wrong.
    ///   - count: The number of elements it holds.
    ///   - expected: The number of elements it must hold.
    case countMismatch(argument: String, count: Int, expected: Int)

    /// A score is NaN or infinite.
    ///
    /// - Parameters:
    ///   - argument: The name of the score argument.
    ///   - value: The score at fault.
    ///   - index: Its flat offset in the argument (row-major for a score matrix).
    ///   - position: Its `[row, column]` in a score matrix, or `[]` for a score vector.
    case nonFiniteScore(argument: String, value: Double, index: Int, position: [Int])

    /// A probability is outside `[0, 1]`.
    ///
    /// - Parameters:
    ///   - argument: The name of the probability argument.
    ///   - value: The probability at fault.
    ///   - index: Its flat offset in the argument (row-major for a probability matrix).
    ///   - position: Its `[row, column]` in a probability matrix, or `[]` for a vector.
    case probabilityOutOfRange(argument: String, value: Double, index: Int, position: [Int])

    /// A class index (a true label or a prediction) is outside `0..<classCount`.
    ///
    /// - Parameters:
    ///   - argument: The name of the label argument.
    ///   - label: The label at fault.
    ///   - index: Its offset in the argument.
    ///   - classCount: The number of classes; valid labels are `0..<classCount`.
    case labelOutOfRange(argument: String, label: Int, index: Int, classCount: Int)

    /// A scalar parameter is out of range (fewer than two classes, a non-finite threshold).
    ///
    /// - Parameters:
    ///   - name: The name of the parameter.
    ///   - value: The value given.
    ///   - requirement: What the value must satisfy, as a phrase such as `must be >= 2`.
    case invalidParameter(name: String, value: Double, requirement: String)

    /// A class the metric needs has no example in the labels, so the metric is undefined.
    ///
    /// For binary metrics class `1` is the positive class and class `0` the negative one.
    ///
    /// - Parameters:
    ///   - argument: The name of the label argument.
    ///   - classIndex: The class without any example.
    ///   - metric: The metric that is undefined, such as `ROC-AUC`.
    case missingClass(argument: String, classIndex: Int, metric: String)

    /// A sentence naming the argument, the value and where it is.
    public var description: String {
        switch self {
        case .emptyInput(let argument):
            // The same words as the loss kernels' errors.
            return FocalLossError.emptyInput(argument: argument).description
        case .countMismatch(let argument, let count, let expected):
            return FocalLossError.countMismatch(argument: argument, count: count, expected: expected).description
        case .nonFiniteScore(let argument, let value, let index, let position):
            return "\(argument): value \(value) at index \(index)\(Self.place(position)) is not finite"
        case .probabilityOutOfRange(let argument, let value, let index, let position):
            return "\(argument): value \(value) at index \(index)\(Self.place(position)) is not a probability in [0, 1]"
        case .labelOutOfRange(let argument, let label, let index, let classCount):
            return "\(argument): value \(label) at index \(index) is not a class in 0..<\(classCount)"
        case .invalidParameter(let name, let value, let requirement):
            return "\(name): value \(value) \(requirement)"
        case .missingClass(let argument, let classIndex, let metric):
            return "\(argument): class \(classIndex) has no example, so \(metric) is undefined"
        }
    }

    /// ` (row 3, column 1)` for a matrix position, nothing for a vector.
    private static func place(_ position: [Int]) -> String {
        position.count == 2 ? " (row \(position[0]), column \(position[1]))" : ""
    }
}
