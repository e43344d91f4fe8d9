/// A stratified k-fold partition of row indices, as scikit-learn's `StratifiedKFold(shuffle=True)`:
/// each class is shuffled on its own with a ``SeededGenerator`` and dealt to the folds in turn,
/// so every fold keeps the class proportions (to within a row) and the folds' sizes differ by at
/// most one. The same labels, fold count and seed give the same folds.
struct StratifiedFolds: Sendable, Hashable {
    /// The rows of each fold, in increasing order; every row is in exactly one fold.
    let folds: [[Int]]

    /// Partitions rows by class into `count` folds.
    ///
    /// - Parameters:
    ///   - labels: The class of each row, in `0..<classCount`.
    ///   - classCount: The number of classes.
    ///   - count: The number of folds, at least 2 and at most the number of rows.
    ///   - seed: The seed of the shuffle.
    init(labels: [Int], classCount: Int, count: Int, seed: UInt64) {
        precondition(count >= 2 && count <= labels.count, "the fold count must be in 2...rows")
        var byClass = [[Int]](repeating: [], count: classCount)
        for (row, label) in labels.enumerated() { byClass[label].append(row) }
        var generator = SeededGenerator(seed: seed)
        var folds = [[Int]](repeating: [], count: count)
        // One turn continues across classes, so that the folds' sizes stay within one row.
        var next = 0
        for var rows in byClass {
            generator.shuffle(&rows)
            for row in rows {
                folds[next].append(row)
                next = (next + 1) % count
            }
        }
        self.folds = folds.map { $0.sorted() }
    }

    /// The rows outside fold `index`, in increasing order: the rows a fold's model trains on.
    func trainingRows(outside index: Int) -> [Int] {
        folds.enumerated().filter { $0.offset != index }.flatMap(\.element).sorted()
    }
}
