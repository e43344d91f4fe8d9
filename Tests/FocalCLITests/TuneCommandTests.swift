import ArgumentParser
@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

@Suite("focal tune")
struct TuneCommandTests {
    @Test("The JSON grid: every cell's values are the test AP of a model retrained independently")
    func jsonGrid() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 400)
        let run = DemoTuneRunner.run(["tune", data, "--label", "kind", "--model", "logistic", "--epochs", "3",
                                      "--gamma", "0,2", "--alpha", "0.25,auto", "--seeds", "2", "--json", "--threads", "2"])
        #expect(run.status == 0, "\(run)")
        let report = try JSONDecoder().decode(TuneTable.Report.self, from: Data(run.standardOutput.utf8))
        #expect(report.gammas == [0, 2] && report.alphas == ["0.25", "auto"] && report.seeds == [0, 1])
        #expect(report.grid.count == 4 && report.grid.allSatisfy { $0.values.count == 2 })
        #expect(report.grid.map(\.gamma) == [0, 0, 2, 2] && report.grid.map(\.alpha) == ["0.25", "auto", "0.25", "auto"])
        #expect(report.best == report.grid.max { $0.mean < $1.mean })
        #expect(report.baselines["ce"]?.loss == "ce" && report.baselines["balanced-ce"]?.alpha == "auto")

        // Retrain one cell and one baseline outside the command and compare.
        let loaded = try DemoData.load(path: data, label: "kind", option: "DATA")
        let split = try HoldOutSplit(loaded.dataset, testFraction: 0.3, seed: 0)
        for (loss, cell) in [(try LossSettings(kind: .focal, gamma: 2, alpha: .constant(0.25)), report.grid[2]),
                             (try LossSettings(kind: .crossEntropy), report.baselines["ce"]!)] {
            for (index, seed) in [UInt64(0), 1].enumerated() {
                let configuration = try TrainingConfiguration(
                    architecture: .logistic, loss: loss, optimizer: OptimizerSettings(kind: .adam, learningRate: 0.01),
                    epochs: 3, seed: seed)
                let model = try Trainer(configuration: configuration, threads: 1).train(split.training)
                let scores = model.probabilities(features: split.test.features, rowCount: split.test.rowCount)
                let ap = try BinaryRanking(scores: (0..<split.test.rowCount).map { scores[2 * $0 + 1] }, labels: split.test.labels)
                    .averagePrecision()
                #expect(abs(cell.values[index] - ap) < 1e-9, "\(loss) seed \(seed)")
            }
            let mean = cell.values.reduce(0, +) / 2
            #expect(abs(cell.mean - mean) < 1e-12)
            #expect(abs(cell.std - abs(cell.values[0] - cell.values[1]) / 2.squareRoot()) < 1e-12)
        }
    }

    @Test("The table: a row per gamma, a column per alpha, the best cell marked once, baselines beside")
    func table() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 300)
        let (output, result) = try Tune.parse([data, "--label", "kind", "--model", "logistic", "--epochs", "2", "--gamma", "0,1,2",
                                               "--alpha", "0.5,auto", "--seeds", "1", "--metric", "macro-f1"]).execute()
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("gamma \\ alpha") })
        #expect(header.split(separator: " ").suffix(2) == ["0.5", "auto"])
        let rows = lines.filter { line in ["0 ", "1 ", "2 "].contains { line.hasPrefix($0) } }
        #expect(rows.count == 3)
        #expect(rows.filter { $0.hasSuffix(" *") || $0.contains(" *  ") }.count == 1)
        let best = result.best
        #expect(rows[best.gamma].contains(TuneTable.cellText(result.grid[best.gamma][best.column]) + " *"))
        for (g, row) in rows.enumerated() {
            for cell in result.grid[g] { #expect(row.contains(String(format: "%.3f ± 0.000", cell.values[0]))) }
        }
        #expect(output.standardOutput.contains("macro-F1"))
        #expect(lines.contains { $0.hasPrefix("baselines: cross-entropy \(TuneTable.cellText(result.baselines[0]))") })
    }

    @Test("--loss poly1: a gamma x epsilon grid whose cells retrain as plain Poly-1 trainings")
    func poly1Grid() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 300)
        let run = DemoTuneRunner.run(["tune", data, "--label", "kind", "--model", "mlp:4", "--epochs", "3", "--loss", "poly1",
                                      "--gamma", "0,2", "--epsilon", "0,2.5", "--alpha", "0.25", "--seeds", "1", "--json", "--threads", "2"])
        #expect(run.status == 0, "\(run)")
        let report = try JSONDecoder().decode(TuneTable.Report.self, from: Data(run.standardOutput.utf8))
        #expect(report.gammas == [0, 2] && report.epsilons == [0, 2.5] && report.alphas == ["0.25"])
        #expect(report.grid.map(\.loss) == Array(repeating: "poly1", count: 4))
        #expect(report.grid.map(\.gamma) == [0, 0, 2, 2] && report.grid.map(\.epsilon) == [0, 2.5, 0, 2.5])
        #expect(report.grid.allSatisfy { $0.alpha == "0.25" && $0.values.count == 1 })
        #expect(report.baselines["ce"]?.epsilon == nil)

        // The cell (gamma 2, epsilon 2.5) is the library's plain Poly-1 training on the same split and seed.
        let loaded = try DemoData.load(path: data, label: "kind", option: "DATA")
        let split = try HoldOutSplit(loaded.dataset, testFraction: 0.3, seed: 0)
        func testAP(epsilon: Double) throws -> Double {
            let configuration = try TrainingConfiguration(
                architecture: .mlp(hidden: [4]), loss: LossSettings(kind: .poly1, gamma: 2, alpha: .constant(0.25), epsilon: epsilon),
                optimizer: OptimizerSettings(kind: .adam, learningRate: TrainingConfiguration.defaultLearningRate(for: .mlp(hidden: [4]))),
                epochs: 3, seed: 0)
            let model = try Trainer(configuration: configuration, threads: 1).train(split.training)
            let scores = model.probabilities(features: split.test.features, rowCount: split.test.rowCount)
            return try BinaryRanking(scores: (0..<split.test.rowCount).map { scores[2 * $0 + 1] }, labels: split.test.labels)
                .averagePrecision()
        }
        #expect(abs(report.grid[3].values[0] - (try testAP(epsilon: 2.5))) < 1e-9)
        #expect(abs(report.grid[2].values[0] - (try testAP(epsilon: 0))) < 1e-9)
    }

    @Test("--loss poly1: the table's columns are the epsilons")
    func poly1Table() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 200)
        let (output, result) = try Tune.parse([data, "--label", "kind", "--model", "logistic", "--epochs", "1", "--loss", "poly1",
                                               "--gamma", "1", "--epsilon", "-1,1", "--seeds", "1"]).execute()
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("gamma \\ epsilon") })
        #expect(header.split(separator: " ").suffix(2) == ["-1", "1"])
        #expect(lines.contains { $0.hasPrefix("poly1 focal loss (alpha none)") })
        #expect(lines.contains { $0.hasPrefix("best: gamma 1, epsilon ") })
        #expect(result.columns == .epsilon([-1, 1], alpha: .none))
    }

    @Test("Bad options and data: one line on stderr and a non-zero exit", arguments: [
        (["--gamma=-1"], Int32(64), "--gamma"),
        (["--gamma", "1,x"], Int32(64), "--gamma"),
        (["--alpha", "2"], Int32(64), "--alpha"),
        (["--metric", "accuracy"], Int32(64), "--metric"),
        (["--seeds", "0"], Int32(64), "--seeds"),
        (["--label", "nope"], Int32(1), "nope"),
        (["--epsilon", "1"], Int32(64), "--epsilon"),
        (["--loss", "poly1", "--epsilon", "0,x"], Int32(64), "--epsilon"),
        (["--loss", "poly1", "--epsilon=-1.5"], Int32(64), "--epsilon"),
        (["--loss", "poly1", "--alpha", "0.25,auto"], Int32(64), "--alpha"),
        (["--loss", "asl"], Int32(64), "--loss"),
    ])
    func badOptions(arguments: [String], status: Int32, mention: String) throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("small.csv", rows: 100)
        let run = DemoTuneRunner.run(["tune", data, "--epochs", "1", "--seeds", "1"] + arguments)
        #expect(run.status == status, "\(run)")
        // One line naming the problem; a usage error (64) is followed by ArgumentParser's usage lines.
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.first?.hasPrefix("Error: ") == true && lines.first?.contains(mention) == true, "\(run)")
        #expect(status == 64 || lines.count == 1, "\(run)")
    }

    @Test("A missing data file")
    func missingFile() {
        let run = DemoTuneRunner.run(["tune", "/nonexistent/data.csv"])
        #expect(run.status == 1 && run.standardError.contains("/nonexistent/data.csv"), "\(run)")
    }
}
