import FocalTraining

/// The text `focal demo` prints: what was trained, the side-by-side table of test metrics, and
/// one sentence derived from the table's numbers.
enum DemoTable {
    /// The metric rows of the table, in order, with each model's value.
    static func rows(_ result: DemoResult) -> [(label: String, values: [Double])] {
        let reports = result.models.map(\.evaluation.report)
        return [
            ("average precision", reports.map(\.averagePrecision)),
            ("ROC-AUC", reports.map(\.rocAUC)),
            ("balanced accuracy", reports.map(\.balancedAccuracy)),
            ("macro-F1", reports.map(\.macroF1)),
            ("positive-class recall", reports.map { $0.perClass[1].recall }),
            ("positive-class precision", reports.map { $0.perClass[1].precision }),
            ("threshold (from validation)", result.models.map(\.evaluation.threshold)),
            ("calibration error (ECE)", result.models.map(\.evaluation.calibration.expectedCalibrationError)),
            ("Brier score", result.models.map(\.evaluation.calibration.brierScore)),
        ]
    }

    /// The whole stdout text.
    static func text(_ result: DemoResult, svgPath: String?) -> String {
        let data = result.data.dataset, split = result.split, config = result.configuration
        var text = "data: \(result.data.name), \(data.rowCount) rows, \(data.featureCount) features, "
            + "\(result.data.positive.reportLine) (1:\(format(Double(data.classCounts[0]) / Double(data.classCounts[1]), digits: 1)))\n"
        let run = result.models[0].model.summary
        // With --validation-data every training row trains.
        let validation = run.trainingRows == split.training.rowCount
            ? "all of them train; the \(run.validationRows) rows of --validation-data validate and choose the threshold"
            : "\(format(100 * config.validationFraction, digits: 0))% of them validate and choose the threshold"
        text += "split: stratified, seed \(config.seed): \(split.training.rowCount) rows to train (\(validation)), "
            + "\(split.test.rowCount) test rows (\(split.test.classCounts[1]) positive)\n"
        text += "model: \(config.architecture), \(optimizerDescription(config.optimizer)), \(config.epochs) epochs, batch \(config.batchSize); "
            + "same split, seed and initial weights for the three losses\n"
        text += "losses: cross-entropy; balanced CE = cross-entropy with alpha auto (inverse class frequency); "
            + "focal loss = gamma 2 with alpha 0.25 (the paper's choice)\n\n"
        let names = result.models.map(\.name)
        let labelWidth = 30, columnWidth = 15
        text += TableColumn.left("test split", labelWidth) + names.map { TableColumn.right($0, columnWidth) }.joined() + "\n"
        for row in rows(result) {
            text += TableColumn.left(row.label, labelWidth) + row.values.map { TableColumn.right(format($0, digits: 3), columnWidth) }.joined() + "\n"
        }
        text += "\n" + summary(result) + "\n"
        if let svgPath { text += "figure: \(svgPath)\n" }
        return text
    }

    /// One sentence on what the table shows, built from its numbers.
    static func summary(_ result: DemoResult) -> String {
        let names = result.models.map(\.name)
        let reports = result.models.map(\.evaluation.report)
        let ap = reports.map(\.averagePrecision)
        let best = ap.indices.max { ap[$0] < ap[$1] }!
        let others = ap.indices.filter { $0 != best }
        var sentence: String
        if ap.max()! - ap.min()! < 0.005 {
            sentence = "The three losses rank the positive class about equally (average precision "
                + ap.indices.map { "\(names[$0]) \(format(ap[$0], digits: 3))" }.joined(separator: ", ") + ")"
        } else {
            sentence = "\(capitalized(names[best])) ranks the positive class best (average precision \(format(ap[best], digits: 3)) vs "
                + others.map { "\(format(ap[$0], digits: 3)) for \(names[$0])" }.joined(separator: " and ") + ")"
        }
        let recall = reports.map { $0.perClass[1].recall }
        let mostRecall = recall.indices.max { recall[$0] < recall[$1] }!
        let precision = reports[mostRecall].perClass[1].precision
        sentence += "; at the validation-chosen thresholds \(names[mostRecall]) finds the most positive examples "
            + "(recall \(format(recall[mostRecall], digits: 3)), precision \(format(precision, digits: 3)))"
        let f1 = reports.map(\.macroF1)
        let bestF1 = f1.indices.max { f1[$0] < f1[$1] }!
        sentence += " and \(names[bestF1]) has the best macro-F1 (\(format(f1[bestF1], digits: 3)))."
        return sentence
    }

    private static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
