import Foundation

extension Dataset {
    /// Loads a training data set from a CSV file with a header.
    ///
    /// Every column but the label column is a numeric feature. The classes are the distinct
    /// labels (see ``classNames`` for their order): integers or strings.
    ///
    /// - Parameters:
    ///   - url: The CSV file.
    ///   - labelColumn: The name of the label column; `nil` (the default) takes the last column.
    ///   - missingValues: What to do with missing feature values (default: reject them).
    /// - Throws: a ``DataError`` naming the file, line and column: unreadable or empty file, a
    ///   malformed row, a wrong field count, a non-numeric or missing value, a missing label,
    ///   an unknown or duplicate column, a single class.
    public init(
        contentsOf url: URL, labelColumn: String? = nil, missingValues: MissingValuePolicy = .reject
    ) throws(DataError) {
        try self.init(table: CSVTable(contentsOf: url), labelColumn: labelColumn, missingValues: missingValues)
    }

    /// Builds a training data set from a parsed CSV table (see ``init(contentsOf:labelColumn:missingValues:)``).
    public init(table: CSVTable, labelColumn: String? = nil, missingValues: MissingValuePolicy = .reject) throws(DataError) {
        try table.requireDistinctColumns()
        let labelIndex = try labelColumn.map { (name) throws(DataError) in try table.columnIndex(name) } ?? (table.header.count - 1)
        let featureColumns = table.header.indices.filter { $0 != labelIndex }
        guard !featureColumns.isEmpty else { throw .noFeatures(file: table.fileName) }
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
    ///   - missingValues: What to do with missing feature values.
    /// - Throws: a ``DataError``; ``DataError/unknownClass(file:line:column:value:known:)`` for a
    ///   label the model does not know.
    public init(
        table: CSVTable, featureNames: [String], labelColumn: String, classNames: [String],
        missingValues: MissingValuePolicy = .reject
    ) throws(DataError) {
        try table.requireDistinctColumns()
        let labelIndex = try table.columnIndex(labelColumn)
        var featureColumns = [Int]()
        for name in featureNames { featureColumns.append(try table.columnIndex(name)) }
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
}

