import ArgumentParser
import FocalTraining
import Foundation

/// `focal tune`: the focal-loss paper's Table 1 ablation (gamma × alpha) on the user's data, or
/// Poly-1's gamma × epsilon (`--loss poly1`).
struct Tune: ParsableCommand, ThreadsHelp {
    static let configuration = CommandConfiguration(
        abstract: "Train a gamma x alpha grid of focal losses on your data (the paper's Table 1 ablation).",
        discussion: """
            Every cell is trained on the same stratified 70/30 split (the test rows never change) \
            for each seed, and scored on the test rows; the table gives the mean and standard \
            deviation over seeds, marks the best cell with *, and shows cross-entropy and \
            alpha-balanced cross-entropy (alpha auto) beside it. With --loss poly1 the columns are \
            Poly-1's epsilons (--epsilon) and every cell takes the one --alpha (default none). Binary data only; the rarer class \
            is the positive one unless --positive-class names it. Trainings run in parallel, one per processor (--threads).
            """
    )

    /// The trainings run in parallel, one thread each.
    static let threadsHelp = "How many trainings run at once (default: one per processor)."

    @Argument(help: ArgumentHelp("The data: a CSV file with a header, numeric features and a binary label column (- for stdin).", valueName: "DATA.csv"))
    var data: String

    @Option(help: ArgumentHelp("The label column (default: the last column).", valueName: "COL"))
    var label: String?

    @Option(help: ArgumentHelp("The gammas, comma-separated, each >= 0.", valueName: "g1,g2,..."))
    var gamma: String = "0,0.5,1,2,5"

    @Option(help: "The loss the grid trains: focal (gamma x alpha) or poly1 (gamma x epsilon).")
    var loss: TuneLoss = .focal

    @Option(help: ArgumentHelp("The alphas, comma-separated: numbers in [0, 1] (weight of the positive class), auto (inverse frequency), effective[:BETA] or none (default 0.25,0.5,0.75,auto; with --loss poly1 one alpha, default none).", valueName: "a1,a2,..."))
    var alpha: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("--loss poly1: the epsilons, comma-separated, each >= -1 (default 0,1,2).", valueName: "e1,e2,..."))
    var epsilon: String?

    @Option(help: "The metric on the test rows: ap, roc-auc, macro-f1 or balanced-accuracy.")
    var metric: TuneMetric = .ap

    @Option(parsing: .unconditional, help: "How many seeds (0, 1, ...) each cell is trained with.")
    var seeds: Int = 3

    @OptionGroup var positiveClassOption: PositiveClassOption

    @OptionGroup var training: ComparisonTrainingOptions

    @OptionGroup var reading: CSVReadingOptions

    @OptionGroup var featureColumns: FeatureColumnsOption

    @OptionGroup var validationFile: ValidationDataOption

    @OptionGroup var threading: ThreadOptions<Tune>

    @Flag(help: "Print the grid as one JSON object instead of the table.")
    var json = false

    @OptionGroup var progressOutput: ProgressOptions

    func validate() throws {
        _ = try settings()
        guard (1...100).contains(seeds) else { throw ValidationError("--seeds: must be in 1...100, got \(seeds)") }
        try ThreadCount.validate(threading.threads)
        try StandardInput.refuseSharing([("DATA", data), ("--validation-data", validationFile.validationData)])
    }

    /// The parsed options: the base configuration, gammas and the grid's columns (usage errors as
    /// `ValidationError`).
    func settings() throws -> (TrainingConfiguration, [Double], TuneColumns) {
        let gammas = try NumberList.gammas(gamma)
        let alpha = alpha ?? (loss == .poly1 ? "none" : "0.25,0.5,0.75,auto")
        var alphas: [LossSettings.Alpha] = []
        for entry in alpha.split(separator: ",", omittingEmptySubsequences: false) {
            let text = entry.trimmingCharacters(in: .whitespaces)
            do {
                alphas.append(try LossSettings.Alpha(parsing: text))
            } catch {
                throw ValidationError("--alpha: '\(text)' is not a number in [0, 1], auto, effective[:BETA] or none; got '\(alpha)'")
            }
        }
        guard Set(gammas).count == gammas.count else { throw ValidationError("--gamma: a value repeats in '\(gamma)'") }
        guard Set(alphas.map(\.description)).count == alphas.count else { throw ValidationError("--alpha: a value repeats in '\(alpha)'") }
        return (try training.configuration(seed: 0), gammas, try columns(alphas: alphas))
    }

    /// The grid's columns: the alphas for focal loss; the epsilons, with the one alpha, for Poly-1.
    private func columns(alphas: [LossSettings.Alpha]) throws -> TuneColumns {
        guard loss == .poly1 else {
            if epsilon != nil { throw ValidationError("--epsilon applies to --loss poly1 only (focal loss grids gamma x alpha)") }
            return .alpha(alphas)
        }
        guard alphas.count == 1 else { throw ValidationError("--alpha: --loss poly1 grids gamma x epsilon and takes one alpha; got '\(alpha ?? "")'") }
        let epsilons = try NumberList.parse(epsilon ?? "0,1,2", option: "--epsilon")
        if let bad = epsilons.first(where: { $0 < -1 }) { throw ValidationError("--epsilon: value \(messageNumber(bad)) must be finite and >= -1") }
        guard Set(epsilons).count == epsilons.count else { throw ValidationError("--epsilon: a value repeats in '\(epsilon ?? "")'") }
        return .epsilon(epsilons, alpha: alphas[0])
    }

    /// Loads the data and trains the grid; returns the stdout text and the result.
    func execute(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> (CommandOutput, TuneResult) {
        let (base, gammas, columns) = try settings()
        let demoData = try DemoData.load(
            path: data, label: label, positiveClass: positiveClassOption.choice, delimiter: reading.delimiter,
            columns: featureColumns.columns(reading), showsProgress: !progressOutput.quiet, option: "DATA",
            command: .tune)
        let validation = try validationFile.rows(
            for: demoData.dataset, labelColumn: demoData.labelColumn, reading: reading, showsProgress: !progressOutput.quiet,
            command: .tune)
        let result = try TuneGrid.run(
            demoData, validation: validation, base: base, metric: metric, gammas: gammas, columns: columns, seeds: (0..<UInt64(seeds)).map { $0 },
            workers: threading.threads ?? ProcessInfo.processInfo.activeProcessorCount, finished: progress ?? { _, _ in })
        return (CommandOutput(standardOutput: json ? TuneTable.json(result) : TuneTable.text(result)), result)
    }

    func run() throws {
        try execute(progress: progressOutput.quiet ? nil : Self.progressWriter(interactive: TrainingTerminal.standardErrorIsTerminal)).0.print()
    }

    /// Progress on stderr: a bar redrawn in place on a terminal, a plain line per training otherwise.
    static func progressWriter(interactive: Bool) -> @Sendable (Int, Int) -> Void {
        { done, total in
            guard interactive else {
                TrainingTerminal.writeError("trained \(done)/\(total)\n")
                return
            }
            let width = 24
            let filled = width * done / total
            let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
            TrainingTerminal.writeError("\r\u{1B}[2Ktraining [\(bar)] \(done)/\(total)" + (done == total ? "\n" : ""))
        }
    }
}
