/// An error in the training settings, or a training run that went wrong.
public enum TrainingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A setting is out of range or malformed.
    ///
    /// - Parameters:
    ///   - name: The setting (named as the command-line option, such as `lr` or `alpha`).
    ///   - value: The value given, as text.
    ///   - requirement: What it must satisfy.
    case invalidSetting(name: String, value: String, requirement: String)
    /// The data do not fit the model or the settings (too few rows for the split, a validation
    /// part without a class early stopping needs, ...).
    case unsuitableData(reason: String)
    /// The loss became NaN or infinite: the learning rate is most likely too large.
    case diverged(epoch: Int, batch: Int)

    /// A sentence naming the problem.
    public var description: String {
        switch self {
        case .invalidSetting(let name, let value, let requirement):
            return "--\(name) \(value): \(requirement)"
        case .unsuitableData(let reason):
            return reason
        case .diverged(let epoch, let batch):
            return "training diverged: the loss is not finite at epoch \(epoch), batch \(batch); try a smaller --lr"
        }
    }
}
