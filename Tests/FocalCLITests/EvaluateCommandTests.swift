import ArgumentParser
@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

@Suite("focal evaluate")
struct EvaluateCommandTests {
    @Test("Prints a metrics table, and with --json one object with the required keys")
    func evaluates() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let train = try fixture.binaryCSV("train.csv")
        let test = try fixture.binaryCSV("test.csv", rows: 200, seed: 9)
        let model = fixture.path("m.json")
        _ = try Train.parse([train, "--label", "kind", "--epochs", "10", "--out", model]).train(progress: nil)
        let table = try Evaluate.parse([model, test]).output()
        for word in ["average precision", "ROC-AUC", "balanced accuracy", "macro-F1", "confusion matrix", "rare", "common"] {
            #expect(table.contains(word), "\(word)")
        }
        let json = try Evaluate.parse([model, test, "--json"]).output()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        for key in ["averagePrecision", "rocAUC", "balancedAccuracy", "macroF1", "perClass", "confusionMatrix", "classNames"] {
            #expect(object[key] != nil, "\(key)")
        }
        let perClass = try #require(object["perClass"] as? [[String: Any]])
        #expect(perClass.count == 2 && perClass[1]["className"] as? String == "rare")
        #expect(json.filter { $0 == "\n" }.count == 1)

        // The figures equal the library's on the same rows.
        let trained = try TrainedModel(contentsOf: URL(fileURLWithPath: model))
        let expected = try trained.report(on: trained.labelledData(from: CSVTable(contentsOf: URL(fileURLWithPath: test))))
        // (JSON text round trips a Double to within an ulp or so.)
        #expect(abs((object["averagePrecision"] as? Double ?? 0) - expected.averagePrecision) < 1e-12)
        #expect(abs((object["macroF1"] as? Double ?? 0) - expected.macroF1) < 1e-12)
    }

    @Test("--threshold is a probability, in evaluate as in predict", arguments: ["-0.1", "1.5", "nan", "inf"])
    func thresholdOutOfRange(value: String) {
        for (parse, message) in [({ _ = try Evaluate.parse(["m.json", "d.csv", "--threshold", value]) }, { Evaluate.message(for: $0) }),
                                 ({ _ = try Predict.parse(["m.json", "d.csv", "--threshold", value]) }, { Predict.message(for: $0) })]
            as [(() throws -> Void, (any Error) -> String)] {
            do {
                try parse()
                Issue.record("--threshold \(value) should be rejected")
            } catch {
                #expect(message(error).contains("--threshold: must be in [0, 1]"), "\(message(error))")
            }
        }
    }

    @Test("A multi-class model reports one-vs-rest figures")
    func multiclass() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.multiclassCSV("d.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([data, "--model", "mlp:8", "--epochs", "10", "--lr", "0.01", "--out", model]).train(progress: nil)
        let json = try Evaluate.parse([model, data, "--json"]).output()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "multiclass")
        #expect((object["macroF1"] as? Double ?? 0) > 0.9)
    }

    @Test("Corrupt, truncated, newer and missing model files, and data that do not fit, are one-line errors")
    func errors() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let train = try fixture.binaryCSV("train.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([train, "--label", "kind", "--epochs", "1", "--out", model]).train(progress: nil)
        let good = try String(contentsOfFile: model, encoding: .utf8)
        let cases: [(String, String, String)] = [
            ("trunc.json", String(good.prefix(100)), "truncated"),
            ("corrupt.json", "{\"formatVersion\": 1, \"x\": }", "not a valid model file"),
            ("newer.json", good.replacingOccurrences(of: "\"formatVersion\" : 1", with: "\"formatVersion\" : 9"), "format version 9"),
            ("empty.json", "", "empty"),
        ]
        for (name, text, message) in cases {
            let path = try fixture.write(name, text)
            do {
                _ = try Evaluate.parse([path, train]).output()
                Issue.record("\(name) should fail")
            } catch {
                let shown = Evaluate.message(for: error)
                #expect(shown.contains(path) && shown.contains(message), "\(shown)")
                #expect(Evaluate.exitCode(for: error) == .failure)
            }
        }
        let noLabel = try fixture.write("nolabel.csv", "a,b\n1,2\n")
        #expect(throws: (any Error).self) { _ = try Evaluate.parse([model, noLabel]).output() }
        let unknown = try fixture.write("unknown.csv", "a,b,kind\n1,2,rare\n3,4,other\n")
        do {
            _ = try Evaluate.parse([model, unknown]).output()
            Issue.record("expected an error")
        } catch {
            #expect(Evaluate.message(for: error).contains("unknown.csv:3: column 'kind': 'other' is not a class"))
        }
        do {
            _ = try Evaluate.parse([fixture.path("none.json"), train]).output()
            Issue.record("expected an error")
        } catch {
            #expect(Evaluate.message(for: error).contains("none.json"))
        }
    }
}
