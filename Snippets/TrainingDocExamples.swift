// The code examples of the FocalTraining doc comments, compiled here so none rots; a test checks
// that each doc comment's example appears in this file verbatim.

import FocalTraining
import Foundation

// Trainer: reads train.csv and writes model.json, so it is compiled but not run.
func trainerExample() throws {
    let data = try Dataset(contentsOf: URL(fileURLWithPath: "train.csv"))
    let configuration = try TrainingConfiguration(
        architecture: .mlp(hidden: [64]), loss: LossSettings(kind: .focal, gamma: 2), epochs: 30)
    let model = try Trainer(configuration: configuration).train(data)
    try model.write(to: URL(fileURLWithPath: "model.json"))
}

// The landing page: reads train.csv and test.csv, so it is compiled but not run.
func overviewExample() throws {
    let loaded = try Dataset(contentsOf: URL(fileURLWithPath: "train.csv"), labelColumn: "label")
    let data = try loaded.withPositiveClass(PositiveClass(.rarer, in: loaded))
    let configuration = try TrainingConfiguration(
        architecture: .mlp(hidden: [32]),
        loss: LossSettings(kind: .focal, gamma: 2, alpha: .constant(0.25)),
        epochs: 30, earlyStoppingPatience: 5)
    let model = try Trainer(configuration: configuration).train(data)
    print(model.summary.validation?.averagePrecision ?? .nan)
    try model.write(to: URL(fileURLWithPath: "model.json"))

    let test = try model.labelledData(from: CSVTable(contentsOf: URL(fileURLWithPath: "test.csv")))
    let report = try model.report(on: test)
    print(report.averagePrecision, report.macroF1)
    let probabilities = model.probabilities(features: test.features, rowCount: test.rowCount)
    let calibration = try model.calibration(probabilities: probabilities, labels: test.labels)
    print(calibration.expectedCalibrationError, calibration.brierScore)
}

func positiveClassExample() throws {
    let data = try Dataset(features: [0, 1, 2, 3], labels: [0, 1, 1, 1], featureNames: ["x"],
                           classNames: ["abnormal", "normal"])
    let positive = try PositiveClass(.rarer, in: data)     // positive.name == "abnormal"
    let ordered = try data.withPositiveClass(positive)      // ordered.classNames[1] == "abnormal"
    print(positive.name, ordered.classNames)
}

func calibrationExample() throws {
    let calibration = try Calibration(positiveProbabilities: [0.1, 0.8, 0.7, 0.2], labels: [0, 1, 0, 0])
    print(calibration.expectedCalibrationError, calibration.brierScore)   // 0.3 and 0.145
}

func binaryRankingExample() throws {
    let ranking = try BinaryRanking(scores: [0.1, 0.4, 0.35, 0.8], labels: [0, 0, 1, 1])
    let ap = try ranking.averagePrecision()   // 0.8333...
    let auc = try ranking.rocAUC()            // 0.75
    print(ap, auc)
}

func settingTextExample() {
    let requirement: SettingText = "needs validation data (\(TrainingParameter.validationFraction) > 0)"
    print(requirement)                                   // needs validation data (validationFraction > 0)
    print(requirement.rendered { _ in "--validation" })  // needs validation data (--validation > 0)
}

try binaryRankingExample()
try positiveClassExample()
try calibrationExample()
settingTextExample()
