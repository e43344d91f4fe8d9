import Foundation
@testable import FocalTraining
import Testing

@Suite("Training: validation on given rows")
struct TrainingValidationDataTests {
    func configuration(patience: Int? = nil) throws -> TrainingConfiguration {
        try TrainingConfiguration(
            optimizer: OptimizerSettings(kind: .adam, learningRate: 0.05), epochs: 4, batchSize: 32,
            validationFraction: 0.2, seed: 3, earlyStoppingPatience: patience)
    }

    @Test("Every given training row trains; the validation rows are the ones given")
    func givenRows() throws {
        let training = try separableData(rows: 300, seed: 21)
        let validation = try separableData(rows: 120, seed: 22)
        let model = try Trainer(configuration: configuration()).train(training, validation: validation)
        #expect(model.summary.trainingRows == 300)
        #expect(model.summary.validationRows == 120)
        #expect(model.summary.trainingClassCounts == training.classCounts)
        // The standardisation is fitted on all 300 training rows (means in Double, computed here).
        for column in 0..<3 {
            let values = (0..<300).map { Double(training.features[$0 * 3 + column]) }
            let mean = values.reduce(0, +) / 300
            #expect(abs(model.standardizer.means[column] - mean) <= 1e-9 * max(1, abs(mean)))
        }
        // The metrics stored are those of the model on the given rows.
        let stored = try #require(model.summary.validation)
        #expect(stored == (try model.report(on: validation)))
        #expect(model.summary.history.last?.validationAveragePrecision == stored.averagePrecision)
    }

    @Test("Rows with other features or classes, or without a class early stopping needs, are refused")
    func refused() throws {
        let training = try separableData(rows: 200, seed: 23)
        let other = try Dataset(features: [1, 2, 3, 4], labels: [0, 1], featureNames: ["a", "b"], classNames: ["0", "1"])
        #expect(throws: TrainingError.unsuitableData(reason: "the validation rows have the features a, b, the training rows a, b, noise")) {
            _ = try Trainer(configuration: configuration()).train(training, validation: other)
        }
        let renamed = try Dataset(features: [1, 2, 3, 4, 5, 6], labels: [0, 1], featureNames: ["a", "b", "noise"], classNames: ["no", "yes"])
        #expect(throws: TrainingError.unsuitableData(reason: "the validation rows have the classes no, yes, the training rows 0, 1")) {
            _ = try Trainer(configuration: configuration()).train(training, validation: renamed)
        }
        let oneClass = try Dataset(features: [1, 2, 3, 4, 5, 6], labels: [0, 0], featureNames: ["a", "b", "noise"], classNames: ["0", "1"])
        #expect(throws: TrainingError.unsuitableData(reason: "early stopping needs every class among the validation rows; the validation data lack '1'")) {
            _ = try Trainer(configuration: configuration(patience: 2)).train(training, validation: oneClass)
        }
        // Without early stopping it trains, with no validation metrics.
        let model = try Trainer(configuration: configuration()).train(training, validation: oneClass)
        #expect(model.summary.validation == nil && model.summary.validationRows == 2 && model.threshold == 0.5)
    }
}

@Suite("Training: validation rows from CSV")
struct ValidationTableTests {
    @Test("Validation rows take the training features by name and its classes; an unknown class is an error")
    func validationTable() throws {
        let training = try Dataset(table: CSVTable(text: "a,b,label\n1,2,no\n3,4,yes\n", fileName: "t.csv"))
        let validation = try Dataset(
            table: CSVTable(text: "label,extra,b,a\nyes,x,20,10\nno,y,40,30\n", fileName: "v.csv"), validating: training,
            labelColumn: "label")
        #expect(validation.featureNames == ["a", "b"] && validation.classNames == ["no", "yes"])
        #expect(validation.features == [10, 20, 30, 40] && validation.labels == [1, 0])
        let expected = DataError.unknownTrainingClass(file: "v.csv", line: 3, column: "label", value: "maybe", known: ["no", "yes"])
        expectDataError(expected) {
            _ = try Dataset(table: CSVTable(text: "a,b,label\n1,2,no\n3,4,maybe\n", fileName: "v.csv"), validating: training,
                            labelColumn: "label")
        }
        #expect(expected.description == "v.csv:3: column 'label': 'maybe' is not a class of the training data (classes: no, yes)")
        expectDataError(.unknownColumn(file: "v.csv", column: "b", role: .modelFeature, header: ["a", "label"])) {
            _ = try Dataset(table: CSVTable(text: "a,label\n1,no\n", fileName: "v.csv"), validating: training, labelColumn: "label")
        }
    }
}
