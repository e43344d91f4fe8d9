import ArgumentParser
@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

/// `--ignore-columns`, `--feature-columns` and `--id-column` (issue #15 item 2).
@Suite("Column options: ignored, named and id columns")
struct ColumnOptionsCommandTests {
    /// `id,a,leak,b,kind`: string ids (one with a comma and a quote), a leak column equal to the
    /// label, the binary problem of ``TrainCommandFixture/binaryCSV(_:rows:seed:)``.
    func leakyCSV(_ fixture: TrainCommandFixture, _ name: String, rows: Int = 300, seed: UInt64 = 1) throws -> String {
        var generator = SeededGenerator(seed: seed)
        var text = "id,a,leak,b,kind\n"
        for row in 0..<rows {
            let a = generator.nextGaussian(), b = generator.nextGaussian()
            let rare = a + b > 1.2
            let id = row == 1 ? "\"x,\"\"1\"\"\"" : "row-\(row)"
            text += "\(id),\(a),\(rare ? 1 : 0),\(b),\(rare ? "rare" : "common")\n"
        }
        return try fixture.write(name, text)
    }

    @Test("train: ignored and id columns are not features; the model names its features")
    func trainIgnores() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try leakyCSV(fixture, "d.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([data, "--ignore-columns", "leak", "--id-column", "id", "--epochs", "2", "--out", model]).train(progress: nil)
        #expect(try TrainedModel(contentsOf: URL(fileURLWithPath: model)).featureNames == ["a", "b"])
        // The option repeats and takes lists; names are trimmed as the header's.
        _ = try Train.parse([data, "--ignore-columns", " leak", "--ignore-columns", "id ,b", "--epochs", "2", "--out", model])
            .train(progress: nil)
        #expect(try TrainedModel(contentsOf: URL(fileURLWithPath: model)).featureNames == ["a"])
        // Named features, in the order given.
        _ = try Train.parse([data, "--feature-columns", "b,a", "--epochs", "2", "--out", model]).train(progress: nil)
        #expect(try TrainedModel(contentsOf: URL(fileURLWithPath: model)).featureNames == ["b", "a"])
        // Without the options the string id is read as a number: the error the options avoid.
        #expect(focalMessage { _ = try Train.parse([data, "--out", model]).train(progress: nil) }
            == "\(data):2: column 'id': 'row-0' is not a finite number")
    }

    @Test("train: each column error is one line naming the option and listing the columns")
    func trainErrors() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try leakyCSV(fixture, "d.csv", rows: 20)
        let model = fixture.path("m.json")
        let columns = "(columns: id, a, leak, b, kind)"
        let cases: [([String], String)] = [
            (["--ignore-columns", "id,lek"], "\(data): no column 'lek' in the header for --ignore-columns \(columns)"),
            (["--id-column", "ID"], "\(data): no column 'ID' in the header for --id-column \(columns)"),
            (["--feature-columns", "a,c"], "\(data): no column 'c' in the header for --feature-columns \(columns)"),
            (["--ignore-columns", "kind,id"], "\(data): column 'kind' is the label column and cannot also be ignored (--ignore-columns)"),
            (["--id-column", "kind"], "\(data): column 'kind' is the label column and cannot also be the id column (--id-column)"),
            (["--ignore-columns", "id", "--feature-columns", "a,id"],
             "\(data): column 'id' is ignored (--ignore-columns) and cannot also be a feature (--feature-columns)"),
            (["--id-column", "id", "--feature-columns", "id"],
             "\(data): column 'id' is the id column (--id-column) and cannot also be a feature (--feature-columns)"),
            (["--id-column", "id", "--ignore-columns", "a,leak,b"],
             "\(data): no feature column is left: every column besides the label is the id column (--id-column) or ignored (--ignore-columns)"),
        ]
        for (options, expected) in cases {
            #expect(focalMessage { _ = try Train.parse([data, "--epochs", "1", "--out", model] + options).train(progress: nil) } == expected)
        }
        #expect(!FileManager.default.fileExists(atPath: model))
        let usage: [([String], String)] = [
            (["--ignore-columns", "a,,b"], "--ignore-columns: an empty column name in 'a,,b'"),
            (["--feature-columns", "a,b,a"], "--feature-columns: column 'a' is named twice"),
            (["--feature-columns", ""], "--feature-columns: an empty column name in ''"),
            (["--id-column", " "], "--id-column: the column name is empty"),
        ]
        for (options, expected) in usage {
            #expect(focalMessage { _ = try Train.parse([data, "--out", model] + options) } == expected)
        }
    }

    @Test("evaluate and predict select the model's features by name in a reordered file with extra columns")
    func reordered() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try leakyCSV(fixture, "d.csv", rows: 200)
        let model = fixture.path("m.json")
        _ = try Train.parse([data, "--ignore-columns", "leak", "--id-column", "id", "--epochs", "3", "--out", model]).train(progress: nil)
        // The same rows with the columns in another order and one more column.
        let table = try CSVTable(contentsOf: URL(fileURLWithPath: data))
        var text = "kind,b,note,id,a,leak\n"
        for row in 0..<table.rowCount {
            let field = { table.field(row: row, column: table.header.firstIndex(of: $0)!) }
            text += "\(field("kind")),\(field("b")),n,\(csvField(field("id"))),\(field("a")),\(field("leak"))\n"
        }
        let reordered = try fixture.write("r.csv", text)
        let original = try Predict.parse([model, data]).output()
        #expect(try Predict.parse([model, reordered]).output() == original)
        #expect(try Predict.parse([model, reordered, "--ignore-columns", "note,leak"]).output() == original)
        let evaluated = try Evaluate.parse([model, data, "--json"]).output()
        let evaluatedReordered = try Evaluate.parse([model, reordered, "--json", "--id-column", "id"]).output()
        let escaped = { (path: String) in path.replacingOccurrences(of: "/", with: "\\/") }
        #expect(evaluatedReordered == evaluated.replacingOccurrences(of: escaped(data), with: escaped(reordered)))

        // A missing feature, an unknown column, a feature or the label given another role: one line each.
        let missing = try fixture.write("missing.csv", "a,kind\n1,rare\n")
        #expect(focalMessage { _ = try Predict.parse([model, missing]).output() }
            == "\(missing): no column 'b' in the header; the model reads it as a feature (columns: a, kind)")
        #expect(focalMessage { _ = try Evaluate.parse([model, missing]).output() }
            == "\(missing): no column 'b' in the header; the model reads it as a feature (columns: a, kind)")
        #expect(focalMessage { _ = try Predict.parse([model, reordered, "--ignore-columns", "nope"]).output() }
            == "\(reordered): no column 'nope' in the header for --ignore-columns (columns: kind, b, note, id, a, leak)")
        #expect(focalMessage { _ = try Predict.parse([model, reordered, "--id-column", "ID"]).output() }
            == "\(reordered): no column 'ID' in the header for --id-column (columns: kind, b, note, id, a, leak)")
        #expect(focalMessage { _ = try Predict.parse([model, reordered, "--ignore-columns", "a"]).output() }
            == "\(reordered): column 'a' is a feature of the model and cannot also be ignored (--ignore-columns)")
        #expect(focalMessage { _ = try Predict.parse([model, reordered, "--id-column", "b"]).output() }
            == "\(reordered): column 'b' is a feature of the model and cannot also be the id column (--id-column)")
        #expect(focalMessage { _ = try Evaluate.parse([model, reordered, "--ignore-columns", "kind"]).output() }
            == "\(reordered): column 'kind' is the label column and cannot also be ignored (--ignore-columns)")
        // predict reads no label: its id may be the label column.
        #expect(try Predict.parse([model, reordered, "--id-column", "kind"]).output().hasPrefix("kind,p_common,p_rare,predicted\n"))
    }

    @Test("predict --id-column: the id first in CSV, a field in JSON Lines, as text")
    func predictIdentifiers() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try leakyCSV(fixture, "d.csv", rows: 100)
        let model = fixture.path("m.json")
        _ = try Train.parse([data, "--ignore-columns", "leak", "--id-column", "id", "--epochs", "2", "--out", model]).train(progress: nil)
        let input = try fixture.write("new.csv", "a,b,id\n3,3,007\n-3,-3,\"x,\"\"y\"\"\"\n0,0,Zoë\\1\n1,1,\n")
        let plain = try Predict.parse([model, input]).output().split(separator: "\n").map(String.init)
        let lines = try Predict.parse([model, input, "--id-column", "id"]).output().split(separator: "\n").map(String.init)
        #expect(lines[0] == "id,p_common,p_rare,predicted")
        #expect(lines[1...] == ["007,\(plain[1])", "\"x,\"\"y\"\"\",\(plain[2])", "Zoë\\1,\(plain[3])", ",\(plain[4])"])
        // The CSV output reads back with the ids as they were.
        let written = try CSVTable(text: lines.joined(separator: "\n"), fileName: "p.csv")
        #expect((0..<4).map { written.field(row: $0, column: 0) } == ["007", "x,\"y\"", "Zoë\\1", ""])

        let jsonLines = try Predict.parse([model, input, "--id-column", "id", "--format", "jsonl"]).output()
            .split(separator: "\n").map(String.init)
        let plainJSON = try Predict.parse([model, input, "--format", "jsonl"]).output().split(separator: "\n").map(String.init)
        for (row, id) in ["007", "x,\"y\"", "Zoë\\1", ""].enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(jsonLines[row].utf8)) as? [String: Any])
            #expect(object["id"] as? String == id)
            #expect(jsonLines[row].hasPrefix("{\"id\":"))
            // The rest of the object is the one without ids.
            #expect(jsonLines[row].hasSuffix("," + plainJSON[row].dropFirst()))
        }
        #expect(focalMessage { _ = try Predict.parse([model, try fixture.write("p.csv", "a,b,predicted\n1,2,x\n"), "--id-column", "predicted"]).output() }
            == "--id-column predicted: the output already has a column 'predicted' (p_<class> for each class, then 'predicted'); "
            + "rename the id column in the data")
    }

    @Test("JSON strings of ids escape quotes, backslashes and control characters")
    func jsonEscaping() throws {
        var text = ""
        PredictionLines.appendJSONString("a\"b\\c\n\t\u{1}é", to: &text)
        #expect(text == "\"a\\\"b\\\\c\\n\\t\\u0001é\"")
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(text)]".utf8)) as? [String]
        #expect(decoded == ["a\"b\\c\n\t\u{1}é"])
    }

    @Test("demo and tune read the same options: their data sets leave out the ignored and id columns")
    func comparisonCommands() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try leakyCSV(fixture, "d.csv", rows: 60)
        let tune = try Tune.parse([data, "--ignore-columns", "leak", "--id-column", "id"])
        let loaded = try DemoData.load(path: data, label: nil, columns: tune.featureColumns.columns(tune.reading), option: "DATA",
                                       command: .tune)
        #expect(loaded.dataset.featureNames == ["a", "b"])
        let demo = try Demo.parse(["--data", data, "--feature-columns", "b", "--id-column", "id"])
        #expect(try DemoData.load(path: data, label: nil, columns: demo.featureColumns.columns(demo.reading), option: "--data")
            .dataset.featureNames == ["b"])
        let run = DemoTuneRunner.run(["tune", data, "--ignore-columns", "nope", "--seeds", "1"])
        #expect(run.status == 1)
        #expect(run.standardError == "Error: DATA \(data): no column 'nope' in the header for --ignore-columns (columns: id, a, leak, b, kind)\n")
    }
}
