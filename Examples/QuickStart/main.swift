import FocalLoss

// Four anchors, one of them positive: the paper's settings, gamma 2 and alpha 0.25.
let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
let logits: [Float] = [2.5, -1.0, 0.3, -4.0]
let targets: [Float] = [1, 0, 1, 0]

// Loss and gradient from one fused pass.
let (loss, gradient) = try focal.lossAndGradient(logits, targets: targets)
print("loss", loss)
print("gradient", gradient)

// In a training loop, keep one gradient array and let every step write into it.
var reusable = [Float]()
for _ in 0..<3 {
    _ = try focal.lossAndGradient(logits, targets: targets, reduction: .sum, gradient: &reusable)
}
print("sum-reduced gradient", reusable)
