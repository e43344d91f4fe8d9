import Foundation

extension TrainedModel {
    /// Class probabilities of raw (not standardised) feature rows.
    ///
    /// - Parameters:
    ///   - features: Row-major, `rowCount * featureNames.count` values in the model's feature
    ///     order; NaN marks a missing value (replaced by the training mean).
    ///   - rowCount: The number of rows.
    ///   - threads: The most threads to use (default: one per processor).
    /// - Returns: `rowCount x classNames.count` probabilities, row-major; each row sums to 1
    ///   (binary: `[1 - p, p]` with `p = sigmoid(logit)`).
    public func probabilities(features: [Float], rowCount: Int, threads: Int? = nil) -> [Double] {
        let logits = network.logits(standardizer.transform(features), rowCount: rowCount, threads: threads)
        return Self.probabilities(logits: logits, classCount: classNames.count)
    }

    /// Probabilities from logits: sigmoid for one output per row, softmax otherwise (in `Double`).
    static func probabilities(logits: [Float], classCount: Int) -> [Double] {
        if classCount == 2 {
            var result = [Double]()
            result.reserveCapacity(2 * logits.count)
            for z in logits {
                let p = 1 / (1 + exp(-Double(z)))
                result.append(1 - p)
                result.append(p)
            }
            return result
        }
        var result = [Double](repeating: 0, count: logits.count)
        for row in 0..<(logits.count / classCount) {
            let base = row * classCount
            var top = -Double.infinity
            for c in 0..<classCount { top = max(top, Double(logits[base + c])) }
            var sum = 0.0
            for c in 0..<classCount {
                let e = exp(Double(logits[base + c]) - top)
                result[base + c] = e
                sum += e
            }
            for c in 0..<classCount { result[base + c] /= sum }
        }
        return result
    }

    /// The predicted class of each row of a probability matrix: binary, class 1 when
    /// `P(class 1) >= threshold` (the model's ``threshold`` unless one is given); multi-class, the
    /// most probable class (the lowest on ties; `threshold` is not used).
    public func predictedClasses(probabilities: [Double], threshold: Double? = nil) -> [Int] {
        let classCount = classNames.count
        let cut = threshold ?? self.threshold
        return (0..<(probabilities.count / classCount)).map { row in
            if classCount == 2 { return probabilities[row * 2 + 1] >= cut ? 1 : 0 }
            var best = 0
            for c in 1..<classCount where probabilities[row * classCount + c] > probabilities[row * classCount + best] {
                best = c
            }
            return best
        }
    }

    /// The metrics of the model on labelled data (binary predictions use ``threshold``, or
    /// `threshold` when given).
    ///
    /// - Throws: ``MetricsError`` when a class the metrics need has no row.
    public func report(on data: Dataset, threshold: Double? = nil, threads: Int? = nil) throws(MetricsError) -> ClassificationReport {
        try report(probabilities: probabilities(features: data.features, rowCount: data.rowCount, threads: threads),
                   labels: data.labels, threshold: threshold)
    }

    /// The metrics of the model's predictions (see ``probabilities(features:rowCount:threads:)``)
    /// against true labels; binary predictions use ``threshold``, or `threshold` when given.
    ///
    /// - Throws: ``MetricsError`` when the sizes disagree or a class the metrics need has no row.
    public func report(probabilities: [Double], labels: [Int], threshold: Double? = nil) throws(MetricsError) -> ClassificationReport {
        if isBinary {
            return try ClassificationReport(binaryScores: positiveProbabilities(probabilities), labels: labels,
                                            threshold: threshold ?? self.threshold)
        }
        return try ClassificationReport(classScores: probabilities, labels: labels, classCount: classNames.count)
    }

    /// The calibration of the model's predictions (see ``probabilities(features:rowCount:threads:)``)
    /// against true labels: binary on the positive class's probability, multi-class on the
    /// top-class confidence, in the paper's 15 bins (see ``Calibration``).
    ///
    /// - Throws: ``MetricsError`` when the sizes disagree.
    public func calibration(probabilities: [Double], labels: [Int]) throws(MetricsError) -> Calibration {
        if isBinary {
            return try Calibration(positiveProbabilities: positiveProbabilities(probabilities), labels: labels)
        }
        return try Calibration(classProbabilities: probabilities, labels: labels, classCount: classNames.count)
    }

    /// The positive class's column of a binary probability matrix.
    private func positiveProbabilities(_ probabilities: [Double]) -> [Double] {
        stride(from: 1, to: probabilities.count, by: 2).map { probabilities[$0] }
    }

    /// The labelled rows of a CSV table, read with the model's schema: its feature columns (by
    /// name, in any order), its label column and its classes.
    ///
    /// - Parameters:
    ///   - table: The parsed CSV.
    ///   - columns: Columns that must not be features (the ignored and id columns): one of the
    ///     model's features or its label column among them is an error.
    /// - Throws: a ``DataError`` naming the file, line and column.
    public func labelledData(from table: CSVTable, columns: ColumnSelection = ColumnSelection()) throws(DataError) -> Dataset {
        try Dataset(table: table, featureNames: featureNames, labelColumn: labelColumn, classNames: classNames,
                    columns: columns, missingValues: missingValues)
    }

    /// The feature rows of a CSV table in the model's feature order (the label column, if any,
    /// and other columns are ignored).
    ///
    /// - Parameters:
    ///   - table: The parsed CSV.
    ///   - columns: Columns that must not be features (the ignored and id columns): one of the
    ///     model's features among them is an error.
    /// - Throws: a ``DataError`` naming the file, line and column;
    ///   ``DataError/unknownColumn(file:column:role:header:)`` for a feature the header lacks.
    public func features(from table: CSVTable, columns: ColumnSelection = ColumnSelection()) throws(DataError) -> [Float] {
        try table.requireDistinctColumns()
        let indices = try columns.modelFeatureIndices(featureNames, in: table, labelIndex: nil)
        return try table.features(columns: indices, missingValues: missingValues)
    }
}
