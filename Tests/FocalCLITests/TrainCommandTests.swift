import ArgumentParser
@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

/// A temporary folder with a small imbalanced CSV problem for the command tests.
struct TrainCommandFixture {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("focal-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Writes `text` as `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: folder.appendingPathComponent(name))
        return path(name)
    }

    /// A binary problem: `kind` is `rare` (about 1 in 5) when `a + b > 1.2`; string labels.
    func binaryCSV(_ name: String, rows: Int = 300, seed: UInt64 = 1) throws -> String {
        var generator = SeededGenerator(seed: seed)
        var text = "a,b,kind\n"
        for _ in 0..<rows {
            let a = generator.nextGaussian(), b = generator.nextGaussian()
            text += "\(a),\(b),\(a + b > 1.2 ? "rare" : "common")\n"
        }
        return try write(name, text)
    }

    /// Three classes in the plane, integer labels in the last column.
    func multiclassCSV(_ name: String, rows: Int = 300) throws -> String {
        var generator = SeededGenerator(seed: 2)
        var text = "u,v,label\n"
        for row in 0..<rows {
            let c = row % 10 < 6 ? 0 : (row % 10 < 9 ? 1 : 2)
            let centre: (Double, Double) = [(0, 0), (3, 0), (0, 3)][c]
            text += "\(centre.0 + generator.nextGaussian() * 0.5),\(centre.1 + generator.nextGaussian() * 0.5),\(c)\n"
        }
        return try write(name, text)
    }

    func files() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }
}

