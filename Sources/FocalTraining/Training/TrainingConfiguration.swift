/// Everything that determines a training run besides the data. Stored in the model file.
///
/// The same configuration (including ``seed``) and the same data give a bit-identical model,
/// whatever the number of threads.
public struct TrainingConfiguration: Sendable, Hashable, Codable {
    /// Logistic regression or an MLP.
    public var architecture: ModelArchitecture
    /// The loss.
    public var loss: LossSettings
    /// The optimiser and its learning rate.
    public var optimizer: OptimizerSettings
    /// The number of passes over the training rows (the most, with early stopping).
    public var epochs: Int
    /// The number of rows per optimiser step (the last batch of an epoch may be smaller).
    public var batchSize: Int
    /// The share of each class held out for validation, in `[0, 1)`; 0 trains on every row.
    public var validationFraction: Double
    /// The seed of the split, the initial weights and the batch order.
    public var seed: UInt64
    /// Stop when the validation average precision has not improved for this many epochs, and
    /// keep the best epoch's weights; `nil` trains every epoch and keeps the last weights.
    public var earlyStoppingPatience: Int?
    /// The prior probability π of the sigmoid head's initial bias `-log((1 - π) / π)`.
    public var priorProbability: Double
    /// Whether a softmax head's initial biases are the log class priors (else zeros).
    public var softmaxPriorBias: Bool
    /// How an MLP's layers start.
    public var weightInitialization: WeightInitialization
    /// The L2 penalty λ of the weights, finite and `>= 0`: training minimises the mean batch loss
    /// plus `λ/2 · Σ w²` over every weight of every layer (not the biases, as scikit-learn). The
    /// penalty is part of the loss whatever the optimiser (PyTorch's `weight_decay` of `Adam`),
    /// so the objective, and the value a search by cross-validation picks, do not depend on it.
    public var l2Penalty: Double
    /// When set, the trainer first chooses ``l2Penalty`` by stratified k-fold cross-validation on
    /// the training rows (``PenaltySearch``); the model stores the chosen value.
    public var penaltySearch: PenaltySearch?
    /// Keep the weights of the epoch with the best validation average precision (as early
    /// stopping does) rather than the last epoch's, but train every epoch.
    public var restoresBestEpoch: Bool
    /// Once validation has chosen the epoch and the threshold, train again from scratch on every
    /// row (training and validation) for the chosen number of epochs, keeping the threshold. Without
    /// validation rows the model already trains on every row, and there is nothing to refit.
    public var refitsOnAllRows: Bool

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - architecture: Default logistic regression.
    ///   - loss: Default focal loss with `gamma = 2`, no α.
    ///   - optimizer: Default Adam with ``defaultLearningRate(for:)``.
    ///   - epochs: Default ``defaultEpochs``.
    ///   - batchSize: Default ``defaultBatchSize``.
    ///   - validationFraction: Default ``defaultValidationFraction``.
    ///   - seed: Default 0.
    ///   - earlyStoppingPatience: Default `nil` (no early stopping).
    ///   - priorProbability: Default 0.01, in `(0, 1)`.
    ///   - softmaxPriorBias: Default `true`.
    ///   - weightInitialization: Default ``WeightInitialization/heNormal``.
    ///   - l2Penalty: Default ``defaultL2Penalty``.
    ///   - penaltySearch: Default `nil` (train with `l2Penalty`).
    ///   - restoresBestEpoch: Default `false`.
    ///   - refitsOnAllRows: Default ``defaultRefitsOnAllRows``.
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` for a value out of range.
    public init(
        architecture: ModelArchitecture = .logistic, loss: LossSettings? = nil, optimizer: OptimizerSettings? = nil,
        epochs: Int = TrainingConfiguration.defaultEpochs, batchSize: Int = TrainingConfiguration.defaultBatchSize,
        validationFraction: Double = TrainingConfiguration.defaultValidationFraction, seed: UInt64 = 0,
        earlyStoppingPatience: Int? = nil, priorProbability: Double = 0.01, softmaxPriorBias: Bool = true,
        weightInitialization: WeightInitialization = .heNormal,
        l2Penalty: Double = TrainingConfiguration.defaultL2Penalty, penaltySearch: PenaltySearch? = nil,
        restoresBestEpoch: Bool = false, refitsOnAllRows: Bool = TrainingConfiguration.defaultRefitsOnAllRows
    ) throws(TrainingError) {
        guard epochs >= 1 else { throw .invalidSetting(parameter: .epochs, value: "\(epochs)", requirement: "must be at least 1") }
        guard batchSize >= 1 else { throw .invalidSetting(parameter: .batchSize, value: "\(batchSize)", requirement: "must be at least 1") }
        guard validationFraction >= 0, validationFraction < 1 else {
            throw .invalidSetting(parameter: .validationFraction, value: "\(validationFraction)", requirement: "must be in [0, 1)")
        }
        if let patience = earlyStoppingPatience, patience < 1 {
            throw .invalidSetting(parameter: .earlyStoppingPatience, value: "\(patience)", requirement: "must be at least 1")
        }
        if earlyStoppingPatience != nil, validationFraction == 0 {
            throw .invalidSetting(parameter: .earlyStoppingPatience, value: "\(earlyStoppingPatience!)",
                                  requirement: "needs validation data (\(TrainingParameter.validationFraction) > 0)")
        }
        guard l2Penalty.isFinite, l2Penalty >= 0 else {
            throw .invalidSetting(parameter: .l2Penalty, value: "\(l2Penalty)", requirement: "must be finite and >= 0")
        }
        if restoresBestEpoch, validationFraction == 0 {
            throw .invalidSetting(parameter: .restoresBestEpoch, value: "true",
                                  requirement: "needs validation data (\(TrainingParameter.validationFraction) > 0)")
        }
        // The prior bias log(p / (1 - p)) is used in Float: p must keep it (and its sigmoid) finite and non-zero.
        guard priorProbability >= 1e-30, priorProbability <= 1 - 1e-7 else {
            throw .invalidSetting(parameter: .priorProbability, value: "\(priorProbability)",
                                  requirement: "must be in [1e-30, 1 - 1e-7] (in (0, 1), with a prior bias Float can hold)")
        }
        for size in architecture.hiddenSizes where size < 1 {
            throw .invalidSetting(parameter: .architecture, value: architecture.description, requirement: "hidden sizes must be at least 1")
        }
        self.architecture = architecture
        if let loss { self.loss = loss } else { self.loss = try LossSettings(kind: .focal) }
        if let optimizer {
            self.optimizer = optimizer
        } else {
            self.optimizer = try OptimizerSettings(kind: .adam, learningRate: Self.defaultLearningRate(for: architecture))
        }
        self.epochs = epochs
        self.batchSize = batchSize
        self.validationFraction = validationFraction
        self.seed = seed
        self.earlyStoppingPatience = earlyStoppingPatience
        self.priorProbability = priorProbability
        self.softmaxPriorBias = softmaxPriorBias
        self.weightInitialization = weightInitialization
        self.l2Penalty = l2Penalty
        self.penaltySearch = penaltySearch
        self.restoresBestEpoch = restoresBestEpoch
        self.refitsOnAllRows = refitsOnAllRows
    }

    // The defaults that decide how a model generalises were chosen by measurement on the four
    // shared data sets over 10 seeds (scripts/defaults_table.py; README, "Training on your data").

    /// The L2 penalty of a configuration that does not set one.
    public static let defaultL2Penalty = 0.0
    /// The number of epochs of a configuration that does not set it.
    public static let defaultEpochs = 100
    /// The batch size of a configuration that does not set it.
    public static let defaultBatchSize = 128
    /// The validation share of a configuration that does not set it.
    public static let defaultValidationFraction = 0.2
    /// Whether a configuration that does not say refits on every row.
    public static let defaultRefitsOnAllRows = true

    /// Adam's learning rate for `architecture` when none is given: 0.01 for logistic regression,
    /// 0.003 for an MLP.
    public static func defaultLearningRate(for architecture: ModelArchitecture) -> Double {
        architecture == .logistic ? 0.01 : 0.003
    }
}

extension TrainingConfiguration {
    private enum CodingKeys: String, CodingKey {
        case architecture, loss, optimizer, epochs, batchSize, validationFraction, seed, earlyStoppingPatience
        case priorProbability, softmaxPriorBias, weightInitialization, l2Penalty, penaltySearch, restoresBestEpoch, refitsOnAllRows
    }

    /// Decodes a configuration; the settings that model files of earlier versions lack take the
    /// values those versions trained with (He-normal weights, no penalty, no search, the last
    /// epoch, no refit).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        architecture = try container.decode(ModelArchitecture.self, forKey: .architecture)
        loss = try container.decode(LossSettings.self, forKey: .loss)
        optimizer = try container.decode(OptimizerSettings.self, forKey: .optimizer)
        epochs = try container.decode(Int.self, forKey: .epochs)
        batchSize = try container.decode(Int.self, forKey: .batchSize)
        validationFraction = try container.decode(Double.self, forKey: .validationFraction)
        seed = try container.decode(UInt64.self, forKey: .seed)
        earlyStoppingPatience = try container.decodeIfPresent(Int.self, forKey: .earlyStoppingPatience)
        priorProbability = try container.decode(Double.self, forKey: .priorProbability)
        softmaxPriorBias = try container.decode(Bool.self, forKey: .softmaxPriorBias)
        weightInitialization = try container.decodeIfPresent(WeightInitialization.self, forKey: .weightInitialization) ?? .heNormal
        l2Penalty = try container.decodeIfPresent(Double.self, forKey: .l2Penalty) ?? 0
        penaltySearch = try container.decodeIfPresent(PenaltySearch.self, forKey: .penaltySearch)
        restoresBestEpoch = try container.decodeIfPresent(Bool.self, forKey: .restoresBestEpoch) ?? false
        refitsOnAllRows = try container.decodeIfPresent(Bool.self, forKey: .refitsOnAllRows) ?? false
    }
}
