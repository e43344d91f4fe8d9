import ArgumentParser
@testable import FocalCLI
import FocalTestSupport
import FocalTraining
import Foundation
import Testing

/// `--positive-class` and the positive class in the reports of train, evaluate, predict, demo and
/// tune; calibration in evaluate.
@Suite("focal: the positive class and calibration")
struct PositiveClassCommandTests {
    /// `rows` rows whose label is `rare` in about a quarter of them (when `a + b > 1`), else `common`.
    func csv(_ fixture: TrainCommandFixture, _ name: String, rare: String, common: String, rows: Int = 240) throws -> String {
        var generator = SeededGenerator(seed: 5)
        var text = "a,b,label\n"
        for _ in 0..<rows {
            let a = generator.nextGaussian(), b = generator.nextGaussian()
            text += "\(a),\(b),\(a + b > 1 ? rare : common)\n"
        }
        return try fixture.write(name, text)
    }

    /// The message of a failed command, as `focal` prints it after `Error: `.
    func message(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test("train: the rarer class is positive whatever the labels' spelling and order, and the report says so",
          arguments: [("abnormal", "normal"), ("rare", "common"), ("0", "1"), ("1", "0")])
    func trainDefault(rare: String, common: String) throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try csv(fixture, "d.csv", rare: rare, common: common)
        let rareCount = try String(contentsOfFile: data, encoding: .utf8).split(separator: "\n").dropFirst()
            .filter { $0.hasSuffix("," + rare) }.count
        #expect(rareCount > 20 && rareCount < 120)
        let (model, text) = try Train.parse([data, "--epochs", "3", "--out", fixture.path("m.json")]).train(progress: nil)
        #expect(model.positiveClass == rare && model.classNames == [common, rare])
        #expect(text.contains("positive class '\(rare)': the rarer, \(rareCount) of 240 rows\n"), "\(text)")
        #expect(text.contains("P(\(rare)) >= threshold predicts '\(rare)'"))
        // The headline AP is the rarer class's.
        let validation = try #require(model.summary.validation)
        #expect(validation.averagePrecision == validation.perClass[1].averagePrecision)
        let (_, json) = try Train.parse([data, "--epochs", "3", "--out", fixture.path("m2.json"), "--json"]).train(progress: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["positiveClass"] as? String == rare)
        #expect(object["positiveClassReason"] as? String == "rarer")
        let written = try TrainedModel(contentsOf: URL(fileURLWithPath: fixture.path("m.json")))
        #expect(written.positiveClass == rare)
    }

