/// What a column of a CSV table is to the loader, as error messages name it.
public enum ColumnRole: Sendable, Hashable, CustomStringConvertible {
    /// The label column.
    case label
    /// A column left out of the features (``ColumnSelection/ignoredColumns``).
    case ignored
    /// A feature named in ``ColumnSelection/featureColumns``.
    case feature
    /// The identifier column (``ColumnSelection/idColumn``), read as text.
    case id
    /// A feature a trained model reads (``TrainedModel/featureNames``).
    case modelFeature

    /// The Swift spelling of the setting that gives the role: `labelColumn`, `ignoredColumns`,
    /// `featureColumns`, `idColumn`, `featureNames`.
    public var description: String {
        switch self {
        case .label: return "labelColumn"
        case .ignored: return "ignoredColumns"
        case .feature: return "featureColumns"
        case .id: return "idColumn"
        case .modelFeature: return "featureNames"
        }
    }

    /// The role as a message says a column has it, with the setting spelt by `name`:
    /// "the label column", "ignored (ignoredColumns)", "a feature of the model".
    func phrase(naming name: (SettingReference) -> String) -> String {
        switch self {
        case .label: return "the label column"
        case .ignored: return "ignored (\(name(.column(self))))"
        case .feature: return "a feature (\(name(.column(self))))"
        case .id: return "the id column (\(name(.column(self))))"
        case .modelFeature: return "a feature of the model"
        }
    }
}
