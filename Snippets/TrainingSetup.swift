// Two habits from the RetinaNet recipe: start the classifier at a prior probability, and divide
// the loss by the number of positive anchors.

import FocalLoss
import Foundation

// snippet.prior
// 10,000 anchors of which 100 are positive (1 in 100).
let anchorCount = 10_000
var targets = [Double](repeating: 0, count: anchorCount)
for anchor in stride(from: 0, to: anchorCount, by: 100) { targets[anchor] = 1 }
let positiveCount = Double(targets.filter { $0 == 1 }.count)

// Start every output at p = 0.01 (the share of positives) instead of p = 0.5.
let prior = 0.01
let priorBias = -log((1 - prior) / prior)
print("prior bias b = -log((1 - π) / π) =", priorBias)

let focal = try SigmoidFocalLoss<Double>(gamma: 2, alpha: 0.25)
for (name, bias) in [("bias 0", 0.0), ("prior bias", priorBias)] {
    // Before any training, every logit is the bias.
    let logits = [Double](repeating: bias, count: anchorCount)
    let losses = try focal.elementwiseLosses(logits, targets: targets)
    let fromPositives = zip(losses, targets).filter { $0.1 == 1 }.map(\.0).reduce(0, +)
    let fromNegatives = zip(losses, targets).filter { $0.1 == 0 }.map(\.0).reduce(0, +)
    // RetinaNet's normalisation: the sum over all anchors divided by the number of positives.
    let loss = try focal.loss(logits, targets: targets, reduction: .normalized(by: positiveCount))
    print("\(name): loss \(loss), positives \(fromPositives), negatives \(fromNegatives)")
}
// snippet.end
