import ArgumentParser
@testable import FocalCLI
import FocalTraining
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Runs `focal demo` / `focal tune` in process as the executable would: stdout, exit status and
/// the one stderr line of an error.
enum DemoTuneRunner {
    static func run(_ arguments: [String]) -> CLIRun {
        do {
            let command = try Focal.parseAsRoot(arguments)
            let output: CommandOutput
            switch command {
            case let demo as Demo: output = try demo.execute(progress: nil).0
            case let tune as Tune: output = try tune.execute().0
            default: fatalError("runs demo and tune only")
            }
            return CLIRun(status: 0, standardOutput: output.standardOutput, standardError: "")
        } catch {
            return CLIRun(status: Focal.exitCode(for: error).rawValue, standardOutput: "",
                          standardError: Focal.fullMessage(for: error) + "\n")
        }
    }
}

/// Whether `text` is well-formed XML.
func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

@Suite("focal demo")
struct DemoCommandTests {
    @Test("Trains the three losses on a small set; the table's values are the toolkit's metrics of the test predictions")
    func tableMatchesMetrics() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 400)
        let svg = fixture.path("demo.svg")
        let command = try Demo.parse(["--data", data, "--label", "kind", "--model", "mlp:4", "--epochs", "3", "--out", svg])
        let (output, result) = try command.execute(progress: nil)

        #expect(result.data.positiveClass == "rare")  // the rarer class is the positive one
        #expect(result.models.map(\.name) == ["cross-entropy", "balanced CE", "focal loss"])
        #expect(result.models[2].loss.gamma == 2 && result.models[2].loss.alpha == .constant(0.25))
        #expect(result.models[0].loss.alpha == LossSettings.Alpha.none)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        for (index, model) in result.models.enumerated() {
            let scores = model.evaluation.scores, labels = model.evaluation.labels
            #expect(labels == result.split.test.labels)
            #expect(model.model.configuration.seed == 0 && model.model.configuration.epochs == 3)
            let ranking = try BinaryRanking(scores: scores, labels: labels)
            let predictions = scores.map { $0 >= model.evaluation.threshold ? 1 : 0 }
            let matrix = try ConfusionMatrix(labels: labels, predictions: predictions, classCount: 2)
            let expected: [(String, Double)] = [
                ("average precision", try ranking.averagePrecision()), ("ROC-AUC", try ranking.rocAUC()),
                ("balanced accuracy", matrix.balancedAccuracy), ("macro-F1", matrix.macroF1),
                ("positive-class recall", matrix.perClass[1].recall), ("positive-class precision", matrix.perClass[1].precision),
                ("threshold (from validation)", model.model.threshold),
                ("calibration error (ECE)", Self.expectedCalibrationError(scores, labels)),
                ("Brier score", zip(scores, labels).map { ($0 - Double($1)) * ($0 - Double($1)) }
                    .reduce(0, +) / Double(labels.count)),
            ]
            for (label, value) in expected {
                let line = try #require(lines.first { $0.hasPrefix(label + " ") }, "row \(label)")
                let cells = line.dropFirst(label.count).split(separator: " ").map(String.init)
                #expect(cells.count == 3, "\(line)")
                #expect(cells[index] == String(format: "%.3f", value), "\(label) of \(model.name)")
            }
        }
        // The sentence names the model with the highest average precision first.
        let ap = result.models.map(\.evaluation.report.averagePrecision)
        let summary = try #require(lines.first { $0.contains("positive examples") })
        if ap.max()! - ap.min()! >= 0.005 {
            let best = result.models[ap.firstIndex(of: ap.max()!)!].name
            #expect(summary.lowercased().hasPrefix(best.lowercased() + " ranks the positive class best"))
            #expect(summary.contains(String(format: "%.3f", ap.max()!)))
        }
        #expect(output.standardOutput.contains("figure: \(svg)"))
        #expect(output.writtenFiles == [svg])
    }

    /// The ECE of binary probabilities, written out independently of `Calibration`: 15 bins
    /// `(k/15, (k+1)/15]` (0 in the first), `sum_k n_k / N * |positives_k / n_k - mean p_k|`.
    static func expectedCalibrationError(_ scores: [Double], _ labels: [Int]) -> Double {
        var total = 0.0
        for k in 0..<15 {
            let lower = Double(k) / 15, upper = Double(k + 1) / 15
            let members = zip(scores, labels).filter { ($0.0 > lower || (k == 0 && $0.0 == 0)) && $0.0 <= upper }
            guard !members.isEmpty else { continue }
            let meanP = members.map(\.0).reduce(0, +) / Double(members.count)
            let share = Double(members.filter { $0.1 == 1 }.count) / Double(members.count)
            total += Double(members.count) / Double(scores.count) * abs(share - meanP)
        }
        return total
    }

    @Test("The SVG is one well-formed document with the PR curves, Figure 4 and the easy share per epoch")
    func svgStructure() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 400)
        let svg = fixture.path("out.svg")
        let (_, result) = try Demo.parse(["--data", data, "--label", "kind", "--model", "logistic", "--epochs", "4", "--out", svg])
            .execute(progress: nil)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml") && text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(isWellFormedXML(text))
        #expect(text.components(separatedBy: "<g transform=\"translate(").count - 1 == 6)  // six panels
        for title in ["Precision-recall on the test split", "Loss CDF of positives", "Loss CDF of negatives",
                      "Easy training examples (p_t &gt; 0.5) per epoch", "recall", "precision", "fraction of examples",
                      "cumulative normalised loss", "epoch", "share of training rows",
                      "Reliability on the test split (15 bins of P(positive))", "perfectly calibrated",
                      "mean predicted probability in the bin", "share of positive rows in the bin",
                      "Test rows per bin of P(positive)"] {
            #expect(text.contains(title), "\(title)")
        }
        for model in result.models {
            #expect(text.contains("\(model.name) (AP \(String(format: "%.3f", model.evaluation.report.averagePrecision)))"))
            #expect(text.contains("\(model.name) (ECE \(String(format: "%.3f", model.evaluation.calibration.expectedCalibrationError)))"))
            #expect(model.model.summary.history.count == 4)
        }
        for gamma in ["0", "0.5", "1", "2"] { #expect(text.contains("γ = \(gamma)<") || text.contains("γ = \(gamma)\"")) }
    }

    @Test("Figure 4: the cumulative normalised focal loss recomputed from the focal model's test logits")
    func lossDistribution() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 400)
        let (_, result) = try Demo.parse(["--data", data, "--label", "kind", "--model", "logistic", "--epochs", "3",
                                          "--out", fixture.path("f.svg")]).execute(progress: nil)
        let focal = result.models[2].evaluation
        #expect(result.lossDistributions.map(\.gamma) == [0, 0.5, 1, 2])
        for curve in result.lossDistributions {
            // Independently: FL = -(1 - p_t)^gamma log(p_t), p_t from the logit.
            func losses(_ label: Int) -> [Double] {
                zip(focal.logits, focal.labels).filter { $0.1 == label }.map { logit, y in
                    let p = 1 / (1 + exp(-Double(logit)))
                    let pt = y == 1 ? p : 1 - p
                    return -pow(1 - pt, curve.gamma) * log(pt)
                }.sorted()
            }
            for (values, label) in [(curve.positives, 1), (curve.negatives, 0)] {
                let expected = losses(label)
                let total = expected.reduce(0, +)
                #expect(values.count == result.split.test.classCounts[label])
                var running = 0.0
                for (k, value) in expected.enumerated() {
                    running += value
                    #expect(abs(values[k] - running / total) < 1e-4, "gamma \(curve.gamma) class \(label) at \(k)")
                }
                #expect(abs(values.last! - 1) < 1e-12)
            }
        }
    }

    @Test("Progress: one announcement per loss and plain epoch lines off a terminal")
    func progressLines() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 300)
        final class Lines: @unchecked Sendable { var text = "" }
        let lines = Lines()
        let progress = TrainingProgress(epochs: 2, interactive: false) { lines.text += $0 }
        _ = try Demo.parse(["--data", data, "--label", "kind", "--model", "logistic", "--epochs", "2", "--out", fixture.path("p.svg")])
            .execute(progress: progress)
        #expect(lines.text.contains("[1/3] training cross-entropy on \(data)\n"))
        #expect(lines.text.contains("[3/3] training focal loss"))
        #expect(lines.text.components(separatedBy: "epoch 2/2").count - 1 == 3)
        #expect(!lines.text.contains("\u{1B}"))
    }

    @Test("The built executable: table on stdout, plain progress lines on stderr (not a terminal), exit 0")
    func executable() throws {
        guard FocalRunner.executable != nil else { return }
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 300)
        let run = try FocalRunner.subprocess(["demo", "--data", data, "--label", "kind", "--model", "logistic", "--epochs", "2"],
                                             in: fixture.folder)
        #expect(run.status == 0, "\(run)")
        #expect(run.standardOutput.contains("average precision") && run.standardOutput.contains("figure: focal-demo.svg"))
        #expect(run.standardError.contains("[2/3] training balanced CE") && !run.standardError.contains("\u{1B}"))
        #expect(FileManager.default.fileExists(atPath: fixture.path("focal-demo.svg")))
    }

    @Test("The embedded data set is mammography: 11,183 rows, 260 positive")
    func embedded() throws {
        let data = try DemoData.embedded()
        #expect(data.dataset.rowCount == 11183)
        #expect(data.dataset.classCounts == [10923, 260])
        #expect(data.dataset.featureNames == ["x1", "x2", "x3", "x4", "x5", "x6"])
    }

    @Test("Bad options and data: one line on stderr, non-zero exit, no SVG written", arguments: [
        (["--data", "/nonexistent/nope.csv"], Int32(1), "nope.csv"),
        (["--label", "kind"], Int32(64), "--label"),
        (["--epochs", "0"], Int32(64), "--epochs"),
        (["--model", "mlp:x"], Int32(64), "--model"),
        (["--lr=-1"], Int32(64), "--lr"),
    ])
    func badOptions(arguments: [String], status: Int32, mention: String) throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let run = DemoTuneRunner.run(["demo"] + arguments + ["--out", fixture.path("x.svg")])
        #expect(run.status == status, "\(run)")
        // One line naming the problem; a usage error (64) is followed by ArgumentParser's usage lines.
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.first?.hasPrefix("Error: ") == true && lines.first?.contains(mention) == true, "\(run)")
        #expect(status == 64 || lines.count == 1, "\(run)")
        #expect(try fixture.files().isEmpty)
    }

    @Test("Bad data files: a missing label column, three classes, a non-numeric value")
    func badData() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let binary = try fixture.binaryCSV("b.csv", rows: 100)
        let multi = try fixture.multiclassCSV("m.csv")
        let text = try fixture.write("t.csv", "a,label\n1,0\nabc,1\n2,0\n")
        for (arguments, mention) in [(["--data", binary, "--label", "nope"], "nope"), (["--data", multi], "3 classes"),
                                     (["--data", text], "abc")] {
            let run = DemoTuneRunner.run(["demo"] + arguments + ["--out", fixture.path("x.svg")])
            #expect(run.status == 1, "\(run)")
            #expect(run.standardError.contains(mention), "\(run)")
            #expect(run.standardError.split(separator: "\n").count == 1, "\(run)")
            #expect(!FileManager.default.fileExists(atPath: fixture.path("x.svg")))
        }
    }
}
