import ArgumentParser
import FocalTraining
import Foundation

/// `focal train`: trains a classifier on a CSV file and writes the model file.
struct Train: ParsableCommand, ThreadsHelp {
    /// How the output layer's biases start.
    enum OutputBias: String, ExpressibleByArgument, CaseIterable {
        /// The prior initialisation: the first predictions are the prior (RetinaNet).
        case prior
        /// Zeros (a sigmoid head then starts at p = 0.5, a softmax head at uniform probabilities).
        case zero
    }

    static let configuration = CommandConfiguration(
        abstract: "Train a classifier on a CSV file (header; numeric features; a label column) and save it as JSON.",
        discussion: """
            Binary labels train one sigmoid output with the sigmoid focal loss; more classes a softmax \
            output with the softmax focal loss. The positive class of binary labels (the one AP, \
            ROC-AUC, the threshold, alpha and the prior bias refer to) is the rarer class unless \
            --positive-class names it; the model file records it. Rows are split (stratified, \
            --seed) into training and validation parts; features are standardised on the training \
            part. Progress goes to stderr (a bar on a terminal, plain lines otherwise) with the \
            training loss, the validation average \
            precision and the share of easy examples (p_t > 0.5) per epoch; the validation metrics go to \
            stdout at the end. The same data, options and seed give a bit-identical model file.
            """
    )

    /// Training gives the same model on any number of threads.
    static let threadsHelp = "The most threads to use (default: one per processor; the model does not depend on it)."

    @Argument(help: "The training data: a CSV file with a header (- for stdin).")
    var data: String

    @Option(help: "The label column (default: the last column).")
    var label: String?

    @Option(help: "The model: logistic, or mlp:H1,H2,... (ReLU hidden layers; 'mlp' is mlp:32).")
    var model: String = "logistic"

    @Option(help: "The loss: ce, balanced-ce, focal, poly1 (Poly-1 focal, both heads) or asl (asymmetric, binary only).")
    var loss: String = "focal"

    @Option(parsing: .unconditional, help: "Focal loss gamma (default 2).")
    var gamma: Double?

    @Option(parsing: .unconditional, help: "poly1: the weight epsilon of (1 - p_t)^(gamma+1), >= -1 (default 1).")
    var epsilon: Double?

    @Option(help: "Class weighting: a number in [0, 1] (binary: weight of the positive class), auto (inverse frequency), effective[:BETA] (Cui et al.) or none. Default: auto for balanced-ce, none otherwise.")
    var alpha: String?

    @Option(parsing: .unconditional, help: "Passes over the training rows.")
    var epochs: Int = TrainingConfiguration.defaultEpochs

    @Option(parsing: .unconditional, help: "Rows per optimiser step.")
    var batchSize: Int = TrainingConfiguration.defaultBatchSize

    @Option(parsing: .unconditional, help: "The learning rate (default 0.01 for logistic, 0.003 for mlp with adam or adamw; 0.1 with sgd).")
    var lr: Double?

    @Option(help: "The optimiser: adam, adamw or sgd.")
    var optimizer: String = "adam"

    @Option(parsing: .unconditional, help: "SGD momentum, in [0, 1) (default 0.9; --optimizer sgd only).")
    var momentum: Double?

    @Option(parsing: .unconditional, help: "AdamW weight decay, >= 0 (default 0.01; --optimizer adamw only).")
    var weightDecay: Double?

    @Option(parsing: .unconditional, help: "The share of each class held out for validation, in [0, 1); 0 trains on every row (default 0.2; not used with --validation-data).")
    var validation: Double?

    @OptionGroup var validationFile: ValidationDataOption

