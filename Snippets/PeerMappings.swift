// The FocalLoss calls that reproduce the focal losses of torchvision, optax, Keras, kornia,
// segmentation_models_pytorch and MONAI.

import FocalLoss

// A detection-style batch: 6 anchors x 2 classes of logits, with 0/1 targets.
let logits: [Float] = [2.5, -1.0, 0.3, -4.0, -0.7, 1.2, 3.1, -2.2, -0.1, 0.8, -3.3, 0.4]
let targets: [Float] = [1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0]

// snippet.torchvision
// torchvision.ops.sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2, reduction=...)
let torchvision = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
let none = try torchvision.elementwiseLosses(logits, targets: targets)  // reduction="none"
let mean = try torchvision.loss(logits, targets: targets)  // reduction="mean"
let sum = try torchvision.loss(logits, targets: targets, reduction: .sum)  // reduction="sum"
// alpha=-1 switches the weighting off: SigmoidFocalLoss<Float>(gamma: 2).
// snippet.end
print("torchvision-style: none \(none), mean \(mean), sum \(sum)")

// snippet.optax
// optax.sigmoid_focal_loss(logits, labels, alpha=None, gamma=2.0) returns unreduced losses.
let optax = try SigmoidFocalLoss<Float>(gamma: 2)
let optaxLosses = try optax.elementwiseLosses(logits, targets: targets)
// snippet.end
print("optax-style:", optaxLosses)

// snippet.kerasBinary
// keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, gamma=2,
//                                      from_logits=True, label_smoothing=0.1)
// Keras smooths binary targets towards 0.5; with FocalLoss, smooth them yourself.
let smoothing: Float = 0.1
let smoothed = targets.map { $0 * (1 - smoothing) + smoothing / 2 }
let kerasBinary = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
let kerasBinaryLoss = try kerasBinary.loss(logits, targets: smoothed)
// Without apply_class_balancing (Keras's default), alpha is unused: SigmoidFocalLoss(gamma: 2).
// snippet.end
print("Keras binary-style:", kerasBinaryLoss)

// snippet.kerasCategorical
// keras.losses.CategoricalFocalCrossentropy(alpha=0.25, gamma=2, from_logits=True)
// on class-last logits (6, 2) and one-hot targets: the scalar alpha scales every class.
let oneHotRows: [Float] = [1, 0, 1, 0, 0, 1, 1, 0, 0, 1, 0, 1]
let kerasCategorical = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: 0.25)
let kerasCategoricalLoss = try kerasCategorical.loss(
    logits, shape: [6, 2], classAxis: -1, targets: oneHotRows)
// snippet.end
print("Keras categorical-style:", kerasCategoricalLoss)

// A segmentation-style batch: 1 image, 3 classes, 2 x 2 pixels, channels first; -100 = unlabelled.
let (n, c, h, w) = (1, 3, 2, 2)
let scores: [Float] = [1.5, -0.3, 0.2, 2.0, -1.0, 0.7, 1.1, -0.4, 0.3, 0.1, -2.0, 0.9]
let labels: [Int64] = [0, 2, 1, -100]
var oneHot = [Float](repeating: 0, count: scores.count)
var kept = [Float](repeating: 0, count: scores.count)
for pixel in 0..<(h * w) where labels[pixel] != -100 {
    oneHot[Int(labels[pixel]) * h * w + pixel] = 1
    for k in 0..<c { kept[k * h * w + pixel] = 1 }
}
let keptPixels = Double(labels.filter { $0 != -100 }.count)

// snippet.kornia
// kornia.losses.focal_loss(pred, target, alpha=0.25, gamma=2, reduction="mean"):
// class 0 is weighted 1 - alpha and every other class alpha, and "mean" divides by N*C*H*W.
let kornia = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: [0.75, 0.25, 0.25])
let korniaLoss = try kornia.loss(
    scores, shape: [n, c, h, w], labels: labels, ignoreIndex: -100,
    reduction: .normalized(by: Double(n * c * h * w)))
// snippet.end
print("kornia-style:", korniaLoss)

// snippet.smp
// segmentation_models_pytorch.losses.FocalLoss("multiclass", ignore_index=-100):
// one sigmoid (one-vs-rest) focal loss per class over the kept pixels, summed over the classes.
let smp = try SigmoidFocalLoss<Float>(gamma: 2)
let smpLoss = try smp.loss(
    scores, targets: oneHot, weights: kept, reduction: .normalized(by: keptPixels))
// snippet.end
print("smp-style:", smpLoss)

// snippet.monai
// monai.losses.FocalLoss(gamma=2, alpha=0.25): sigmoid by default, mean over every element.
let monaiSigmoid = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
let monaiSigmoidLoss = try monaiSigmoid.loss(scores, targets: oneHot)
// FocalLoss(gamma=2, alpha=0.25, use_softmax=True): class 0 weighted 1 - alpha, the rest alpha,
// and the mean runs over N*C*H*W values.
let monaiSoftmax = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: [0.75, 0.25, 0.25])
let monaiSoftmaxLoss = try monaiSoftmax.loss(
    scores, shape: [n, c, h, w], targets: oneHot,
    reduction: .normalized(by: Double(n * c * h * w)))
// snippet.end
print("MONAI-style: sigmoid \(monaiSigmoidLoss), softmax \(monaiSoftmaxLoss)")
