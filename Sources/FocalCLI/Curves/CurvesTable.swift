import FocalLoss
import Foundation

/// The focal loss of a positive example against its predicted probability `p_t`, for several
/// gammas: the data of Figure 1 of Lin et al. (2017).
struct FocalCurveTable {
    /// The gammas, one curve each, in the order given.
    let gammas: [Double]
    /// The weight of the positive class, if any.
    let alpha: Double?
    /// The probabilities of the true class, `k / N` for `k = 1...N`.
    let probabilities: [Double]
    /// For each gamma, the loss at each probability.
    let losses: [[Double]]

    /// Computes the curves with the library's sigmoid focal loss from probabilities, with every
    /// target 1, so that `p = p_t` and the loss is `-α (1 - p_t)^γ log(p_t)`.
    ///
    /// - Throws: ``CLIError`` naming `--gamma` or `--alpha` for a value the loss refuses.
    /// For a variant other than focal, its name and options; the curves then come from logits.
    let family: VariantOptions?

    init(gammas: [Double], alpha: Double?, family: VariantOptions? = nil, pointCount: Int) throws(CLIError) {
        self.gammas = gammas
        self.alpha = alpha
        let variant = family.flatMap { $0.variant == .focal ? nil : $0 }
        self.family = variant
        let probabilities = (1...pointCount).map { Double($0) / Double(pointCount) }
        // A variant's logits: log(p / (1 - p)), and 800 (σ = 1 in Double) for p = 1.
        let logits = probabilities.map { $0 < 1 ? log($0) - log1p(-$0) : 800 }
        let targets = [Double](repeating: 1, count: pointCount)
        var losses = [[Double]]()
        for gamma in variant != nil && gammas.isEmpty ? [nil] : gammas.map(Optional.some) {
            do {
                if let variant {
                    let loss: SigmoidFocalLoss<Double> = try variant.sigmoidLoss(
                        gamma: gamma, alpha: alpha.map { .constant($0) }, threads: 1)
                    losses.append(try loss.elementwiseLosses(logits, targets: targets))
                } else {
                    let focal = try SigmoidFocalLoss<Double>(
                        gamma: gamma ?? 2, alpha: alpha.map { .constant($0) } ?? .none, input: .probabilities, threads: 1)
                    losses.append(try focal.elementwiseLosses(probabilities, targets: targets))
                }
            } catch {
                if case .invalidParameter = error, variant != nil { throw CLIError("\(VariantOptions.usageError(error).message)") }
                throw CLIError(error, subjects: ["gamma": "--gamma", "alpha": "--alpha"])
            }
        }
        self.probabilities = probabilities
        self.losses = losses
    }

    /// The column names after `p_t`: `gamma_0.5`, ..., or the variant's name for one curve.
    var columnNames: [String] { gammas.isEmpty ? [family?.variant.rawValue ?? "focal"] : gammas.map(Self.columnName) }

    /// The legend entries: `γ = 0.5`, ..., or the variant's name for one curve.
    var legendNames: [String] { gammas.isEmpty ? [family?.variant.rawValue ?? "focal"] : gammas.map(Self.legendName) }

    /// A column name for gamma `g`: `gamma_0.5`.
    static func columnName(_ gamma: Double) -> String { "gamma_\(messageNumber(gamma))" }

    /// The legend entry for gamma `g`: `γ = 0.5`.
    static func legendName(_ gamma: Double) -> String { "γ = \(messageNumber(gamma))" }

    /// The values as CSV: a header `p_t,gamma_0,...`, then one row per probability.
    func csv() -> String {
        var text = (["p_t"] + columnNames).joined(separator: ",") + "\n"
        for (row, p) in probabilities.enumerated() {
            text += "\(p)"
            for column in losses.indices { text += ",\(losses[column][row])" }
            text += "\n"
        }
        return text
    }

    /// Figure 1: one line per gamma over `p_t` in `[0, 1]` and loss in `[0, yMax]`, with the
    /// well-classified region `p_t > 0.6` shaded.
    func figure(yMax: Double) -> ChartFigure {
        let series = losses.indices.map { index in
            LineSeries(
                name: legendNames[index],
                points: zip(probabilities, losses[index]).map { ChartPoint(x: $0, y: $1) })
        }
        let formula = family.map { "\($0.variant.rawValue) (focal-loss family), target 1" } ?? alpha.map { "FL(pₜ) = −α (1 − pₜ)ᵞ log(pₜ), α = \(messageNumber($0))" } ?? "FL(pₜ) = −(1 − pₜ)ᵞ log(pₜ)"
        let panel = ChartPanel(
            title: "Focal loss: \(formula)",
            x: ChartAxis(label: "probability of ground truth class (pₜ)", range: 0...1),
            y: ChartAxis(label: "loss", range: 0...yMax),
            series: series,
            bands: [ChartBand(x: 0.6...1, label: "well-classified examples", labelHeight: 0.55)],
            legend: .topRight)
        return ChartFigure(panels: [panel], panelWidth: 640, panelHeight: 480)
    }
}
