import Foundation
import FocalTraining

/// The metrics table printed by `focal train` (validation rows) and `focal evaluate`.
enum TrainingReportText {
    /// The table of `report`, with the calibration lines when `calibration` is given.
    static func table(_ report: ClassificationReport, classNames: [String], calibration: Calibration? = nil) -> String {
        var lines: [String] = []
        let average = report.kind == .binary ? "" : " (one-vs-rest macro)"
        lines.append("rows               \(report.sampleCount)")
        if let threshold = report.threshold {
            lines.append("threshold          \(format(threshold, digits: 4))  (P(\(classNames[1])) >= threshold predicts '\(classNames[1])')")
        }
        lines.append("average precision  \(format(report.averagePrecision, digits: 4))\(average)")
        lines.append("ROC-AUC            \(format(report.rocAUC, digits: 4))\(average)")
        lines.append("balanced accuracy  \(format(report.balancedAccuracy, digits: 4))")
        lines.append("macro-F1           \(format(report.macroF1, digits: 4))")
        lines.append("accuracy           \(format(report.accuracy, digits: 4))")
        if let calibration {
            let binned = calibration.kind == .positiveClass ? "P('\(classNames[1])')" : "the top-class probability"
            lines.append("ECE                \(format(calibration.expectedCalibrationError, digits: 4))  "
                         + "(expected calibration error, \(calibration.bins.count) equal-width bins of \(binned))")
            let range = calibration.kind == .positiveClass ? "mean (p - y)^2" : "mean over rows of the sum over classes of (p - y)^2"
            lines.append("Brier score        \(format(calibration.brierScore, digits: 4))  (\(range))")
        }
        lines.append("")
        let nameWidth = max(5, classNames.map(\.count).max() ?? 5)
        func cell(_ text: String, _ width: Int) -> String {
            String(repeating: " ", count: max(0, width - text.count)) + text
        }
        func left(_ text: String) -> String { text + String(repeating: " ", count: max(0, nameWidth - text.count)) }
        lines.append(left("class") + cell("support", 9) + cell("precision", 11) + cell("recall", 9) + cell("F1", 9)
                     + cell("AP", 9) + cell("ROC-AUC", 9))
        for item in report.perClass {
            lines.append(left(classNames[item.classIndex]) + cell(String(item.support), 9)
                         + cell(format(item.precision, digits: 4), 11) + cell(format(item.recall, digits: 4), 9)
                         + cell(format(item.f1, digits: 4), 9) + cell(format(item.averagePrecision, digits: 4), 9)
                         + cell(format(item.rocAUC, digits: 4), 9))
        }
        lines.append("")
        lines.append("confusion matrix (rows: true class, columns: predicted)")
        let widths = ConfusionMatrixColumns.widths(report.confusionMatrix, classNames: classNames)
        lines.append(left("") + zip(classNames, widths).map { cell($0, $1) }.joined())
        for (index, row) in report.confusionMatrix.enumerated() {
            lines.append(left(classNames[index]) + zip(row, widths).map { cell(String($0), $1) }.joined())
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
