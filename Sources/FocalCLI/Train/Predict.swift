import ArgumentParser
import FocalTraining
import Foundation

/// `focal predict`: class probabilities and the predicted class of each CSV row.
struct Predict: ParsableCommand, ThreadsHelp {
    /// How the predictions are written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// A CSV file: a header line, then one line per row.
        case csv
        /// JSON Lines: one JSON object per row, keyed as the CSV columns.
        case jsonl
    }

    static let configuration = CommandConfiguration(
        abstract: "Predict: one CSV row per input row with the class probabilities and the predicted class.",
        discussion: """
            The input needs the model's feature columns (by name, any order); a label column and other \
            columns are ignored. The output header is p_<class> for each class, then 'predicted'; \
            with --id-column COL, COL comes first (its text as in the input). With --format jsonl \
            each row is one JSON object with the same keys. \
            Binary models predict their positive class (recorded in the model file) when its \
            probability p_<positive class> reaches the model's threshold, or --threshold when given.
            """
    )

    @OptionGroup var modelFile: ModelFileArgument

    @Argument(help: "The rows to predict: a CSV file with a header (- for stdin).")
    var data: String

    @Option(name: [.customLong("out"), .customShort("o")], help: "Write the predictions to this file (atomically) instead of stdout.")
    var out: String?

    @Option(help: "The output format: csv (a header, one line per row) or jsonl (one JSON object per row).")
    var format: Format = .csv

    @Option(parsing: .unconditional, help: "The decision threshold on the positive class's probability of a binary model, in [0, 1] (default: the model's).")
    var threshold: Double?

    @OptionGroup var reading: CSVReadingOptions

    @OptionGroup var threading: ThreadOptions<Predict>

    @OptionGroup var progressOutput: ProgressOptions

    func validate() throws {
        try ThreadCount.validate(threading.threads)
        try DecisionThreshold.validate(threshold)
        try SameFile.refuse(output: out, option: "--out", inputs: [("the model file", modelFile.model), ("the data file", data)])
        try StandardInput.refuseSharing([("MODEL", modelFile.model), ("DATA", data)])
    }

    func run() throws {
        try OutputFileOption.checkFolder(out, option: "--out")
        let text = try output()
        if let out {
            try OutputFileOption.write(text, to: out, option: "--out")
        } else {
            TrainingTerminal.writeOutput(text)
        }
    }

    /// The CSV or JSON Lines this command writes.
    func output() throws -> String {
        let model = modelFile.model
        let trained = try modelFile.load()
        let features: [Float]
        let identifiers: [String]?
        if let id = reading.columns().idColumn, id == "predicted" || trained.classNames.contains(where: { "p_" + $0 == id }) {
            throw CLIError(verbatim: "--id-column \(id): the output already has a column '\(id)' (p_<class> for each class, "
                + "then 'predicted'); rename the id column in the data")
        }
        if threshold != nil, !trained.isBinary {
            throw CLIError(verbatim: "--threshold applies to binary models; \(model) has \(trained.classNames.count) classes "
                + "(it predicts the most probable)")
        }
        do {
            let table = try reading.table(path: data, showsProgress: !progressOutput.quiet)
            let columns = reading.columns()
            features = try trained.features(from: table, columns: columns)
            identifiers = try columns.identifiers(in: table)
        } catch {
            throw CLIError(error, command: .predict)
        }
        let classCount = trained.classNames.count
        let rowCount = features.count / trained.featureNames.count
        let probabilities = trained.probabilities(features: features, rowCount: rowCount, threads: threading.threads)
        // Finite weights can still overflow (weights of 1e38, scales of 1e-320): never print NaN.
        if let bad = probabilities.firstIndex(where: { !$0.isFinite }) {
            throw CLIError(verbatim: "\(CSVInput.displayName(data)): data row \(bad / classCount + 1) gives a non-finite score "
                + "(\(probabilities[bad]) for class '\(trained.classNames[bad % classCount])'): the model \(model) overflows on it")
        }
        let predicted = trained.predictedClasses(probabilities: probabilities, threshold: threshold)
        if format == .jsonl {
            return try PredictionLines.jsonLines(
                classNames: trained.classNames, probabilities: probabilities, predicted: predicted,
                identifiers: identifiers.map { (reading.columns().idColumn!, $0) })
        }
        let idHeader = reading.columns().idColumn.map { [csvField($0)] } ?? []
        var text = (idHeader + trained.classNames.map { csvField("p_" + $0) } + ["predicted"]).joined(separator: ",") + "\n"
        text.reserveCapacity(rowCount * (classCount * 12 + 8))
        for row in 0..<rowCount {
            if let identifiers {
                text += csvField(identifiers[row])
                text += ","
            }
            for c in 0..<classCount {
                text += String(probabilities[row * classCount + c])
                text += ","
            }
            text += csvField(trained.classNames[predicted[row]])
            text += "\n"
        }
        return text
    }
}
