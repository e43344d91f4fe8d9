#if canImport(_Differentiation)
// Trains a logistic-regression model on an imbalanced synthetic problem with Swift's automatic
// differentiation and the sigmoid focal loss: `valueWithGradient(at:of:)` differentiates the
// model's forward pass (derived by the compiler) and the loss (whose registered derivative is
// the fused FocalLoss kernel), and plain gradient descent follows the gradient.
//
//     swift run -c release AutodiffLogisticRegression

import _Differentiation
import FocalDifferentiation
import FocalLoss
import Foundation

let featureCount = 4
let positiveFraction = 0.02
let train = SyntheticData(count: 4000, featureCount: featureCount, positiveFraction: positiveFraction, separation: 1.25, seed: 1)
let test = SyntheticData(count: 4000, featureCount: featureCount, positiveFraction: positiveFraction, separation: 1.25, seed: 3)
print("train: \(train.positiveCount) positives of \(train.targets.count); test: \(test.positiveCount) of \(test.targets.count)")

// The paper's settings. The configuration is checked here, once; the differentiable call
// below checks its data on every call and stops with a message naming a bad argument.
let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
var model = LogisticRegression(featureCount: featureCount, prior: 0.01)
let untrained = averagePrecision(scores: model.logits(for: test.features), targets: test.targets)
print("test average precision before training: \(String(format: "%.4f", untrained))")

let epochs = 30
let learningRate: Float = 4
for epoch in 1...epochs {
    let (loss, gradient) = valueWithGradient(at: model) { model in
        focal(model.logits(for: train.features), targets: train.targets)
    }
    model.descend(along: gradient, learningRate: learningRate)
    print("epoch \(String(format: "%2d", epoch))  loss \(String(format: "%.6f", loss))")
}

let testLoss = focal(model.logits(for: test.features), targets: test.targets)
let precision = averagePrecision(scores: model.logits(for: test.features), targets: test.targets)
print("test loss \(String(format: "%.6f", testLoss))")
print("test average precision \(String(format: "%.4f", precision))")
#else
print("This example needs a toolchain with Swift automatic differentiation (_Differentiation).")
#endif