    @Test("train --positive-class names the common class instead, in either sort order",
          arguments: [("abnormal", "normal"), ("zzz", "aaa"), ("1", "0"), ("0", "1")])
    func trainOverride(rare: String, common: String) throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try csv(fixture, "d.csv", rare: rare, common: common)
        let (model, text) = try Train.parse([data, "--epochs", "3", "--positive-class", common, "--out", fixture.path("m.json")])
            .train(progress: nil)
        #expect(model.positiveClass == common && model.classNames == [rare, common])
        #expect(text.contains("positive class '\(common)': chosen with --positive-class, "), "\(text)")
        let (_, json) = try Train.parse([data, "--epochs", "3", "--positive-class", common, "--out", fixture.path("m2.json"), "--json"])
            .train(progress: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["positiveClass"] as? String == common && object["positiveClassReason"] as? String == "named")
    }

    @Test("Alpha, the prior bias and the threshold follow the positive class: the same rows under any spelling give the same model")
    func spellingDoesNotMatter() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        // The rarer class sorts first in three spellings and second in the fourth; with a numeric
        // alpha, the prior bias and a threshold, the networks must be identical bit for bit.
        var models: [TrainedModel] = []
        for (index, (rare, common)) in [("abnormal", "normal"), ("0", "1"), ("1", "2"), ("yes", "no")].enumerated() {
            let data = try csv(fixture, "d\(index).csv", rare: rare, common: common)
            let (model, _) = try Train.parse([data, "--epochs", "3", "--alpha", "0.25", "--prior", "0.05",
                                              "--out", fixture.path("m\(index).json")]).train(progress: nil)
            #expect(model.positiveClass == rare)
            models.append(model)
        }
        for model in models.dropFirst() {
            #expect(model.network == models[0].network)
            #expect(model.threshold == models[0].threshold)
            #expect(model.summary.validation == models[0].summary.validation)
        }
        // Naming the common class instead gives another model (alpha and the prior now weigh it).
        let data = try csv(fixture, "e.csv", rare: "abnormal", common: "normal")
        let (other, _) = try Train.parse([data, "--epochs", "3", "--alpha", "0.25", "--prior", "0.05", "--positive-class", "normal",
                                          "--out", fixture.path("e.json")]).train(progress: nil)
        #expect(other.network != models[0].network)
    }

    @Test("A class not in the data is a one-line error listing the classes, and no model file is written")
    func unknownClass() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try csv(fixture, "d.csv", rare: "abnormal", common: "normal")
        let text = message { _ = try Train.parse([data, "--positive-class", "abnormall", "--out", fixture.path("m.json")]).train(progress: nil) }
        #expect(text == "--positive-class 'abnormall': not a class of the labels (classes: 'abnormal', 'normal')")
        #expect(!FileManager.default.fileExists(atPath: fixture.path("m.json")))
        let multi = try fixture.multiclassCSV("three.csv")
        let other = message { _ = try Train.parse([multi, "--positive-class", "1", "--out", fixture.path("m.json")]).train(progress: nil) }
        #expect(other == "--positive-class '1': a positive class applies to binary labels; these hold 3 classes")
        let tune = DemoTuneRunner.run(["tune", data, "--positive-class", "x", "--seeds", "1", "--epochs", "1"])
        #expect(tune.status == 1)
        #expect(tune.standardError == "Error: --positive-class 'x': not a class of the labels (classes: 'abnormal', 'normal')\n", "\(tune)")
    }

    @Test("grouped: thousands separated by commas")
    func grouping() {
        #expect(grouped(0) == "0" && grouped(999) == "999" && grouped(1110) == "1,110" && grouped(3782) == "3,782")
        #expect(grouped(1_000_000) == "1,000,000" && grouped(-12345) == "-12,345")
    }

    /// Trains on `data` with the rarer class positive; returns the model's path.
    func trainedModel(_ fixture: TrainCommandFixture, _ data: String) throws -> String {
        let path = fixture.path("m.json")
        _ = try Train.parse([data, "--epochs", "5", "--out", path]).train(progress: nil)
        return path
    }

    @Test("evaluate: the model's positive class, ECE and Brier score (text and --json) from its probabilities")
    func evaluateCalibration() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try csv(fixture, "d.csv", rare: "abnormal", common: "normal")
        let modelPath = try trainedModel(fixture, data)
        let model = try TrainedModel(contentsOf: URL(fileURLWithPath: modelPath))
        let rows = try model.labelledData(from: CSVTable(contentsOf: URL(fileURLWithPath: data)))
        let probabilities = model.probabilities(features: rows.features, rowCount: rows.rowCount)
        let p = stride(from: 1, to: probabilities.count, by: 2).map { probabilities[$0] }
        let y = rows.labels.map { rows.classNames[$0] == "abnormal" ? 1 : 0 }
        let ece = DemoCommandTests.expectedCalibrationError(p, y)
        let brier = zip(p, y).map { ($0 - Double($1)) * ($0 - Double($1)) }.reduce(0, +) / Double(p.count)

        let text = try Evaluate.parse([modelPath, data]).output()
        #expect(text.contains("\npositive class 'abnormal' (the model's)\n"))
        #expect(text.contains("\nECE                \(String(format: "%.4f", ece))  (expected calibration error, 15 equal-width bins of P('abnormal'))\n"), "\(text)")
        #expect(text.contains("\nBrier score        \(String(format: "%.4f", brier))  (mean (p - y)^2)\n"))

        let json = try Evaluate.parse([modelPath, data, "--json"]).output()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["positiveClass"] as? String == "abnormal")
        let calibration = try #require(object["calibration"] as? [String: Any])
        #expect(calibration["kind"] as? String == "positiveClass")
        #expect(abs((calibration["expectedCalibrationError"] as? Double ?? -1) - ece) < 1e-12)
        #expect(abs((calibration["brierScore"] as? Double ?? -1) - brier) < 1e-12)
        #expect((calibration["bins"] as? [[String: Any]])?.count == 15)
    }

    @Test("evaluate on a multi-class model: top-class ECE, Brier score summed over classes")
    func evaluateMulticlass() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.multiclassCSV("d.csv")
        let modelPath = try trainedModel(fixture, data)
        let model = try TrainedModel(contentsOf: URL(fileURLWithPath: modelPath))
        let rows = try model.labelledData(from: CSVTable(contentsOf: URL(fileURLWithPath: data)))
        let probabilities = model.probabilities(features: rows.features, rowCount: rows.rowCount)
        var confidences = [Double](), correct = [Int](), brier = 0.0
        for row in 0..<rows.rowCount {
            let slice = Array(probabilities[(row * 3)..<(row * 3 + 3)])
            let top = slice.firstIndex(of: slice.max()!)!
            confidences.append(slice[top])
            correct.append(top == rows.labels[row] ? 1 : 0)
            for c in 0..<3 { brier += pow(slice[c] - (c == rows.labels[row] ? 1 : 0), 2) }
        }
        brier /= Double(rows.rowCount)
        let text = try Evaluate.parse([modelPath, data]).output()
        #expect(!text.contains("positive class"))
        let ece = DemoCommandTests.expectedCalibrationError(confidences, correct)
        #expect(text.contains("\nECE                \(String(format: "%.4f", ece))  (expected calibration error, 15 equal-width bins of the top-class probability)\n"), "\(text)")
        #expect(text.contains("\nBrier score        \(String(format: "%.4f", brier))  (mean over rows of the sum over classes of (p - y)^2)\n"))
    }

    @Test("predict: the p_ columns follow the model's classes and the predicted label is the positive class at the threshold")
    func predict() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try csv(fixture, "d.csv", rare: "abnormal", common: "normal")
        let modelPath = try trainedModel(fixture, data)
        let model = try TrainedModel(contentsOf: URL(fileURLWithPath: modelPath))
        let lines = try Predict.parse([modelPath, data]).output().split(separator: "\n").map(String.init)
        #expect(lines[0] == "p_normal,p_abnormal,predicted")
        #expect(lines.count == 241)
        try expectPositiveAtThreshold(lines, positive: "abnormal", negative: "normal", threshold: model.threshold)
    }

    /// Each prediction line `p_negative,p_positive,predicted` predicts `positive` exactly when
    /// `p_positive >= threshold`.
    func expectPositiveAtThreshold(_ lines: [String], positive: String, negative: String, threshold: Double) throws {
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",")
            let p = try #require(Double(cells[1]))
            #expect(cells[2] == (p >= threshold ? positive : negative), "\(line)")
        }
    }

    @Test("An older model file (positive class: the label that sorted second) evaluates and predicts as before")
    func olderModelFile() throws {
        let model = Fixture.url("models/old-format-model.json").path
        let data = Fixture.url("models/old-format.csv").path
        let old = try TrainedModel(contentsOf: URL(fileURLWithPath: model))
        #expect(old.positiveClass == "normal")
        let text = try Evaluate.parse([model, data]).output()
        #expect(text.contains("\npositive class 'normal' (the model's)\n"))
        #expect(text.contains("P(normal) >= threshold predicts 'normal'"))
        let lines = try Predict.parse([model, data]).output().split(separator: "\n").map(String.init)
        #expect(lines[0] == "p_abnormal,p_normal,predicted")
        #expect(lines.count == 61)
        try expectPositiveAtThreshold(lines, positive: "normal", negative: "abnormal", threshold: old.threshold)
    }

    @Test("demo and tune: --positive-class overrides the rarer class and the report says so")
    func demoAndTune() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try csv(fixture, "d.csv", rare: "1", common: "0")
        let (output, result) = try Demo.parse(["--data", data, "--positive-class", "0", "--model", "logistic", "--epochs", "2",
                                               "--out", fixture.path("d.svg")]).execute(progress: nil)
        #expect(result.data.positiveClass == "0")
        #expect(output.standardOutput.contains("positive class '0': chosen with --positive-class, "))
        let (_, defaultResult) = try Demo.parse(["--data", data, "--model", "logistic", "--epochs", "2", "--out", fixture.path("e.svg")])
            .execute(progress: nil)
        #expect(defaultResult.data.positiveClass == "1" && defaultResult.data.positive.reason == .rarer)
        let tune = DemoTuneRunner.run(["tune", data, "--positive-class", "0", "--seeds", "1", "--epochs", "1", "--model", "logistic",
                                       "--gamma", "0", "--alpha", "none", "--threads", "1"])
        #expect(tune.status == 0, "\(tune)")
        #expect(tune.standardOutput.contains("positive class '0': chosen with --positive-class, "), "\(tune)")
        let tuneJSON = DemoTuneRunner.run(["tune", data, "--seeds", "1", "--epochs", "1", "--model", "logistic",
                                           "--gamma", "0", "--alpha", "none", "--threads", "1", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(tuneJSON.standardOutput.utf8)) as? [String: Any])
        #expect(object["positiveClass"] as? String == "1" && object["positiveClassReason"] as? String == "rarer")
    }
}
