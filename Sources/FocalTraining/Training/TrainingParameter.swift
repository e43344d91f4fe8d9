/// A parameter of the training API that an error can blame, named as in Swift.
///
/// Errors carry the parameter itself, not a name, so each caller can show it its own way: a
/// ``TrainingError``'s ``TrainingError/description`` says `learningRate 0.0: must be finite and
/// > 0`, and a command-line tool that reads the learning rate from an option `--lr` can say
/// `--lr 0.0: must be finite and > 0` with ``TrainingError/description(naming:)``.
public enum TrainingParameter: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ``TrainingConfiguration/architecture``, or the text given to ``ModelArchitecture/init(parsing:)``.
    case architecture
    /// ``LossSettings/kind``.
    case lossKind = "kind"
    /// ``LossSettings/gamma``.
    case gamma
    /// ``LossSettings/alpha``, or the text given to ``LossSettings/Alpha/init(parsing:)``.
    case alpha
    /// ``TrainingConfiguration/loss`` as a whole: settings the loss kernels reject for the data.
    case loss
    /// ``OptimizerSettings/learningRate``.
    case learningRate
    /// The momentum of ``OptimizerSettings/Kind/sgd(momentum:)``.
    case momentum
    /// The weight decay of ``OptimizerSettings/Kind/adamW(weightDecay:)``.
    case weightDecay
    /// ``OptimizerSettings/beta1``.
    case beta1
    /// ``OptimizerSettings/beta2``.
    case beta2
    /// ``OptimizerSettings/epsilon``.
    case epsilon
    /// ``TrainingConfiguration/epochs``.
    case epochs
    /// ``TrainingConfiguration/batchSize``.
    case batchSize
    /// ``TrainingConfiguration/validationFraction``.
    case validationFraction
    /// ``TrainingConfiguration/earlyStoppingPatience``.
    case earlyStoppingPatience
    /// ``TrainingConfiguration/l2Penalty``.
    case l2Penalty
    /// ``TrainingConfiguration/penaltySearch``: its candidates and folds.
    case penaltySearch
    /// ``TrainingConfiguration/restoresBestEpoch``.
    case restoresBestEpoch
    /// ``TrainingConfiguration/refitsOnAllRows``.
    case refitsOnAllRows
    /// ``TrainingConfiguration/priorProbability``.
    case priorProbability
    /// The ``MissingValuePolicy`` data are read and a model is trained with.
    case missingValues
    /// The class a ``PositiveClass/Choice/named(_:)`` names.
    case positiveClass
    /// ``Network/layers``.
    case layers
    /// ``DenseLayer/weights``.
    case weights
    /// ``DenseLayer/bias``.
    case bias

    /// The Swift name: `learningRate`, `kind` (of ``LossSettings``), ...
    public var description: String { rawValue }
}
