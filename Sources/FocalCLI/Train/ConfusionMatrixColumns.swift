/// The column widths of the confusion matrix in `focal train` and `focal evaluate`.
enum ConfusionMatrixColumns {
    /// The space between two columns.
    static let gap = 2

    /// Each predicted-class column as wide as its own header (the class name) or its widest count,
    /// plus ``gap``: one long class name no longer widens every column.
    ///
    /// - Parameters:
    ///   - matrix: Rows are true classes, columns predicted classes.
    ///   - classNames: The class of each column.
    static func widths(_ matrix: [[Int]], classNames: [String]) -> [Int] {
        classNames.indices.map { column in
            let widest = matrix.map { column < $0.count ? String($0[column]).count : 0 }.max() ?? 0
            return max(classNames[column].count, widest) + gap
        }
    }
}
