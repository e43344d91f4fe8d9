/// The best epoch by validation average precision, with its network: early stopping (stop when
/// `patience` epochs have passed without a better one) and best-epoch restoration (no patience:
/// train every epoch, keep the best).
struct BestEpoch {
    /// The best epoch so far: its validation average precision, its number and its network.
    struct Best {
        let averagePrecision: Double
        let epoch: Int
        let network: Network
    }

    /// How many epochs without a better average precision end training; `nil` never ends it.
    let patience: Int?
    /// The best epoch so far (the earliest of equals), or `nil` before the first.
    private(set) var best: Best?

    /// Records an epoch's validation average precision and network; whether training should stop.
    mutating func shouldStop(after epoch: Int, averagePrecision: Double, network: Network) -> Bool {
        if let best, !(averagePrecision > best.averagePrecision) {
            guard let patience else { return false }
            return epoch - best.epoch >= patience
        }
        best = Best(averagePrecision: averagePrecision, epoch: epoch, network: network)
        return false
    }
}
