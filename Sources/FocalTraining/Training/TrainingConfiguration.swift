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

    /// Creates a configuration.
    ///
    /// - Parameters:
    ///   - architecture: Default logistic regression.
    ///   - loss: Default focal loss with `gamma = 2`, no α.
    ///   - optimizer: Default Adam with learning rate 0.01 (logistic) or 0.001 (MLP).
    ///   - epochs: Default 50.
    ///   - batchSize: Default 64.
    ///   - validationFraction: Default 0.2.
    ///   - seed: Default 0.
    ///   - earlyStoppingPatience: Default `nil` (no early stopping).
    ///   - priorProbability: Default 0.01, in `(0, 1)`.
    ///   - softmaxPriorBias: Default `true`.
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` for a value out of range.
    public init(
        architecture: ModelArchitecture = .logistic, loss: LossSettings? = nil, optimizer: OptimizerSettings? = nil,
        epochs: Int = 50, batchSize: Int = 64, validationFraction: Double = 0.2, seed: UInt64 = 0,
        earlyStoppingPatience: Int? = nil, priorProbability: Double = 0.01, softmaxPriorBias: Bool = true
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
            self.optimizer = try OptimizerSettings(kind: .adam, learningRate: architecture == .logistic ? 0.01 : 0.001)
        }
        self.epochs = epochs
        self.batchSize = batchSize
        self.validationFraction = validationFraction
        self.seed = seed
        self.earlyStoppingPatience = earlyStoppingPatience
        self.priorProbability = priorProbability
        self.softmaxPriorBias = softmaxPriorBias
    }
}
