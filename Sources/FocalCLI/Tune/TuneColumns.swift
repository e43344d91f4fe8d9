import ArgumentParser
import FocalTraining

/// The loss `focal tune` grids: focal loss (gamma × alpha) or Poly-1 (gamma × epsilon).
enum TuneLoss: String, CaseIterable, ExpressibleByArgument {
    case focal, poly1
}

/// The second axis of the `focal tune` grid (the table's columns): alpha for focal loss, epsilon
/// (with one alpha for every cell) for Poly-1. The rows are always gamma.
enum TuneColumns: Equatable {
    case alpha([LossSettings.Alpha])
    case epsilon([Double], alpha: LossSettings.Alpha)

    /// The parameter the columns vary: `alpha` or `epsilon`.
    var parameter: String {
        switch self {
        case .alpha: return "alpha"
        case .epsilon: return "epsilon"
        }
    }

    /// The loss named in the table's title: `focal loss` or `poly1 (alpha none)`.
    var lossTitle: String {
        switch self {
        case .alpha: return "focal loss"
        case .epsilon(_, let alpha): return "poly1 focal loss (alpha \(alpha))"
        }
    }

    /// The column headings, as the values were given.
    var labels: [String] {
        switch self {
        case .alpha(let alphas): return alphas.map(\.description)
        case .epsilon(let epsilons, _): return epsilons.map(messageNumber)
        }
    }

    var count: Int { labels.count }

    /// The loss of the cell in this column for `gamma`.
    func loss(gamma: Double, column: Int) throws(TrainingError) -> LossSettings {
        switch self {
        case .alpha(let alphas): return try LossSettings(kind: .focal, gamma: gamma, alpha: alphas[column])
        case .epsilon(let epsilons, let alpha): return try LossSettings(kind: .poly1, gamma: gamma, alpha: alpha, epsilon: epsilons[column])
        }
    }
}
