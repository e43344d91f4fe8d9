// The README's "focal-loss family" example: variants made by their factories, and class-balanced
// weights, compiled with every build so the README's lines stay valid Swift.
import FocalLoss

let asl = try SigmoidFocalLoss<Float>.asymmetric()                  // gamma- 4, gamma+ 0, clip 0.05
let poly = try SoftmaxFocalLoss<Double>.poly1(epsilon: 2)           // labels, ignore index, smoothing as before
let weights: [Float] = try ClassBalancedWeights.effectiveNumber(counts: [9_000, 900, 100], beta: 0.999)

let (aslLoss, _) = try asl.lossAndGradient([2.5, -1.0, 0.3, -4.0], targets: [1, 0, 1, 0])
print("asl", aslLoss, "poly-1 epsilon", poly.variant, "weights", weights)
