import ArgumentParser
@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

@Suite("focal predict")
struct PredictCommandTests {
    @Test("One CSV row per input row: class probabilities summing to 1 and the predicted class")
    func predicts() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let train = try fixture.binaryCSV("train.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([train, "--label", "kind", "--epochs", "20", "--lr", "0.05", "--out", model]).train(progress: nil)
        // Columns in another order, no label column.
        let input = try fixture.write("new.csv", "b,a\n3,3\n-3,-3\n0.1,0.2\n")
        let text = try Predict.parse([model, input]).output()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "p_common,p_rare,predicted")
        #expect(lines.count == 4)
        let rows = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        for row in rows {
            let p = row.prefix(2).compactMap(Double.init)
            #expect(p.count == 2 && abs(p[0] + p[1] - 1) < 1e-12)
        }
        #expect(rows[0][2] == "rare")
        #expect(rows[1][2] == "common")

        try Predict.parse([model, input, "--out", fixture.path("p.csv")]).run()
        #expect(try String(contentsOfFile: fixture.path("p.csv"), encoding: .utf8) == text)
    }

    @Test("A model whose finite weights overflow on a row is an error naming the row, never NaN output (issue 19.4)")
    func overflowingModel() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let train = try fixture.binaryCSV("train.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([train, "--label", "kind", "--epochs", "2", "--out", model]).train(progress: nil)
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any])
        var network = try #require(json["network"] as? [String: Any])
        var layers = try #require(network["layers"] as? [[String: Any]])
        layers[0]["weights"] = [3e38, -3e38]  // finite, but inf - inf on a row far from the mean
        network["layers"] = layers
        json["network"] = network
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: model))
        let input = try fixture.write("new.csv", "a,b\n0,0\n30,30\n")
        do {
            _ = try Predict.parse([model, input]).output()
            Issue.record("a NaN score should be an error")
        } catch {
            #expect("\(error)".contains("data row 2 gives a non-finite score"), "\(error)")
        }
        #expect(throws: (any Error).self) { try Predict.parse([model, input, "--out", fixture.path("p.csv")]).run() }
        #expect(!FileManager.default.fileExists(atPath: fixture.path("p.csv")))
    }

    @Test("--threshold overrides the model's threshold; out of [0, 1] or on a multi-class model it is an error")
    func threshold() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let model = fixture.path("m.json")
        _ = try Train.parse([try fixture.binaryCSV("train.csv"), "--label", "kind", "--epochs", "20", "--lr", "0.05", "--out", model])
            .train(progress: nil)
        let input = try fixture.write("new.csv", "a,b\n3,3\n-3,-3\n0.1,0.2\n")
        func predicted(_ extra: [String]) throws -> [String] {
            try Predict.parse([model, input] + extra).output().split(separator: "\n").dropFirst()
                .map { String($0.split(separator: ",").last!) }
        }
        let probabilities = try Predict.parse([model, input]).output().split(separator: "\n").dropFirst()
            .map { Double($0.split(separator: ",")[1])! }
        // At 0 every row is the positive class, at 1 only a probability of exactly 1; in between, the rule itself.
        #expect(try predicted(["--threshold", "0"]) == ["rare", "rare", "rare"])
        let middle = probabilities[2]
        #expect(try predicted(["--threshold", "\(middle)"]) == probabilities.map { $0 >= middle ? "rare" : "common" })
        #expect(try predicted(["--threshold", "1"]) == probabilities.map { $0 >= 1 ? "rare" : "common" })
        for bad in ["-0.1", "1.5", "nan"] {
            #expect(throws: (any Error).self) { _ = try Predict.parse([model, input, "--threshold", bad]) }
        }
        let multi = fixture.path("multi.json")
        _ = try Train.parse([try fixture.multiclassCSV("d.csv"), "--epochs", "2", "--out", multi]).train(progress: nil)
        do {
            _ = try Predict.parse([multi, fixture.path("d.csv"), "--threshold", "0.5"]).output()
            Issue.record("--threshold on a multi-class model should be an error")
        } catch {
            #expect("\(error)".contains("--threshold applies to binary models"), "\(error)")
        }
    }

    @Test("A multi-class model gives one probability column per class")
    func multiclass() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.multiclassCSV("d.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([data, "--epochs", "5", "--out", model]).train(progress: nil)
        let text = try Predict.parse([model, data]).output()
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "p_0,p_1,p_2,predicted")
        #expect(lines.count == 301)
    }

    @Test("Input errors name the file and line and write no output file")
    func errors() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let train = try fixture.binaryCSV("train.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([train, "--label", "kind", "--epochs", "1", "--out", model]).train(progress: nil)
        let bad = try fixture.write("bad.csv", "a,b\n1,2\n3,oops\n")
        do {
            try Predict.parse([model, bad, "--out", fixture.path("p.csv")]).run()
            Issue.record("expected an error")
        } catch {
            #expect(Predict.message(for: error).contains("bad.csv:3: column 'b': 'oops' is not a finite number"))
            #expect(Predict.exitCode(for: error) == .failure)
        }
        let missing = try fixture.write("missing.csv", "a\n1\n")
        #expect(throws: (any Error).self) { _ = try Predict.parse([model, missing]).output() }
        #expect(!FileManager.default.fileExists(atPath: fixture.path("p.csv")))
    }
}