    @Option(parsing: .unconditional, help: "The seed of the split, the initial weights and the batch order.")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "Early stopping: stop after this many epochs without a better validation AP, keeping the best weights.")
    var patience: Int?

    @Option(parsing: .unconditional, help: "The prior probability pi of the sigmoid head's initial bias -log((1 - pi) / pi) (default 0.01).")
    var prior: Double?

    @Option(name: .customLong("init"), help: "How an MLP's layers start: he-normal (N(0, 2/fan_in) weights, zero hidden biases) or uniform (PyTorch's nn.Linear default, +-1/sqrt(fan_in)).")
    var initialization: WeightInitialization = .heNormal

    @Option(help: "The output biases at the start: prior (sigmoid head -log((1 - pi) / pi), softmax head the log class priors) or zero.")
    var outputBias: OutputBias = .prior

    @OptionGroup var regularisation: RegularisationOptions

    @Flag(help: "Fill missing feature values with the training mean instead of failing.")
    var imputeMissing = false

    @OptionGroup var positiveClassOption: PositiveClassOption

    @OptionGroup var reading: CSVReadingOptions

    @OptionGroup var featureColumns: FeatureColumnsOption

    @OptionGroup var threading: ThreadOptions<Train>

    @OptionGroup var progressOutput: ProgressOptions

    @Option(name: [.customLong("out"), .customShort("o")], help: "The model file to write (JSON; - for stdout, the report then going to stderr).")
    var out: String

    @Flag(help: "Print one JSON object at the end instead of the text report.")
    var json = false

    func validate() throws {
        _ = try configuration()
        try ThreadCount.validate(threading.threads)
        guard !out.isEmpty else { throw ValidationError("--out must name a file") }
        if let validation, let validationData = validationFile.validationData {
            throw ValidationError("--validation \(validation) holds out rows of the data; it cannot go with --validation-data \(validationData)")
        }
        try SameFile.refuse(output: out, option: "--out", inputs: [("the data file", data), ("--validation-data", validationFile.validationData)])
        try StandardInput.refuseSharing([("DATA", data), ("--validation-data", validationFile.validationData)])
    }

    /// The training configuration the options describe (usage errors as `ValidationError`).
    func configuration() throws -> TrainingConfiguration {
        do {
            let architecture = try ModelArchitecture(parsing: model)
            guard let kind = LossSettings.Kind(rawValue: loss) else {
                throw ValidationError("--loss must be ce, balanced-ce, focal, poly1 or asl; got '\(loss)'")
            }
            if outputBias == .zero, let prior {
                throw ValidationError("--prior \(prior) sets a prior bias; it cannot go with --output-bias zero")
            }
            if let epsilon {
                guard kind == .poly1 else { throw ValidationError("--epsilon applies to --loss poly1 only") }
                guard epsilon.isFinite, epsilon >= -1 else {
                    throw ValidationError("--epsilon: value \(messageNumber(epsilon)) must be finite and >= -1")
                }
            }
            let lossSettings = try LossSettings(
                kind: kind, gamma: gamma, alpha: alpha.map { (text) throws(TrainingError) in try LossSettings.Alpha(parsing: text) },
                epsilon: epsilon)
            let optimizerKind: OptimizerSettings.Kind
            switch optimizer {
            case "adam": optimizerKind = .adam
            case "adamw": optimizerKind = .adamW(weightDecay: weightDecay ?? 0.01)
            case "sgd": optimizerKind = .sgd(momentum: momentum ?? 0.9)
            default: throw ValidationError("--optimizer must be adam, adamw or sgd; got '\(optimizer)'")
            }
            if let momentum, optimizer != "sgd" {
                throw ValidationError("--momentum \(momentum) applies to --optimizer sgd only (the optimiser is \(optimizer))")
            }
            if let weightDecay, optimizer != "adamw" {
                throw ValidationError("--weight-decay \(weightDecay) applies to --optimizer adamw only (the optimiser is \(optimizer))")
            }
            let defaultRate = optimizer == "sgd" ? 0.1 : TrainingConfiguration.defaultLearningRate(for: architecture)
            let optimizerSettings = try OptimizerSettings(kind: optimizerKind, learningRate: lr ?? defaultRate)
            let penalty = try regularisation.penalty()
            if regularisation.refit == true, validation == 0 {
                throw ValidationError("--refit needs validation rows to choose the epoch and threshold from (--validation > 0); with --validation 0 the model already trains on every row")
            }
            return try TrainingConfiguration(
                architecture: architecture, loss: lossSettings, optimizer: optimizerSettings, epochs: epochs,
                batchSize: batchSize, validationFraction: validation ?? TrainingConfiguration.defaultValidationFraction, seed: seed,
                earlyStoppingPatience: patience, priorProbability: outputBias == .zero ? 0.5 : (prior ?? 0.01),
                softmaxPriorBias: outputBias == .prior, weightInitialization: initialization, l2Penalty: penalty.value,
                penaltySearch: penalty.search, restoresBestEpoch: regularisation.restoreBest,
                refitsOnAllRows: regularisation.refitsOnAllRows)
        } catch let error as TrainingError {
            throw ValidationError(error.commandLineDescription)
        }
    }

    func run() throws {
        let (model, report) = try train(progress: progressOutput.trainingProgress(epochs: epochs))
        // The model file on stdout: the report goes beside the progress, on stderr.
        if out == "-" { TrainingTerminal.writeError(report) } else { TrainingTerminal.writeOutput(report) }
        _ = model
    }

    /// Loads the data, trains, writes the model file; returns the model and the text for stdout
    /// (the report, or with `--json` one JSON object).
    func train(progress: TrainingProgress?) throws -> (TrainedModel, String) {
        let configuration = try configuration()
        try OutputFileOption.checkFolder(out, option: "--out")
        let clock = ContinuousClock()
        let loadStart = clock.now
        let loaded: Dataset
        let table: CSVTable
        let missingValues: MissingValuePolicy = imputeMissing ? .imputeTrainingMean : .reject
        do {
            table = try reading.table(path: data, showsProgress: progress != nil)
            loaded = try Dataset(table: table, labelColumn: label, columns: featureColumns.columns(reading), missingValues: missingValues)
        } catch {
            throw CLIError(error)
        }
        let (dataset, positiveClass) = try positiveClassOption.apply(to: loaded, command: .train)
        let labelColumn = label ?? table.header[table.header.count - 1]
        let validationRows = try validationFile.rows(
            for: dataset, labelColumn: labelColumn, reading: reading, missingValues: missingValues, showsProgress: progress != nil,
            command: .train)
        let loadTime = clock.now - loadStart
        let trainer = Trainer(configuration: configuration, threads: threading.threads)
        let model: TrainedModel
        let trainStart = clock.now
        do {
            model = try trainer.train(
                dataset, validation: validationRows, labelColumn: labelColumn, missingValues: missingValues,
                progress: progress.map { progress in { progress.handle($0) } })
        } catch {
            throw CLIError(error)
        }
        let trainTime = clock.now - trainStart
        try OutputFileOption.write(model.jsonData(), to: out, option: "--out")
        if json {
            let report = TrainingReportJSON(
                model: model, positiveClass: positiveClass, modelPath: out, data: CSVInput.displayName(data),
                loadSeconds: loadTime, trainSeconds: trainTime, threads: trainer.threads,
                validationData: validationFile.validationData.map(CSVInput.displayName))
            return (model, try report.text())
        }
        var text = "trained \(model.architecture) with \(lossDescription(model.configuration.loss)) on "
            + "\(model.summary.trainingRows) rows (\(zip(dataset.classNames, model.summary.trainingClassCounts).map { "\($0): \($1)" }.joined(separator: ", ")))"
            + "; epoch \(model.summary.selectedEpoch) kept\(model.summary.stoppedEarly ? " (early stop)" : "")\n"
            + (positiveClass.map { $0.reportLine + "\n" } ?? "")
            + "time: data loaded in \(seconds(loadTime)) s, trained in \(seconds(trainTime)) s (\(trainer.threads) threads)\n"
        text += TrainingReportText.regularisation(model)
        if let validation = model.summary.validation {
            let source = validationFile.validationData.map { ", --validation-data \(CSVInput.displayName($0))" } ?? ""
            text += "validation (\(model.summary.validationRows) rows\(source)):\n"
            text += TrainingReportText.table(validation, classNames: model.classNames)
        } else if model.summary.validationRows == 0 {
            text += "no validation rows (--validation 0): no validation metrics; threshold 0.5\n"
        } else if let validationData = validationFile.validationData {
            text += "the \(model.summary.validationRows) rows of --validation-data \(CSVInput.displayName(validationData)) lack a class: "
                + "no validation metrics; threshold 0.5\n"
        } else {
            text += "the \(model.summary.validationRows) validation rows lack a class: no validation metrics; "
                + "threshold 0.5 (use a larger --validation)\n"
        }
        text += "model written to \(out)\n"
        return (model, text)
    }
}
