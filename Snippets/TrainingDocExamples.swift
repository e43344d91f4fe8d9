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

func settingTextExample() {
    let requirement: SettingText = "needs validation data (\(TrainingParameter.validationFraction) > 0)"
    print(requirement)                                   // needs validation data (validationFraction > 0)
    print(requirement.rendered { _ in "--validation" })  // needs validation data (--validation > 0)
}

settingTextExample()