@Suite("focal train")
struct TrainCommandTests {
    @Test("Trains, writes the model file and prints validation metrics")
    func trains() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("train.csv")
        let command = try Train.parse([data, "--label", "kind", "--model", "mlp:8", "--epochs", "20", "--lr", "0.01",
                                       "--alpha", "auto", "--out", fixture.path("m.json")])
        var lines: [String] = []
        let (model, text) = try command.train(progress: TrainingProgress(epochs: 20, interactive: false) { lines.append($0) })
        #expect(model.classNames == ["common", "rare"])
        #expect(model.architecture == .mlp(hidden: [8]))
        #expect(model.configuration.loss.alpha == .inverseFrequency)
        #expect(text.contains("validation (60 rows)"))
        #expect(text.contains("average precision"))
        #expect(lines.count == 20)
        #expect(lines[0].hasPrefix("epoch  1/20  loss ") && lines[0].contains("val AP") && lines[0].contains("easy"))
        #expect(try fixture.files() == ["m.json", "train.csv"])
        #expect(try TrainedModel(contentsOf: URL(fileURLWithPath: fixture.path("m.json"))) == model)
    }

    @Test("--l2 auto reports the cross-validation and stores the chosen penalty; the refit is reported, --no-refit keeps the validated model")
    func penaltySearchAndRefit() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("train.csv")
        let (model, text) = try Train.parse([data, "--label", "kind", "--epochs", "5", "--l2", "auto", "--out", fixture.path("m.json")])
            .train(progress: nil)
        let search = try #require(model.summary.penaltySearch)
        #expect(search.candidates == PenaltySearch.defaultCandidates)
        #expect(model.configuration.l2Penalty == search.chosen)
        #expect(text.contains("l2 by 5-fold cross-validation (mean validation average precision ± SE): 0.0: "))
        #expect(text.contains("; chosen \(search.chosen)\n"))
        #expect(text.contains("refitted on all 300 rows for 5 epochs"))
        #expect(model.summary.refitRows == 300)
        let (kept, keptText) = try Train.parse([data, "--label", "kind", "--epochs", "5", "--l2", "0.01", "--no-refit",
                                                "--out", fixture.path("n.json")]).train(progress: nil)
        #expect(kept.summary.refitRows == nil && kept.summary.penaltySearch == nil && kept.configuration.l2Penalty == 0.01)
        #expect(!keptText.contains("refitted") && !keptText.contains("cross-validation"))
    }

    @Test("The same options give the same model file bytes")
    func reproducible() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.multiclassCSV("train.csv")
        for name in ["a.json", "b.json"] {
            _ = try Train.parse([data, "--model", "mlp:8,4", "--epochs", "3", "--seed", "7", "--out", fixture.path(name)])
                .train(progress: nil)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: fixture.path("a.json")))
        let b = try Data(contentsOf: URL(fileURLWithPath: fixture.path("b.json")))
        #expect(a == b)
    }

    @Test("A terminal shows a bar redrawn in place, then one line per epoch")
    func progressBar() {
        var output = ""
        let progress = TrainingProgress(epochs: 2, interactive: true) { output += $0 }
        progress.handle(.batch(epoch: 1, completed: 5, total: 5, runningLoss: 0.5))
        progress.handle(.epoch(EpochReport(epoch: 1, trainingLoss: 0.5, easyFraction: 0.25, validationAveragePrecision: 0.75)))
        #expect(output.contains("\r"))
        #expect(output.contains("[========================]"))
        #expect(output.hasSuffix("epoch 1/2  loss 0.5000  val AP 0.7500  easy 25.0%\n"))
    }

    @Test("Data errors name the file and line, exit 1 and leave no model file", arguments: [
        ("a,label\n1,0\nx,1\n", "bad.csv:3: column 'a': 'x' is not a finite number"),
        ("a,label\n1,0\n2\n", "bad.csv:3: the row has 1 fields, the header has 2"),
        ("", "bad.csv: the file is empty"),
        ("a,label\n1,1\n2,1\n", "bad.csv: column 'label' holds a single class ('1')"),
        ("a,label\n,0\n2,1\n", "bad.csv:2: column 'a': the value is missing"),
    ])
    func dataErrors(text: String, message: String) throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.write("bad.csv", text)
        let command = try Train.parse([data, "--epochs", "1", "--out", fixture.path("m.json")])
        do {
            _ = try command.train(progress: nil)
            Issue.record("expected an error")
        } catch {
            let shown = Train.message(for: error)
            #expect(shown.contains(message), "\(shown)")
            #expect(!shown.contains("\n"))
            #expect(Train.exitCode(for: error) == .failure)
        }
        #expect(try fixture.files() == ["bad.csv"])
    }

    @Test("Missing values train with --impute-missing")
    func impute() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.write("d.csv", "a,b,label\n1,,0\n2,3,1\n,4,0\n3,5,1\n1,1,0\n4,4,1\n0,1,0\n5,2,1\n1,2,0\n3,3,1\n")
        let (model, _) = try Train.parse([data, "--impute-missing", "--epochs", "2", "--validation", "0", "--out", fixture.path("m.json")])
            .train(progress: nil)
        #expect(model.missingValues == .imputeTrainingMean)
    }

    @Test("Bad options are usage errors (exit 2) naming the option", arguments: [
        (["--model", "tree"], "model"), (["--loss", "hinge"], "--loss"), (["--alpha", "2"], "alpha"),
        (["--gamma", "-1"], "gamma"), (["--loss", "ce", "--gamma", "2"], "gamma"), (["--epochs", "0"], "epochs"),
        (["--batch-size", "0"], "batch-size"), (["--lr", "0"], "lr"), (["--optimizer", "rmsprop"], "--optimizer"),
        (["--validation", "1"], "validation"), (["--patience", "0"], "patience"),
        (["--threads", "9223372036854775807"], "--threads: must be from 1 to 1024"),
        // Issue 19.8: each message blames the option at fault, in words (no struct dump).
        (["--gamma", "1e308"], "--gamma 1e+308: must be >= 0 and finite in Float"),
        (["--prior", "1e-320"], "--prior"), (["--prior", "0.99999999999"], "--prior"),
        (["--optimizer", "adamw", "--weight-decay", "1e308"], "--weight-decay 1e+308: times the learning rate"),
        (["--momentum", "0.5"], "--momentum 0.5 applies to --optimizer sgd only"),
        (["--optimizer", "sgd", "--weight-decay", "0.1"], "--weight-decay 0.1 applies to --optimizer adamw only"),
        // Issue 14.1: the penalty, best-epoch restoration and the refit.
        (["--l2", "much"], "--l2 must be a number >= 0 or auto; got 'much'"),
        (["--l2", "inf"], "--l2 inf: must be finite and >= 0"),
        (["--restore-best", "--validation", "0"], "--restore-best true: needs validation data (--validation > 0)"),
        (["--refit", "--validation", "0"], "--refit needs validation rows"),
    ])
    func usageErrors(arguments: [String], option: String) {
        do {
            _ = try Train.parse(["d.csv", "--out", "m.json"] + arguments)
            Issue.record("\(arguments) should be rejected")
        } catch {
            #expect(Train.message(for: error).contains(option), "\(Train.message(for: error))")
            #expect(Train.exitCode(for: error) == .validationFailure)
        }
    }

    @Test("Negative numbers parse and are then validated, never 'Missing value' (issue 19.8)", arguments: [
        ["--gamma", "-1"], ["--lr", "-0.1"], ["--epochs", "-3"], ["--batch-size", "-64"], ["--validation", "-0.2"],
        ["--threads", "-2"], ["--prior", "-0.5"], ["--patience", "-1"], ["--l2", "-0.1"],
    ])
    func negativeNumbers(arguments: [String]) {
        do {
            _ = try Train.parse(["d.csv", "--out", "m.json"] + arguments)
            Issue.record("\(arguments) should be rejected")
        } catch {
            let message = Train.message(for: error)
            #expect(!message.contains("Missing value"), "\(message)")
            #expect(message.contains(arguments[0].dropFirst(2)) && message.contains(arguments[1]), "\(message)")
            #expect(Train.exitCode(for: error) == .validationFailure)
        }
    }

    @Test("Negative numbers reach validation in tune, demo and bench too (issue 19.8)")
    func negativeNumbersElsewhere() {
        let runs: [(String, () throws -> Void, (any Error) -> String)] = [
            ("epochs", { _ = try Tune.parse(["d.csv", "--epochs", "-2"]) }, { Tune.message(for: $0) }),
            ("epochs", { _ = try Demo.parse(["--epochs", "-2"]) }, { Demo.message(for: $0) }),
            ("gamma", { _ = try Bench.parse(["--gamma", "-1"]) }, { Bench.message(for: $0) }),
            ("runs", { _ = try Bench.parse(["--runs", "-5"]) }, { Bench.message(for: $0) }),
        ]
        for (option, run, message) in runs {
            do {
                try run()
                Issue.record("--\(option) with a negative value should be rejected")
            } catch {
                #expect(!message(error).contains("Missing value") && message(error).contains(option), "\(message(error))")
            }
        }
    }

    @Test("--output-bias: prior biases by default, zeros on request")
    func outputBias() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let binary = try fixture.binaryCSV("binary.csv")
        let multiclass = try fixture.multiclassCSV("multi.csv")
        // A learning rate too small to move the biases: the model keeps its initial ones.
        func bias(_ data: String, _ extra: [String]) throws -> [Float] {
            let (model, _) = try Train.parse([data, "--epochs", "1", "--lr", "1e-12", "--out", fixture.path("m.json")] + extra)
                .train(progress: nil)
            return model.network.layers[model.network.layers.count - 1].bias
        }
        let prior = try bias(binary, [])
        #expect(abs(Double(prior[0]) + log(99)) < 1e-5)  // -log((1 - 0.01) / 0.01)
        #expect(abs(Double(try bias(binary, ["--prior", "0.2"])[0]) + log(4)) < 1e-5)
        #expect(try bias(binary, ["--output-bias", "zero"]).allSatisfy { abs($0) < 1e-9 })
        // The multi-class fixture's classes are 60 %, 30 % and 10 % of the rows (the split is stratified).
        let logPriors = try bias(multiclass, [])
        #expect(logPriors.count == 3 && zip(logPriors, [0.6, 0.3, 0.1]).allSatisfy { abs(Double($0) - log($1)) < 1e-4 })
        #expect(try bias(multiclass, ["--output-bias", "zero"]).allSatisfy { abs($0) < 1e-9 })
        for (arguments, option) in [(["--output-bias", "zero", "--prior", "0.1"], "--prior"), (["--output-bias", "half"], "output-bias")] {
            do {
                _ = try Train.parse([binary, "--out", "m.json"] + arguments)
                Issue.record("\(arguments) should be rejected")
            } catch {
                #expect(Train.message(for: error).contains(option), "\(Train.message(for: error))")
            }
        }
    }

    @Test("--out is required")
    func outRequired() {
        #expect(throws: (any Error).self) { _ = try Train.parse(["d.csv"]) }
    }
}
