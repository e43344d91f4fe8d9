@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

/// `focal train --loss poly1` (both heads) and `--loss asl` (binary).
@Suite("focal train --loss poly1 and asl")
struct TrainVariantCommandTests {
    @Test("poly1 trains both heads and asl the binary one; the model file records the loss and reads back")
    func trains() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let binary = try fixture.binaryCSV("binary.csv")
        let multiclass = try fixture.multiclassCSV("multi.csv")
        for (data, extra, label) in [(binary, ["--loss", "poly1", "--epsilon", "-0.5"], "kind"), (multiclass, ["--loss", "poly1"], "label"),
                                     (binary, ["--loss", "asl"], "kind")] {
            let out = fixture.path("m.json")
            let command = try Train.parse([data, "--label", label, "--epochs", "5", "--out", out] + extra)
            let (model, text) = try command.train(progress: TrainingProgress(epochs: 5, interactive: false) { _ in })
            let loss = model.configuration.loss
            #expect(loss.kind.rawValue == extra[1], "\(extra)")
            #expect(loss.epsilon == (extra[1] == "poly1" ? Double(extra.count > 2 ? extra[3] : "1") : nil), "\(extra)")
            #expect(text.contains("with \(extra[1])"), "\(text)")
            #expect(try TrainedModel(contentsOf: URL(fileURLWithPath: out)) == model)
        }
    }

    @Test("asl on more than two classes, --epsilon without poly1, gamma with asl: clear errors")
    func errors() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let multiclass = try fixture.multiclassCSV("multi.csv")
        let binary = try fixture.binaryCSV("binary.csv")
        /// The message of the error that parsing or training with `arguments` raises.
        func message(_ arguments: [String]) -> String {
            do {
                let command = try Train.parse(arguments + ["--epochs", "2", "--out", fixture.path("m.json")])
                _ = try command.train(progress: TrainingProgress(epochs: 2, interactive: false) { _ in })
                return "no error"
            } catch {
                return Train.message(for: error)
            }
        }
        #expect(message([multiclass, "--label", "label", "--loss", "asl"]).contains("asl: is for two classes (the data has 3)"))
        #expect(message([binary, "--label", "kind", "--epsilon", "1"]).contains("--epsilon applies to --loss poly1 only"))
        #expect(message([binary, "--label", "kind", "--loss", "poly1", "--epsilon", "-2"]).contains("--epsilon: value -2 must be finite and >= -1"))
        #expect(message([binary, "--label", "kind", "--loss", "asl", "--gamma", "1"]).contains("does not apply to --loss asl"))
        #expect(try fixture.files() == ["binary.csv", "multi.csv"])
    }
}
