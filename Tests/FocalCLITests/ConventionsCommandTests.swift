@testable import FocalCLI
import Foundation
import Testing

/// The conventions shared by the commands (issue #15 item 5): `--out`/`-o`, `predict --format`,
/// `train --json`, shell completion.
@Suite("Command-line conventions")
struct ConventionsCommandTests {
    @Test("loss: --out, -o and the hidden former --output write the same losses file")
    func lossOut() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            try LossErrorTests.writeFixtures(in: directory)
            let base = ["loss", "--kind", "softmax", "--x", directory.appendingPathComponent("x.npy").path,
                        "--labels", directory.appendingPathComponent("y.npy").path, "--reduction", "none"]
            var files: [Data] = []
            for (index, option) in ["--out", "-o", "--output"].enumerated() {
                let path = directory.appendingPathComponent("l\(index).npy").path
                let run = FocalRunner.inProcess(base + [option, path])
                #expect(run.status == 0, "\(option): \(run)")
                files.append(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
            #expect(files.count == 3 && Set(files).count == 1)
            let both = FocalRunner.inProcess(base + ["--out", "a.npy", "--output", "b.npy"])
            #expect(both.status == 64 && both.standardError.contains("--output is the former name of --out"), "\(both)")
            let named = FocalRunner.inProcess(["loss", "--kind", "softmax", "--x", "x.npy", "--labels", "y.npy", "--output", "l.npy"])
            #expect(named.standardError.hasPrefix("Error: --output writes the unreduced losses"), "\(named)")
            let usage = LossCommand.helpMessage()
            #expect(usage.contains("-o, --out <L.npy>"))
            #expect(!usage.contains("--output <"))
        }
    }

    @Test("-o is the short form of --out on every command that writes")
    func shortOut() {
        for command in [Train.helpMessage(), Predict.helpMessage(), Demo.helpMessage(), Curves.helpMessage(), LossCommand.helpMessage()] {
            #expect(command.contains("-o, --out"), "\(command)")
        }
    }

    @Test("predict --format jsonl: one JSON object per row with the CSV's columns and values")
    func predictJSONLines() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let train = try fixture.binaryCSV("train.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([train, "--label", "kind", "--epochs", "5", "--out", model]).train(progress: nil)
        let input = try fixture.write("new.csv", "b,a\n3,3\n-3,-3\n0.1,0.2\n")
        let csv = try Predict.parse([model, input]).output().split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let lines = try Predict.parse([model, input, "--format", "jsonl"]).output().split(separator: "\n")
        #expect(lines.count == 3)
        for (line, row) in zip(lines, csv.dropFirst()) {
            // The numbers are written as the CSV writes them.
            #expect(line.hasPrefix("{\"p_common\":\(row[0]),\"p_rare\":\(row[1]),"), "\(line)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == Set(csv[0]))
            #expect(object["predicted"] as? String == row[2])
            for (column, value) in zip(csv[0].prefix(2), row.prefix(2)) {
                let number = try #require((object[column] as? NSNumber)?.doubleValue)
                #expect(abs(number - Double(value)!) <= 1e-15, "\(column)")
            }
        }
        #expect(throws: (any Error).self) { _ = try Predict.parse([model, input, "--format", "xml"]) }
    }

    @Test("train --json: one JSON object with what the report says")
    func trainJSON() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("train.csv")
        let model = fixture.path("m.json")
        let (trained, text) = try Train.parse([data, "--label", "kind", "--epochs", "5", "--out", model, "--json"]).train(progress: nil)
        #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["model"] as? String == model)
        #expect(object["positiveClass"] as? String == "rare")
        #expect(object["classNames"] as? [String] == ["common", "rare"])
        #expect(object["selectedEpoch"] as? Int == trained.summary.selectedEpoch)
        #expect(object["trainingRows"] as? Int == trained.summary.trainingRows)
        #expect(object["validationData"] is NSNull)
        #expect(abs(try #require((object["threshold"] as? NSNumber)?.doubleValue) - trained.threshold) <= 1e-15)
        let validation = try #require(object["validation"] as? [String: Any])
        let averagePrecision = try #require(trained.summary.validation?.averagePrecision)
        #expect(abs(try #require((validation["averagePrecision"] as? NSNumber)?.doubleValue) - averagePrecision) <= 1e-15)
        #expect(validation["confusionMatrix"] is [[Int]])
        let counts = try #require(object["trainingClassCounts"] as? [String: Int])
        #expect(counts.values.reduce(0, +) == trained.summary.trainingRows)
    }

    @Test("Shell completion: focal --generate-completion-script bash", .enabled(if: FocalRunner.executable != nil))
    func completion() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let run = try FocalRunner.subprocess(["--generate-completion-script", "bash"], in: directory)
            #expect(run.status == 0, "\(run)")
            for word in ["_focal", "train", "predict", "--out", "--format"] {
                #expect(run.standardOutput.contains(word), "\(word)")
            }
        }
    }
}
