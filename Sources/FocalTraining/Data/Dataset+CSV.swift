import Foundation

extension Dataset {
    /// Loads a training data set from a CSV file with a header.
    ///
    /// Every column but the label column is a numeric feature, unless `columns` leaves some out or
    /// names the features. The classes are the distinct labels (see ``classNames`` for their
    /// order): integers or strings.
    ///
    /// - Parameters:
    ///   - url: The CSV file.
    ///   - labelColumn: The name of the label column; `nil` (the default) takes the last column.
    ///   - columns: Which other columns are features (default: all of them).
    ///   - missingValues: What to do with missing feature values (default: reject them).
    /// - Throws: a ``DataError`` naming the file, line and column: unreadable or empty file, a
    ///   malformed row, a wrong field count, a non-numeric or missing value, a missing label,
    ///   an unknown or duplicate column, a column in two roles, a single class.
    public init(
        contentsOf url: URL, labelColumn: String? = nil, columns: ColumnSelection = ColumnSelection(),
        missingValues: MissingValuePolicy = .reject
    ) throws(DataError) {
        try self.init(table: CSVTable(contentsOf: url), labelColumn: labelColumn, columns: columns, missingValues: missingValues)
    }

    /// Builds a training data set from a parsed CSV table (see
    /// ``init(contentsOf:labelColumn:columns:missingValues:)``).
    public init(
        table: CSVTable, labelColumn: String? = nil, columns: ColumnSelection = ColumnSelection(),
        missingValues: MissingValuePolicy = .reject
    ) throws(DataError) {
        try table.requireDistinctColumns()
        let labelIndex = try labelColumn.map { (name) throws(DataError) in try table.columnIndex(name) } ?? (table.header.count - 1)
        let featureColumns = try columns.featureIndices(in: table, labelIndex: labelIndex)
        try table.requireFieldCounts()
        let labelName = table.header[labelIndex]
        var keys = [String]()
        keys.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let value = table.trimmedField(row: row, column: labelIndex)
            guard !value.isEmpty else {
                throw .missingLabel(file: table.fileName, line: table.fields.line(row), column: labelName)
            }
            keys.append(ClassNames.key(Substring(value)))
        }
        let classNames = ClassNames.ordered(Set(keys))
        guard classNames.count >= 2 else {
            throw .singleClass(file: table.fileName, column: labelName, value: classNames[0])
        }
        let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        let features = try table.features(columns: featureColumns, missingValues: missingValues)
        self.init(
            unchecked: features, labels: keys.map { classIndex[$0]! },
            featureNames: featureColumns.map { table.header[$0] }, classNames: classNames,
            lineNumbers: table.lineNumbers)
    }

    /// Builds a data set with a fixed schema, as a trained model expects it: the features are
    /// looked up by name (in any order; other columns are ignored) and the labels must be among
    /// `classNames`.
    ///
    /// - Parameters:
    ///   - table: The parsed CSV.
    ///   - featureNames: The feature columns to read, in this order.
    ///   - labelColumn: The name of the label column.
    ///   - classNames: The known classes.
    ///   - columns: Columns that must not be features (its ``ColumnSelection/featureColumns`` is
    ///     not used): a feature among them is an error, and so is the label column.
    ///   - missingValues: What to do with missing feature values.
    /// - Throws: a ``DataError``; ``DataError/unknownColumn(file:column:role:header:)`` for a
    ///   feature the header lacks; ``DataError/unknownClass(file:line:column:value:known:)`` for a
    ///   label the model does not know.
    public init(
        table: CSVTable, featureNames: [String], labelColumn: String, classNames: [String],
        columns: ColumnSelection = ColumnSelection(), missingValues: MissingValuePolicy = .reject
    ) throws(DataError) {
        try table.requireDistinctColumns()
        let labelIndex = try table.columnIndex(labelColumn)
        let featureColumns = try columns.modelFeatureIndices(featureNames, in: table, labelIndex: labelIndex)
        try table.requireFieldCounts()
        let classIndex = Dictionary(uniqueKeysWithValues: classNames.enumerated().map { ($1, $0) })
        var labels = [Int]()
        labels.reserveCapacity(table.rowCount)
        for row in 0..<table.rowCount {
            let value = table.trimmedField(row: row, column: labelIndex)
            let line = table.fields.line(row)
            guard !value.isEmpty else { throw .missingLabel(file: table.fileName, line: line, column: labelColumn) }
            guard let label = classIndex[ClassNames.key(Substring(value))] else {
                throw .unknownClass(file: table.fileName, line: line, column: labelColumn, value: value, known: classNames)
            }
            labels.append(label)
        }
        let features = try table.features(columns: featureColumns, missingValues: missingValues)
        self.init(
            unchecked: features, labels: labels, featureNames: featureNames, classNames: classNames,
            lineNumbers: table.lineNumbers)
    }

    /// Builds validation rows for a training data set from a parsed CSV table: the training
    /// features looked up by name (in any order; other columns are not read), the labels among
    /// the training classes (see ``Trainer/train(_:validation:labelColumn:missingValues:progress:)``).
    ///
    /// - Parameters:
    ///   - table: The parsed CSV of the validation rows.
    ///   - training: The training rows, whose feature and class names the validation rows take.
    ///   - labelColumn: The name of the label column.
    ///   - missingValues: What to do with missing feature values.
    /// - Throws: a ``DataError``; ``DataError/unknownTrainingClass(file:line:column:value:known:)``
    ///   for a label the training rows do not hold, ``DataError/unknownColumn(file:column:role:header:)``
    ///   for a feature the header lacks.
    public init(
        table: CSVTable, validating training: Dataset, labelColumn: String, missingValues: MissingValuePolicy = .reject
    ) throws(DataError) {
        do {
            try self.init(table: table, featureNames: training.featureNames, labelColumn: labelColumn,
                          classNames: training.classNames, missingValues: missingValues)
        } catch .unknownClass(let file, let line, let column, let value, let known) {
            throw .unknownTrainingClass(file: file, line: line, column: column, value: value, known: known)
        }
    }
}
