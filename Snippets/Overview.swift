// The sigmoid focal loss with the paper's settings, and its gradient, from one call.

import FocalLoss

// Four anchors, one of them positive.
let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
let logits: [Float] = [2.5, -1.0, 0.3, -4.0]
let targets: [Float] = [1, 0, 1, 0]
let (loss, gradient) = try focal.lossAndGradient(logits, targets: targets)
// snippet.hide
print("loss", loss, "gradient", gradient)
