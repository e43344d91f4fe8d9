import Foundation
import FocalTraining

/// Shows training progress on standard error: on a terminal a bar redrawn in place during each
/// epoch; otherwise (a pipe, a log file) one plain line per epoch. Each epoch's line gives the
/// mean training loss, the validation average precision and the share of easy examples
/// (`p_t > 0.5`).
final class TrainingProgress {
    let epochs: Int
    let interactive: Bool
    let write: (String) -> Void
    private var lastDraw = Date.distantPast

    init(epochs: Int, interactive: Bool, write: @escaping (String) -> Void = TrainingTerminal.writeError) {
        self.epochs = epochs
        self.interactive = interactive
        self.write = write
    }

    func handle(_ event: TrainingEvent) {
        switch event {
        case .batch(let epoch, let completed, let total, let runningLoss):
            guard interactive else { return }
            let now = Date()
            guard completed == total || now.timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = now
            let width = 24
            let filled = width * completed / total
            let bar = String(repeating: "=", count: filled) + (filled < width ? ">" : "")
                + String(repeating: " ", count: max(0, width - filled - 1))
            write("\r\u{1B}[2Kepoch \(pad(epoch))/\(epochs) [\(bar)] loss \(format(runningLoss, digits: 4))")
        case .epoch(let report):
            let line = Self.line(report, epochs: epochs)
            write(interactive ? "\r\u{1B}[2K" + line + "\n" : line + "\n")
        }
    }

    /// The plain line of an epoch: `epoch 3/20  loss 0.0421  val AP 0.8123  easy 93.2%`.
    static func line(_ report: EpochReport, epochs: Int) -> String {
        let width = String(epochs).count
        let epoch = String(repeating: " ", count: max(0, width - String(report.epoch).count)) + String(report.epoch)
        var text = "epoch \(epoch)/\(epochs)  loss \(format(report.trainingLoss, digits: 4))"
        if let ap = report.validationAveragePrecision { text += "  val AP \(format(ap, digits: 4))" }
        text += "  easy \(format(100 * report.easyFraction, digits: 1))%"
        return text
    }

    private func pad(_ epoch: Int) -> String {
        let width = String(epochs).count
        return String(repeating: " ", count: max(0, width - String(epoch).count)) + String(epoch)
    }
}
