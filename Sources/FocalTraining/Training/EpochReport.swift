/// What one epoch of training did.
public struct EpochReport: Sendable, Hashable, Codable {
    /// The epoch, from 1.
    public let epoch: Int
    /// The mean training loss over the epoch's batches (weighted by batch size).
    public let trainingLoss: Double
    /// The share of training rows whose true class had probability `p_t > 0.5` when their batch
    /// was seen: the easy examples, which focal loss down-weights.
    public let easyFraction: Double
    /// The validation average precision after the epoch (binary: of class 1; multi-class:
    /// one-vs-rest macro average), or `nil` without validation rows.
    public let validationAveragePrecision: Double?

    /// Creates a report.
    public init(epoch: Int, trainingLoss: Double, easyFraction: Double, validationAveragePrecision: Double?) {
        self.epoch = epoch
        self.trainingLoss = trainingLoss
        self.easyFraction = easyFraction
        self.validationAveragePrecision = validationAveragePrecision
    }
}

/// A progress notification of ``Trainer/train(_:validation:labelColumn:missingValues:progress:)``.
public enum TrainingEvent: Sendable, Hashable {
    /// A batch finished: `completed` of `total` batches of `epoch` (from 1), with the running
    /// mean loss of the epoch so far.
    case batch(epoch: Int, completed: Int, total: Int, runningLoss: Double)
    /// An epoch finished.
    case epoch(EpochReport)
}
