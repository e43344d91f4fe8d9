import ArgumentParser
import FocalTraining
import Foundation

/// `focal evaluate`: the metrics of a model on labelled CSV data.
struct Evaluate: ParsableCommand, ThreadsHelp {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate a model on labelled CSV data: AP, ROC-AUC, balanced accuracy, macro-F1, per-class figures.",
        discussion: """
            The data need the model's feature columns (by name, any order) and its label column. \
            Binary models predict their positive class (the one the model file records, chosen at \
            training time) when its probability reaches the model's threshold (chosen for the best \
            F1 on the validation rows) unless --threshold is given; AP and ROC-AUC are the positive \
            class's. Calibration: the expected calibration error (15 equal-width bins; binary on the \
            positive class's probability, multi-class on the top-class confidence) and the Brier score. \
            Multi-class AP and ROC-AUC are one-vs-rest macro averages.
            """
    )

    @OptionGroup var modelFile: ModelFileArgument

    @Argument(help: "Labelled data: a CSV file with a header (- for stdin).")
    var data: String

    @Option(parsing: .unconditional, help: "The decision threshold on the positive class's probability of a binary model (default: the model's).")
    var threshold: Double?

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    @OptionGroup var reading: CSVReadingOptions

    @OptionGroup var threading: ThreadOptions<Evaluate>

    @OptionGroup var progressOutput: ProgressOptions

    func validate() throws {
        try DecisionThreshold.validate(threshold)
        try ThreadCount.validate(threading.threads)
        try StandardInput.refuseSharing([("MODEL", modelFile.model), ("DATA", data)])
    }

    func run() throws {
        TrainingTerminal.writeOutput(try output())
    }

    /// The text this command prints.
    func output() throws -> String {
        let model = modelFile.model
        let trained = try modelFile.load()
        let dataset: Dataset
        do {
            dataset = try trained.labelledData(
                from: reading.table(path: data, showsProgress: !progressOutput.quiet), columns: reading.columns())
        } catch {
            throw CLIError(error, command: .evaluate)
        }
        let report: ClassificationReport
        let calibration: Calibration
        do {
            let probabilities = trained.probabilities(features: dataset.features, rowCount: dataset.rowCount, threads: threading.threads)
            report = try trained.report(probabilities: probabilities, labels: dataset.labels, threshold: threshold)
            calibration = try trained.calibration(probabilities: probabilities, labels: dataset.labels)
        } catch {
            throw CLIError(verbatim: "\(CSVInput.displayName(data)): \(error)")
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let reportObject = try JSONSerialization.jsonObject(with: encoder.encode(report)) as! [String: Any]
            var object = reportObject
            object["classNames"] = trained.classNames
            object["positiveClass"] = trained.positiveClass as Any? ?? NSNull()
            object["calibration"] = try JSONSerialization.jsonObject(with: encoder.encode(calibration))
            object["model"] = model
            object["data"] = CSVInput.displayName(data)
            if var perClass = reportObject["perClass"] as? [[String: Any]] {
                for index in perClass.indices {
                    if let c = perClass[index]["classIndex"] as? Int { perClass[index]["className"] = trained.classNames[c] }
                }
                object["perClass"] = perClass
            }
            let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            return String(decoding: bytes, as: UTF8.self) + "\n"
        }
        return "model \(model): \(trained.architecture), \(lossDescription(trained.configuration.loss)); data \(CSVInput.displayName(data))\n"
            + (trained.positiveClass.map { "positive class '\($0)' (the model's)\n" } ?? "")
            + TrainingReportText.table(report, classNames: trained.classNames, calibration: calibration)
    }
}
