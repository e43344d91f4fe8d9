/// A setting an error message refers to: a parameter, or a parameter with the value the message
/// suggests.
///
/// Its ``description`` is the Swift spelling (`learningRate`, `kind: .focal`); a caller with
/// other names for the settings, such as a command-line tool's options, passes its own spelling
/// to ``SettingText/rendered(naming:)``.
public enum SettingReference: Sendable, Hashable, CustomStringConvertible {
    /// A parameter, such as ``TrainingParameter/learningRate``.
    case parameter(TrainingParameter)
    /// ``LossSettings/kind`` with a given kind.
    case lossKind(LossSettings.Kind)
    /// The missing-value policy with a given policy.
    case missingValues(MissingValuePolicy)
    /// The setting that gives a column its role, such as ``ColumnSelection/ignoredColumns``.
    case column(ColumnRole)

    /// The Swift spelling: `learningRate`, `kind: .balancedCrossEntropy`, `missingValues: .imputeTrainingMean`.
    public var description: String {
        switch self {
        case .parameter(let parameter):
            return parameter.description
        case .lossKind(let kind):
            let name: String
            switch kind {
            case .crossEntropy: name = "crossEntropy"
            case .balancedCrossEntropy: name = "balancedCrossEntropy"
            case .focal: name = "focal"
            case .poly1: name = "poly1"
            case .asl: name = "asl"
            }
            return "\(TrainingParameter.lossKind): .\(name)"
        case .missingValues(let policy):
            return "\(TrainingParameter.missingValues): .\(policy.rawValue)"
        case .column(let role):
            return role.description
        }
    }
}
