@testable import FocalCLI
import FocalTraining
import Testing

/// The command line's one mapping from the library's parameters to its options (issue 16.3).
@Suite("Option names of the library's parameters")
struct OptionNamesTests {
    @Test("Every option the mapping names is an option of focal train; other parameters keep their Swift name")
    func optionsExist() {
        let help = Train.helpMessage()
        for parameter in TrainingParameter.allCases {
            let name = OptionNames.name(of: parameter)
            if name.hasPrefix("--") {
                #expect(help.contains(name), "\(parameter) → \(name)")
            } else {
                #expect(name == parameter.description, "\(parameter) → \(name)")
            }
        }
        #expect(OptionNames.name(of: .lossKind(.balancedCrossEntropy)) == "--loss balanced-ce")
        #expect(OptionNames.name(of: .missingValues(.imputeTrainingMean)) == "--impute-missing")
    }

    @Test("The library's messages come out with the options")
    func messages() throws {
        #expect(TrainingError.diverged(epoch: 2, batch: 5).commandLineDescription
            == "training diverged: the loss is not finite at epoch 2, batch 5; try a smaller --lr")
        #expect(DataError.missingValue(file: "d.csv", line: 4, column: "x").commandLineDescription
            == "d.csv:4: column 'x': the value is missing (pass --impute-missing to fill missing values with the training mean)")
    }
}
