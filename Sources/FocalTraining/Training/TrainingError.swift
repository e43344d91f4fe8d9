/// An error in the training settings, or a training run that went wrong.
///
/// Every message names the settings it concerns by their Swift names (``TrainingParameter``);
/// ``description(naming:)`` spells them another way, such as a command-line tool's options.
public enum TrainingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A setting is out of range, malformed, or does not go with another setting.
    ///
    /// - Parameters:
    ///   - parameter: The setting at fault.
    ///   - value: The value given, as text.
    ///   - requirement: What it must satisfy (it may refer to other settings).
    case invalidSetting(parameter: TrainingParameter, value: String, requirement: SettingText)
    /// The data do not fit the model or the settings (too few rows for the split, a validation
    /// part without a class early stopping needs, ...).
    case unsuitableData(reason: SettingText)
    /// The loss became NaN or infinite: the learning rate is most likely too large.
    case diverged(epoch: Int, batch: Int)
    /// The parts of a ``TrainedModel`` do not fit together (sizes that disagree, repeated class
    /// names, a non-finite threshold, ...).
    case inconsistentModel(reason: String)

    /// A sentence naming the problem, with the settings' Swift names: `learningRate 0.0: must be
    /// finite and > 0`.
    public var description: String { description(naming: \.description) }

    /// A sentence naming the problem, with each setting spelt by `name`.
    ///
    /// - Parameter name: The spelling of a setting, such as `--lr` for
    ///   ``TrainingParameter/learningRate`` on a command line.
    public func description(naming name: (SettingReference) -> String) -> String {
        switch self {
        case .invalidSetting(let parameter, let value, let requirement):
            return "\(name(.parameter(parameter))) \(value): \(requirement.rendered(naming: name))"
        case .unsuitableData(let reason):
            return reason.rendered(naming: name)
        case .diverged(let epoch, let batch):
            let advice: SettingText = "try a smaller \(TrainingParameter.learningRate)"
            return "training diverged: the loss is not finite at epoch \(epoch), batch \(batch); \(advice.rendered(naming: name))"
        case .inconsistentModel(let reason):
            return "the parts of the model do not fit together: \(reason)"
        }
    }
}
