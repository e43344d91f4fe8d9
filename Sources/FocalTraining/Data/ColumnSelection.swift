/// Which columns of a CSV table are features, beside the label column: every other column but the
/// ignored ones and the identifier column, or the columns named.
///
/// Columns are named as in the header; a name the header lacks is an error listing the columns
/// there are (``DataError/unknownColumn(file:column:role:header:)``), and so is a column given two
/// roles that exclude each other (``DataError/columnInTwoRoles(file:column:role:other:)``), such as
/// the label column among the ignored ones.
///
/// ```swift
/// let columns = ColumnSelection(ignoring: ["zip_code"], idColumn: "patient")
/// let data = try Dataset(table: table, labelColumn: "outcome", columns: columns)
/// ```
public struct ColumnSelection: Sendable, Hashable {
    /// Columns that are never features (leaks, free text, dates).
    public var ignoredColumns: [String]
    /// The features, in this order; `nil` takes every column that is not the label, the id or
    /// ignored, in the order of the header.
    public var featureColumns: [String]?
    /// A column that identifies the rows: never a feature, read as text (see
    /// ``identifiers(in:)``).
    public var idColumn: String?

    /// Creates a selection; with the defaults, every column but the label is a feature.
    ///
    /// - Parameters:
    ///   - ignoredColumns: Columns that are never features.
    ///   - featureColumns: The features, in this order (`nil`: every other column).
    ///   - idColumn: The column that identifies the rows.
    public init(ignoring ignoredColumns: [String] = [], featureColumns: [String]? = nil, idColumn: String? = nil) {
        self.ignoredColumns = ignoredColumns
        self.featureColumns = featureColumns
        self.idColumn = idColumn
    }

    /// The text of the id column in each data row, as in the file (quotes removed), or `nil`
    /// without an id column.
    ///
    /// - Throws: ``DataError/unknownColumn(file:column:role:header:)`` when the header lacks the
    ///   id column, ``DataError/wrongFieldCount(file:line:count:expected:)``.
    public func identifiers(in table: CSVTable) throws(DataError) -> [String]? {
        guard let idColumn else { return nil }
        let column = try index(of: idColumn, role: .id, in: table)
        try table.requireFieldCounts()
        return (0..<table.rowCount).map { table.field(row: $0, column: column) }
    }

    /// The feature columns of a table to train on: the named ones, or every column but the label
    /// (at `labelIndex`), the id and the ignored ones.
    ///
    /// - Throws: ``DataError/unknownColumn(file:column:role:header:)``,
    ///   ``DataError/columnInTwoRoles(file:column:role:other:)``,
    ///   ``DataError/noFeatures(file:)``, ``DataError/everyFeatureIgnored(file:)``,
    ///   ``DataError/invalidData(reason:)`` for a feature named twice.
    func featureIndices(in table: CSVTable, labelIndex: Int) throws(DataError) -> [Int] {
        try requireKnownColumns(in: table)
        let label = table.header[labelIndex]
        try refuseOverlap(ignoredColumns, role: .ignored, with: [label], role: .label, in: table)
        try refuseOverlap(idColumn.map { [$0] } ?? [], role: .id, with: [label], role: .label, in: table)
        if let featureColumns {
            var seen = Set<String>()
            for name in featureColumns where !seen.insert(name).inserted {
                throw .invalidData(reason: "\(ColumnRole.feature) names '\(name)' twice")
            }
            try refuseOverlap(featureColumns, role: .feature, with: [label], role: .label, in: table)
            try refuseOverlap(featureColumns, role: .feature, with: ignoredColumns, role: .ignored, in: table)
            try refuseOverlap(featureColumns, role: .feature, with: idColumn.map { [$0] } ?? [], role: .id, in: table)
            var indices = [Int]()
            for name in featureColumns { indices.append(try index(of: name, role: .feature, in: table)) }
            return indices
        }
        let excluded = Set(ignoredColumns + (idColumn.map { [$0] } ?? []))
        let others = table.header.indices.filter { $0 != labelIndex }
        guard !others.isEmpty else { throw .noFeatures(file: table.fileName) }
        let indices = others.filter { !excluded.contains(table.header[$0]) }
        guard !indices.isEmpty else { throw .everyFeatureIgnored(file: table.fileName) }
        return indices
    }

    /// The columns of a table holding the features a model reads, `featureNames`, in that order
    /// (other columns are not read); the label column at `labelIndex`, when there is one, may not
    /// be ignored nor the id.
    ///
    /// - Throws: ``DataError/unknownColumn(file:column:role:header:)`` (a feature of the model
    ///   among them), ``DataError/columnInTwoRoles(file:column:role:other:)``.
    func modelFeatureIndices(_ featureNames: [String], in table: CSVTable, labelIndex: Int?) throws(DataError) -> [Int] {
        try requireKnownColumns(in: table)
        try refuseOverlap(ignoredColumns, role: .ignored, with: featureNames, role: .modelFeature, in: table)
        try refuseOverlap(idColumn.map { [$0] } ?? [], role: .id, with: featureNames, role: .modelFeature, in: table)
        if let labelIndex {
            let label = [table.header[labelIndex]]
            try refuseOverlap(ignoredColumns, role: .ignored, with: label, role: .label, in: table)
            try refuseOverlap(idColumn.map { [$0] } ?? [], role: .id, with: label, role: .label, in: table)
        }
        var indices = [Int]()
        for name in featureNames { indices.append(try index(of: name, role: .modelFeature, in: table)) }
        return indices
    }

    /// Throws for the first column named by the selection that the header lacks.
    private func requireKnownColumns(in table: CSVTable) throws(DataError) {
        for name in ignoredColumns { _ = try index(of: name, role: .ignored, in: table) }
        for name in featureColumns ?? [] { _ = try index(of: name, role: .feature, in: table) }
        if let idColumn { _ = try index(of: idColumn, role: .id, in: table) }
    }

    /// The index of the column `name`, or the error naming the role and the columns there are.
    private func index(of name: String, role: ColumnRole, in table: CSVTable) throws(DataError) -> Int {
        guard let index = table.header.firstIndex(of: name) else {
            throw .unknownColumn(file: table.fileName, column: name, role: role, header: table.header)
        }
        return index
    }

    /// Throws for the first of `names` (in `role`) that is also among `others` (in `otherRole`).
    private func refuseOverlap(
        _ names: [String], role: ColumnRole, with others: [String], role otherRole: ColumnRole, in table: CSVTable
    ) throws(DataError) {
        if let name = names.first(where: others.contains) {
            throw .columnInTwoRoles(file: table.fileName, column: name, role: otherRole, other: role)
        }
    }
}
