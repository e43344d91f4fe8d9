@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

/// Error hints name only options of the command in use (issue #15 item 5).
@Suite("Hints per command")
struct CommandHintTests {
    @Test("A missing value: train advises --impute-missing, predict and evaluate the model's training, demo and tune complete data")
    func missingValue() throws {
        let error = DataError.missingValue(file: "d.csv", line: 4, column: "x")
        #expect(error.commandLineDescription(for: .train)
            == "d.csv:4: column 'x': the value is missing (pass --impute-missing to fill missing values with the training mean)")
        for command in [CommandName.predict, .evaluate] {
            let message = error.commandLineDescription(for: command)
            #expect(message.contains("'focal train --impute-missing'") && !message.contains("(pass --impute-missing"), "\(message)")
        }
        for command in [CommandName.demo, .tune] {
            let message = error.commandLineDescription(for: command)
            #expect(!message.contains("--impute-missing") && message.contains("focal \(command.rawValue) needs every feature value"))
        }
    }

    @Test("Each option a command's messages name is an option of that command")
    func optionsExist() {
        let helps: [CommandName: String] = [.train: Train.helpMessage(), .demo: Demo.helpMessage(), .tune: Tune.helpMessage(),
                                            .evaluate: Evaluate.helpMessage(), .predict: Predict.helpMessage()]
        for (command, help) in helps {
            for parameter in TrainingParameter.allCases {
                let name = OptionNames.name(of: .parameter(parameter), in: command)
                if name.hasPrefix("--") { #expect(help.contains(name), "\(command) → \(name)") }
            }
        }
        #expect(OptionNames.name(of: .parameter(.batchSize), in: .demo) == "batchSize")
        #expect(OptionNames.name(of: .parameter(.learningRate), in: .demo) == "--lr")
    }

    @Test("focal predict on a row with a missing value does not advise an option it lacks")
    func predictMessage() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let train = try fixture.binaryCSV("train.csv")
        let model = fixture.path("m.json")
        _ = try Train.parse([train, "--label", "kind", "--epochs", "2", "--out", model]).train(progress: nil)
        let input = try fixture.write("new.csv", "a,b\n1,2\n,3\n")
        let error = #expect(throws: CLIError.self) { _ = try Predict.parse([model, input]).output() }
        #expect(error?.description.hasPrefix("\(input):3: column 'a': the value is missing (the model was trained without --impute-missing") == true,
                "\(String(describing: error))")
    }
}
