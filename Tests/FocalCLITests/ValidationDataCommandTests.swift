import ArgumentParser
@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

/// `focal train --validation-data FILE` (issue #15 item 2).
@Suite("train --validation-data")
struct ValidationDataCommandTests {
    /// The rows of `path` (`a,b,kind`) with the columns reordered, a column added, and `kind`
    /// replaced by `relabel` where given.
    func reordered(_ fixture: TrainCommandFixture, from path: String, as name: String, relabel: [Int: String] = [:]) throws -> String {
        let table = try CSVTable(contentsOf: URL(fileURLWithPath: path))
        var text = "extra,kind,b,a\n"
        for row in 0..<table.rowCount {
            text += "z,\(relabel[row] ?? table.field(row: row, column: 2)),\(table.field(row: row, column: 1)),\(table.field(row: row, column: 0))\n"
        }
        return try fixture.write(name, text)
    }

    @Test("Every row of DATA trains; the metrics are those of the model on the validation file")
    func validates() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("train.csv", rows: 300, seed: 1)
        let validation = try reordered(fixture, from: fixture.binaryCSV("v0.csv", rows: 120, seed: 7), as: "v.csv")
        let model = fixture.path("m.json")
        let (trained, text) = try Train.parse([data, "--label", "kind", "--validation-data", validation, "--epochs", "5",
                                               "--lr", "0.05", "--out", model]).train(progress: nil)
        #expect(trained.summary.trainingRows == 300 && trained.summary.validationRows == 120)
                #expect(text.contains("validation (120 rows, --validation-data \(validation)):\n"), "\(text)")
        let json = try Train.parse([data, "--label", "kind", "--validation-data", validation, "--epochs", "5", "--lr", "0.05",
                                    "--out", model, "--json"]).train(progress: nil).1
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["validationData"] as? String == validation && object["validationRows"] as? Int == 120)
        // The stored metrics are evaluate's on the validation file.
        let stored = try #require(trained.summary.validation)
        let evaluated = try trained.report(on: trained.labelledData(from: CSVTable(contentsOf: URL(fileURLWithPath: validation))))
        #expect(stored == evaluated)
    }

    @Test("Errors: an unknown class, a missing feature, --validation with it, stdin twice, the output over it")
    func errors() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("train.csv", rows: 100, seed: 1)
        let source = try fixture.binaryCSV("v0.csv", rows: 30, seed: 7)
        let model = fixture.path("m.json")
        func train(_ options: [String]) -> String {
            focalMessage { _ = try Train.parse([data, "--label", "kind", "--epochs", "1", "--out", model] + options).train(progress: nil) }
        }
        let unknown = try reordered(fixture, from: source, as: "u.csv", relabel: [3: "other"])
        #expect(train(["--validation-data", unknown])
            == "--validation-data \(unknown):5: column 'kind': 'other' is not a class of the training data (classes: common, rare)")
        let missing = try fixture.write("missing.csv", "a,kind\n1,rare\n2,common\n")
        #expect(train(["--validation-data", missing])
            == "--validation-data \(missing): no column 'b' in the header; the model reads it as a feature (columns: a, kind)")
        let noLabel = try fixture.write("nolabel.csv", "a,b\n1,2\n")
        #expect(train(["--validation-data", noLabel])
            == "--validation-data \(noLabel): no column 'kind' in the header (columns: a, b)")
        #expect(train(["--validation-data", fixture.path("nope.csv")])
            == "--validation-data \(fixture.path("nope.csv")): cannot be read: no such file")
        #expect(!FileManager.default.fileExists(atPath: model))

        let oneClass = try fixture.write("one.csv", "a,b,kind\n1,2,common\n2,1,common\n")
        let (_, text) = try Train.parse([data, "--label", "kind", "--epochs", "1", "--validation-data", oneClass, "--out", model])
            .train(progress: nil)
        #expect(text.contains("the 2 rows of --validation-data \(oneClass) lack a class: no validation metrics; threshold 0.5"), "\(text)")
        #expect(train(["--validation-data", oneClass, "--patience", "2"])
            == "early stopping needs every class among the validation rows; the validation data lack 'rare'")

        #expect(focalMessage { _ = try Train.parse([data, "--validation", "0.3", "--validation-data", source, "--out", model]) }
            == "--validation 0.3 holds out rows of the data; it cannot go with --validation-data \(source)")
        #expect(focalMessage { _ = try Train.parse(["-", "--validation-data", "-", "--out", model]) }
            == "DATA and --validation-data both read standard input ('-'); it can be read only once: give at most one of them as '-'")
        #expect(focalMessage { _ = try Train.parse([data, "--validation-data", source, "--out", source]) }.hasPrefix(
            "--out \(source) is the same file as --validation-data \(source)"))
    }

    @Test("The validation file may come from stdin", .enabled(if: FocalRunner.executable != nil, "no built focal executable under .build/"))
    func fromStandardInput() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        _ = try fixture.binaryCSV("train.csv", rows: 200, seed: 1)
        let validation = try Data(contentsOf: URL(fileURLWithPath: fixture.binaryCSV("v.csv", rows: 80, seed: 7)))
        let run = try FocalRunner.subprocess(
            ["train", "train.csv", "--label", "kind", "--epochs", "2", "--validation-data", "-", "--out", "m.json"],
            in: fixture.folder, standardInput: validation)
        #expect(run.status == 0, "\(run)")
        #expect(run.standardOutput.contains("validation (80 rows, --validation-data stdin):"), "\(run)")
    }
}

