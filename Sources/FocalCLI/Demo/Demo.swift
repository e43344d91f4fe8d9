import ArgumentParser
import FocalTraining
import Foundation

/// `focal demo`: what focal loss does on real imbalanced data, in under a minute.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare cross-entropy, alpha-balanced cross-entropy and focal loss on real imbalanced data.",
        discussion: """
            With no option it uses the mammography data set embedded in focal (11,183 rows, 260 \
            positive, 1:42; see Resources/PROVENANCE.md); --data FILE.csv --label COL uses yours \
            (binary; the rarer class is the positive one). The rows are split (stratified, 70/30) \
            into training and test rows; the same model, optimiser, seed and split are trained with \
            cross-entropy, alpha-balanced cross-entropy (alpha auto) and focal loss (gamma 2, alpha \
            0.25, the paper's choice; balanced CE uses alpha auto = inverse class frequency). The table gives \
            test-split metrics, minority recall and precision at the threshold chosen on the \
            validation rows. The SVG shows the precision-recall curves, the paper's Figure 4 \
            (cumulative normalised loss of positives and negatives for gamma 0, 0.5, 1, 2) and the \
            share of easy examples per epoch. Progress goes to stderr.
            """
    )

    @Option(help: ArgumentHelp("Your data: a CSV file with a header, numeric features and a binary label column.", valueName: "FILE.csv"))
    var data: String?

    @Option(help: ArgumentHelp("The label column of --data (default: the last column).", valueName: "COL"))
    var label: String?

    @Option(help: ArgumentHelp("The SVG file to write (atomically).", valueName: "FILE"))
    var out: String = "focal-demo.svg"

    @Option(help: "The model: logistic, or mlp:H1,H2,... (ReLU hidden layers).")
    var model: String = "mlp:32"

    @Option(parsing: .unconditional, help: "Passes over the training rows.")
    var epochs: Int = 50

    @Option(parsing: .unconditional, help: "The Adam learning rate (default: the toolkit's, 0.001 for an MLP, 0.01 for logistic).")
    var lr: Double?

    @Option(parsing: .unconditional, help: "The seed of the split, the initial weights and the batch order.")
    var seed: UInt64 = 0

    @Option(parsing: .unconditional, help: "The most threads per training (default: one per processor).")
    var threads: Int?

    @Flag(help: "No progress output.")
    var quiet = false

    func validate() throws {
        _ = try baseConfiguration()
        if label != nil, data == nil { throw ValidationError("--label: applies to --data only (the embedded data set's label is 'label')") }
        if let data, data.isEmpty { throw ValidationError("--data: the file name is empty") }
        try ThreadCount.validate(threads)
        guard !out.isEmpty else { throw ValidationError("--out: the file name is empty") }
        try SameFile.refuse(output: out, option: "--out", inputs: [("--data", data)])
    }

    /// The configuration shared by the three trainings (the loss is set per training).
    func baseConfiguration() throws -> TrainingConfiguration {
        do {
            let architecture = try ModelArchitecture(parsing: model)
            return try TrainingConfiguration(
                architecture: architecture, optimizer: OptimizerSettings(kind: .adam, learningRate: lr ?? (architecture == .logistic ? 0.01 : 0.001)),
                epochs: epochs, batchSize: 64, validationFraction: 0.2, seed: seed)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Loads the data, trains, writes the SVG; returns the stdout text and the result.
    func execute(progress: TrainingProgress?) throws -> (CommandOutput, DemoResult) {
        let demoData = try data.map { try DemoData.load(path: $0, label: label, option: "--data") } ?? DemoData.embedded()
        let result = try DemoRun.run(
            demoData, base: try baseConfiguration(), threads: threads,
            announce: { index, name in
                progress?.write("[\(index + 1)/3] training \(name) on \(demoData.name)\n")
            },
            progress: progress.map { progress in { progress.handle($0) } })
        try AtomicTextFile.write(DemoFigure.figure(result).svg(), to: out, option: "--out")
        return (CommandOutput(standardOutput: DemoTable.text(result, svgPath: out), writtenFiles: [out]), result)
    }

    func run() throws {
        let progress = quiet ? nil : TrainingProgress(epochs: epochs, interactive: TrainingTerminal.standardErrorIsTerminal)
        try execute(progress: progress).0.print()
    }
}
