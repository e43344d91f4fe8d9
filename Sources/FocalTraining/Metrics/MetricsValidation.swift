/// The checks the metrics run on their arguments before computing anything; each stops at the
/// first bad element and throws a ``MetricsError`` naming it.
enum MetricsValidation {

    static func nonEmpty(_ count: Int, argument: String) throws(MetricsError) {
        guard count > 0 else { throw .emptyInput(argument: argument) }
    }

    static func count(_ count: Int, expected: Int, argument: String) throws(MetricsError) {
        guard count == expected else {
            throw .countMismatch(argument: argument, count: count, expected: expected)
        }
    }

    /// At least two classes.
    static func classCount(_ classCount: Int) throws(MetricsError) {
        guard classCount >= 2 else {
            throw .invalidParameter(name: "classCount", value: Double(classCount), requirement: "must be >= 2")
        }
    }

    /// Every score finite; `columns` > 0 reports matrix positions as `[row, column]`.
    static func finite(_ scores: [Double], argument: String, columns: Int = 0) throws(MetricsError) {
        for index in scores.indices where !scores[index].isFinite {
            let position = columns > 0 ? [index / columns, index % columns] : []
            throw .nonFiniteScore(argument: argument, value: scores[index], index: index, position: position)
        }
    }

    /// Every label in `0..<classCount`.
    static func labels(_ labels: [Int], classCount: Int, argument: String) throws(MetricsError) {
        for index in labels.indices where !(0..<classCount).contains(labels[index]) {
            throw .labelOutOfRange(argument: argument, label: labels[index], index: index, classCount: classCount)
        }
    }
}
