import FocalTraining
import Testing

/// The library's messages name its own parameters (Swift names), never a command-line option;
/// a caller spells the settings its own way with `description(naming:)` (issue 16.3).
@Suite("Training messages: Swift names, renamable settings")
struct TrainingMessageTests {
    /// The training error `body` throws.
    func error(_ body: () throws -> Void) -> TrainingError? {
        do {
            try body()
            return nil
        } catch {
            return error as? TrainingError
        }
    }

    @Test("Setting errors name the parameter as in Swift, its value and the requirement")
    func swiftNames() {
        let cases: [(TrainingError?, String)] = [
            (error { _ = try OptimizerSettings(kind: .adam, learningRate: 0) }, "learningRate 0.0: must be finite and > 0"),
            (error { _ = try TrainingConfiguration(batchSize: 0) }, "batchSize 0: must be at least 1"),
            (error { _ = try TrainingConfiguration(validationFraction: 1) }, "validationFraction 1.0: must be in [0, 1)"),
            (error { _ = try TrainingConfiguration(validationFraction: 0, earlyStoppingPatience: 3) },
             "earlyStoppingPatience 3: needs validation data (validationFraction > 0)"),
            (error { _ = try LossSettings(kind: .crossEntropy, gamma: 2) },
             "gamma 2.0: applies to kind: .focal only (cross-entropy has gamma 0)"),
            (error { _ = try LossSettings(kind: .crossEntropy, alpha: .constant(0.25)) },
             "alpha 0.25: does not apply to plain cross-entropy; use kind: .balancedCrossEntropy"),
            (error { _ = try ModelArchitecture(parsing: "tree") },
             "architecture tree: must be 'logistic', 'mlp' or 'mlp:' followed by hidden sizes such as 64,32"),
            (error { _ = try OptimizerSettings(kind: .adam, learningRate: 0.1, beta2: 1) }, "beta2 1.0: must be in [0, 1)"),
            (error { _ = try DenseLayer(inputs: 2, outputs: 1, weights: [1, .nan], bias: [0]) },
             "weights nan at index 1: must be finite"),
            (.diverged(epoch: 3, batch: 2), "training diverged: the loss is not finite at epoch 3, batch 2; try a smaller learningRate"),
        ]
        for (error, message) in cases {
            #expect(error?.description == message)
            #expect(error.map { !$0.description.contains("--") } == true)
        }
    }

    @Test("A caller spells the settings its own way")
    func renamed() throws {
        func option(_ setting: SettingReference) -> String {
            switch setting {
            case .parameter(let parameter): return "<\(parameter)>"
            case .lossKind(let kind): return "<loss \(kind.rawValue)>"
            case .missingValues(let policy): return "<\(policy.rawValue)>"
            case .column(let role): return "<\(role)>"
            }
        }
        let patience = error { _ = try TrainingConfiguration(validationFraction: 0, earlyStoppingPatience: 3) }
        #expect(patience?.description(naming: option) == "<earlyStoppingPatience> 3: needs validation data (<validationFraction> > 0)")
        let alpha = error { _ = try LossSettings(kind: .crossEntropy, alpha: .constant(0.25)) }
        #expect(alpha?.description(naming: option) == "<alpha> 0.25: does not apply to plain cross-entropy; use <loss balanced-ce>")
        let missing = DataError.missingValue(file: "d.csv", line: 2, column: "a")
        #expect(missing.description == "d.csv:2: column 'a': the value is missing "
            + "(pass missingValues: .imputeTrainingMean to fill missing values with the training mean)")
        #expect(missing.description(naming: option) == "d.csv:2: column 'a': the value is missing "
            + "(pass <imputeTrainingMean> to fill missing values with the training mean)")
        let ignored = DataError.columnInTwoRoles(file: "d.csv", column: "y", role: .label, other: .ignored)
        #expect(ignored.description(naming: option) == "d.csv: column 'y' is the label column and cannot also be ignored (<ignoredColumns>)")
    }

    @Test("Setting text keeps interpolated parameters as references and other values as words")
    func settingText() {
        let text: SettingText = "use a larger \(TrainingParameter.validationFraction) than \(0.25)"
        #expect(text.segments == [.text("use a larger "), .setting(.parameter(.validationFraction)), .text(" than 0.25")])
        #expect(text.description == "use a larger validationFraction than 0.25")
        #expect(text.rendered { _ in "--validation" } == "use a larger --validation than 0.25")
    }
}
