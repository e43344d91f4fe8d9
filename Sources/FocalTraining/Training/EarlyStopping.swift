/// Early stopping on the validation average precision: remembers the best epoch and its network,
/// and says when `patience` epochs have passed without a better one.
struct EarlyStopping {
    /// The best epoch so far: its validation average precision, its number and its network.
    struct Best {
        let averagePrecision: Double
        let epoch: Int
        let network: Network
    }

    /// How many epochs without a better average precision end training.
    let patience: Int
    /// The best epoch so far, or `nil` before the first.
    private(set) var best: Best?

    /// Records an epoch's validation average precision and network; whether training should stop.
    mutating func shouldStop(after epoch: Int, averagePrecision: Double, network: Network) -> Bool {
        if let best, !(averagePrecision > best.averagePrecision) {
            return epoch - best.epoch >= patience
        }
        best = Best(averagePrecision: averagePrecision, epoch: epoch, network: network)
        return false
    }
}