@Suite("tune and demo --validation-data")
struct ComparisonValidationDataTests {
    @Test("tune: every run trains on all its training rows and validates on the file")
    func tune() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("d.csv", rows: 200, seed: 1)
        let validationPath = try fixture.binaryCSV("v.csv", rows: 80, seed: 7)
        let tune = try Tune.parse([data, "--label", "kind", "--gamma", "2", "--alpha", "0.25", "--seeds", "1", "--epochs", "3",
                                   "--metric", "macro-f1", "--validation-data", validationPath, "--threads", "1", "--quiet"])
        let (output, result) = try tune.execute()
        #expect(output.standardOutput.contains("; every run validates on the 80 rows of --validation-data\n"), "\(output.standardOutput)")
        // The cross-entropy baseline, trained here with the toolkit on the same split and validation rows.
        let loaded = try DemoData.load(path: data, label: "kind", option: "DATA")
        let validation = try Dataset(table: CSVTable(contentsOf: URL(fileURLWithPath: validationPath)), validating: loaded.dataset,
                                     labelColumn: "kind")
        let split = try HoldOutSplit(loaded.dataset, testFraction: DemoData.testFraction, seed: 0)
        var configuration = try tune.training.configuration(seed: 0)
        configuration.loss = try LossSettings(kind: .crossEntropy)
        let model = try Trainer(configuration: configuration, threads: 1).train(split.training, validation: validation, labelColumn: "kind")
        #expect(model.summary.trainingRows == split.training.rowCount && model.summary.validationRows == 80)
        let evaluation = try TestEvaluation(model: model, test: split.test, threads: 1)
        #expect(result.baselines[0].values == [TuneMetric.macroF1.value(evaluation.report)])

        let stdinTwice = DemoTuneRunner.run(["tune", "-", "--validation-data", "-"])
        #expect(stdinTwice.status == 64)
        #expect(stdinTwice.standardError.contains(
            "DATA and --validation-data both read standard input ('-'); it can be read only once"), "\(stdinTwice)")
    }

    @Test("demo: the table says the file validates; its errors name --validation-data")
    func demo() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("d.csv", rows: 200, seed: 1)
        let validation = try fixture.binaryCSV("v.csv", rows: 80, seed: 7)
        let run = DemoTuneRunner.run(["demo", "--data", data, "--label", "kind", "--epochs", "2", "--validation-data", validation,
                                      "--out", fixture.path("d.svg")])
        #expect(run.status == 0, "\(run)")
        #expect(run.standardOutput.contains("rows to train (all of them train; the 80 rows of --validation-data validate and choose the threshold)"),
                "\(run.standardOutput)")
        let unknown = try fixture.write("u.csv", "a,b,kind\n1,2,rare\n2,1,often\n")
        let failed = DemoTuneRunner.run(["demo", "--data", data, "--label", "kind", "--epochs", "2", "--validation-data", unknown,
                                         "--out", fixture.path("e.svg")])
        #expect(failed.standardError == "Error: --validation-data \(unknown):3: column 'kind': 'often' is not a class of the training data "
            + "(classes: common, rare)\n", "\(failed)")
        #expect(!FileManager.default.fileExists(atPath: fixture.path("e.svg")))
    }
}
