import FocalTraining
import Foundation

/// The output of `focal tune`: the gamma × alpha (or gamma × epsilon) table with the best cell marked and the
/// cross-entropy baselines beside it, or the same as one JSON object.
enum TuneTable {
    /// `0.612 ± 0.010`.
    static func cellText(_ cell: TuneCell) -> String {
        format(cell.mean, digits: 3) + " ± " + format(cell.std, digits: 3)
    }

    /// The table as text.
    static func text(_ result: TuneResult) -> String {
        let config = result.configuration
        let seeds = result.seeds.map(String.init).joined(separator: ", ")
        var text = "data: \(result.data.name), \(result.data.dataset.rowCount) rows, \(result.data.positive.reportLine); "
            + "test split \(result.split.test.rowCount) rows "
            + "(\(result.split.test.classCounts[1]) positive), the same for every run\n"
        text += "model: \(config.architecture), \(optimizerDescription(config.optimizer)), \(config.epochs) epochs; "
            + "\(result.seeds.count) seed\(result.seeds.count == 1 ? "" : "s") (\(seeds)) for the weights, batch order"
            + (result.validationRows.map { "; every run validates on the \($0) rows of --validation-data\n" } ?? " and validation rows\n")
        text += "\(result.columns.lossTitle), \(result.metric.title) on the test split, mean ± std over seeds; * marks the best cell\n\n"
        let best = result.best
        let labelWidth = 14, columnWidth = 18
        text += TableColumn.left("gamma \\ \(result.columns.parameter)", labelWidth)
            + result.columns.labels.map { TableColumn.right($0, columnWidth) }.joined() + "\n"
        for (g, row) in result.grid.enumerated() {
            text += TableColumn.left(messageNumber(result.gammas[g]), labelWidth)
            for (c, cell) in row.enumerated() {
                let mark = (g, c) == best ? " *" : "  "
                text += TableColumn.right(cellText(cell) + mark, columnWidth)
            }
            text += "\n"
        }
        let ce = result.baselines[0], balanced = result.baselines[1]
        text += "\nbaselines: cross-entropy \(cellText(ce)); balanced CE (alpha auto) \(cellText(balanced))\n"
        let top = result.grid[best.gamma][best.column]
        let difference = top.mean - ce.mean
        text += "best: gamma \(messageNumber(top.gamma)), \(top.epsilon.map { "epsilon \(messageNumber($0))" } ?? "alpha \(top.alpha)"): \(cellText(top)), "
            + "\(difference >= 0 ? "+" : "")\(format(difference, digits: 3)) over cross-entropy"
            + (abs(difference) <= max(top.std, ce.std) ? " (within the seed spread)" : "") + "\n"
        return text
    }

    /// The whole result as one JSON object.
    struct Report: Codable {
        let data: String
        let label: String
        /// The positive class, and why (`rarer`, `equallyCommon` or `named`).
        let positiveClass: String
        let positiveClassReason: String
        let metric: String
        let model: String
        let epochs: Int
        let seeds: [UInt64]
        let testRows: Int
        let testPositives: Int
        let gammas: [Double]
        /// The alphas; one, the same for every cell, when the grid's columns are epsilons.
        let alphas: [String]
        /// Poly-1's epsilons, the grid's columns (absent for focal loss).
        let epsilons: [Double]?
        /// Row by row: every alpha (or epsilon) for the first gamma, then the next gamma.
        let grid: [TuneCell]
        let best: TuneCell
        let baselines: [String: TuneCell]
    }

    static func report(_ result: TuneResult) -> Report {
        let best = result.best
        let alphas: [String], epsilons: [Double]?
        switch result.columns {
        case .alpha(let values): (alphas, epsilons) = (values.map(\.description), nil)
        case .epsilon(let values, let alpha): (alphas, epsilons) = ([alpha.description], values)
        }
        return Report(
            data: result.data.name, label: result.data.labelColumn, positiveClass: result.data.positiveClass,
            positiveClassReason: result.data.positive.reason.rawValue, metric: result.metric.rawValue,
            model: result.configuration.architecture.description, epochs: result.configuration.epochs, seeds: result.seeds,
            testRows: result.split.test.rowCount, testPositives: result.split.test.classCounts[1],
            gammas: result.gammas, alphas: alphas, epsilons: epsilons, grid: result.grid.flatMap { $0 },
            best: result.grid[best.gamma][best.column],
            baselines: ["ce": result.baselines[0], "balanced-ce": result.baselines[1]])
    }

    static func json(_ result: TuneResult) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // The report holds only finite numbers and strings, so encoding cannot fail.
        return String(decoding: try! encoder.encode(report(result)), as: UTF8.self) + "\n"
    }
}
