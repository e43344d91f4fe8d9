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
    let data = try Dataset(contentsOf: URL(fileURLWithPath: "train.csv"), labelColumn: "label")
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
settingTextExample()
