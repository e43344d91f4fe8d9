import ArgumentParser
import FocalTraining
import Foundation

/// `focal demo`: what focal loss does on real imbalanced data, in under a minute.
struct Demo: ParsableCommand, ThreadsHelp {
    static let configuration = CommandConfiguration(
        abstract: "Compare cross-entropy, alpha-balanced cross-entropy and focal loss on real imbalanced data.",
        discussion: """
            With no option it uses the mammography data set embedded in focal (11,183 rows, 260 \
            positive, 1:42; see Resources/PROVENANCE.md); --data FILE.csv --label COL uses yours \
            (binary; the rarer class is the positive one unless --positive-class names it). The rows are split (stratified, 70/30) \
            into training and test rows; the same model, optimiser, seed and split are trained with \
            cross-entropy, alpha-balanced cross-entropy (alpha auto) and focal loss (gamma 2, alpha \
            0.25, the paper's choice; balanced CE uses alpha auto = inverse class frequency). The table gives \
            test-split metrics, the positive class's recall and precision at the threshold chosen on the \
            validation rows. The SVG shows the precision-recall curves, the paper's Figure 4 \
            (cumulative normalised loss of positives and negatives for gamma 0, 0.5, 1, 2) and the \
            share of easy examples per epoch. Progress goes to stderr.
            """
    )

    /// The three trainings run one after another, each on these threads.
    static let threadsHelp = "The most threads per training (default: one per processor)."

    @Option(help: ArgumentHelp("Your data: a CSV file with a header, numeric features and a binary label column (- for stdin).", valueName: "FILE.csv"))
    var data: String?

    @Option(help: ArgumentHelp("The label column of --data (default: the last column).", valueName: "COL"))
    var label: String?

    @OptionGroup var positiveClassOption: PositiveClassOption

    @Option(name: [.customLong("out"), .customShort("o")], help: ArgumentHelp("The SVG file to write (atomically; - for stdout).", valueName: "FILE"))
    var out: String = "focal-demo.svg"

    @OptionGroup var training: ComparisonTrainingOptions

    @Option(parsing: .unconditional, help: "The seed of the split, the initial weights and the batch order.")
    var seed: UInt64 = 0

    @OptionGroup var reading: CSVReadingOptions

    @OptionGroup var featureColumns: FeatureColumnsOption

    @OptionGroup var validationFile: ValidationDataOption

    @OptionGroup var threading: ThreadOptions<Demo>

    @OptionGroup var progressOutput: ProgressOptions

    func validate() throws {
        _ = try baseConfiguration()
        if label != nil, data == nil { throw ValidationError("--label: applies to --data only (the embedded data set's label is 'label')") }
        if let data, data.isEmpty { throw ValidationError("--data: the file name is empty") }
        try ThreadCount.validate(threading.threads)
        guard !out.isEmpty else { throw ValidationError("--out: the file name is empty") }
        try SameFile.refuse(output: out, option: "--out", inputs: [("--data", data), ("--validation-data", validationFile.validationData)])
        try StandardInput.refuseSharing([("--data", data), ("--validation-data", validationFile.validationData)])
    }

    /// The configuration shared by the three trainings (the loss is set per training).
    func baseConfiguration() throws -> TrainingConfiguration {
        try training.configuration(seed: seed)
    }

    /// Loads the data, trains, writes the SVG; returns the stdout text and the result.
    func execute(progress: TrainingProgress?) throws -> (CommandOutput, DemoResult) {
        try OutputFileOption.checkFolder(out, option: "--out")
        let demoData = try data.map {
            try DemoData.load(path: $0, label: label, positiveClass: positiveClassOption.choice, delimiter: reading.delimiter,
                              columns: featureColumns.columns(reading), showsProgress: !progressOutput.quiet, option: "--data",
                              command: .demo)
        } ?? DemoData.embedded(positiveClass: positiveClassOption.choice, columns: featureColumns.columns(reading))
        let validation = try validationFile.rows(
            for: demoData.dataset, labelColumn: demoData.labelColumn, reading: reading, showsProgress: !progressOutput.quiet,
            command: .demo)
        let result = try DemoRun.run(
            demoData, validation: validation, base: try baseConfiguration(), threads: threading.threads,
            announce: { index, name in
                progress?.write("[\(index + 1)/3] training \(name) on \(demoData.name)\n")
            },
            progress: progress.map { progress in { progress.handle($0) } })
        try OutputFileOption.write(DemoFigure.figure(result).svg(), to: out, option: "--out")
        return (CommandOutput(standardOutput: DemoTable.text(result, svgPath: out), writtenFiles: [out]), result)
    }

    func run() throws {
        try execute(progress: progressOutput.trainingProgress(epochs: training.epochs)).0.print()
    }
}
