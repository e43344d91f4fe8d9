// The FocalLoss calls that reproduce the focal-family losses of fvcore (FL*), PolyLoss and timm
// (Poly-1), Alibaba-MIIL ASL and timm (Asymmetric Loss) and mmdet (Quality Focal Loss, Varifocal
// Loss), shown in the article "Migrating from PyTorch, Keras and JAX". PeerMigrationTests
// (Tests/FocalLossTests) makes each call below, with the same arguments, on the inputs of
// Tests/Fixtures/peers/peer_migration.json and compares it with the peer's own formula: keep the two in step.

import FocalLoss

// A detection-style batch, row-major (N, C): 6 anchors x 4 classes of logits.
let (anchors, classes) = (6, 4)
let logits: [Float] = [
    2.5, -1.0, 0.3, -4.0, -0.7, 1.2, 3.1, -2.2, -0.1, 0.8, -3.3, 0.4,
    1.7, -2.6, 0.9, -0.5, -1.8, 0.2, 2.2, -3.0, 0.6, -0.9, -2.4, 1.4,
]
let targets: [Float] = [1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]

// snippet.fvcoreFocalStar
// fvcore.nn.sigmoid_focal_loss_star(inputs, targets, reduction="mean"): alpha=-1, gamma=1 and no beta.
let fvcoreStar = try SigmoidFocalLoss<Float>.focalStar(gamma: 1, beta: 0, alpha: .none)
let fvcoreMean = try fvcoreStar.loss(logits, targets: targets)
// sigmoid_focal_loss_star(inputs, targets, alpha=0.25, gamma=2, reduction="sum")
let fvcoreWeighted = try SigmoidFocalLoss<Float>.focalStar(gamma: 2, beta: 0, alpha: 0.25)
let fvcoreSum = try fvcoreWeighted.loss(logits, targets: targets, reduction: .sum)
// snippet.end
print("fvcore FL*: mean \(fvcoreMean), sum \(fvcoreSum)")

// snippet.polyLossFocal
// PolyLoss's poly1_focal_loss(logits, labels, epsilon=1.0, gamma=2.0, alpha=0.25), then its mean.
let polyFocal = try SigmoidFocalLoss<Float>.poly1(gamma: 2, alpha: 0.25, epsilon: 1)
let polyFocalMean = try polyFocal.loss(logits, targets: targets)
// The paper's detection setting, epsilon=-1:
let polyDetection = try SigmoidFocalLoss<Float>.poly1(gamma: 2, alpha: 0.25, epsilon: -1)
let polyDetectionMean = try polyDetection.loss(logits, targets: targets)
// snippet.end
print("PolyLoss Poly-1 focal: \(polyFocalMean), epsilon -1: \(polyDetectionMean)")

// snippet.polyCrossEntropy
// PolyLoss's poly1_cross_entropy(logits, smoothed one-hot labels, epsilon=2) then its mean, and
// timm.loss.PolyCrossEntropy(epsilon=2.0, smoothing=0.1) (reduction="mean"): (N, C) logits and labels.
let classLabels: [Int64] = [0, 2, 1, 3, 2, 3]
let polyCrossEntropy = try SoftmaxFocalLoss<Float>.poly1(epsilon: 2, labelSmoothing: 0.1)
let polyCrossEntropyMean = try polyCrossEntropy.loss(logits, shape: [anchors, classes], labels: classLabels)
// snippet.end
print("Poly-1 cross-entropy:", polyCrossEntropyMean)

// snippet.timmPolyBinary
// timm.loss.PolyBinaryCrossEntropy(epsilon=2.0, gamma=2.0, alpha=0.25, reduction="mean"):
// timm's alpha weights both terms (ours the focal term only), so pass alpha_t as weights, and
// divide by the element count (a weighted .mean divides by the weights' sum).
let timmPoly = try SigmoidFocalLoss<Float>.poly1(gamma: 2, alpha: .none, epsilon: 2)
let alphaT = targets.map { 0.25 * $0 + 0.75 * (1 - $0) }
let timmPolyMean = try timmPoly.loss(
    logits, targets: targets, weights: alphaT, reduction: .normalized(by: Double(logits.count)))
// PolyBinaryCrossEntropy(epsilon=2.0, reduction="batchmean"): gamma 0, no alpha, sum over N.
let timmPolyBCE = try SigmoidFocalLoss<Float>.poly1(gamma: 0, alpha: .none, epsilon: 2)
let timmPolyBatchMean = try timmPolyBCE.loss(
    logits, targets: targets, reduction: .normalized(by: Double(anchors)))
// snippet.end
print("timm Poly-1 BCE: mean \(timmPolyMean), batchmean \(timmPolyBatchMean)")

// snippet.asymmetric
// ASL's AsymmetricLoss(gamma_neg=4, gamma_pos=1, clip=0.05, eps=1e-8,
//                      disable_torch_grad_focal_loss=False): the sum over batch and classes.
let asl = try SigmoidFocalLoss<Float>.asymmetric(gammaPositive: 1, gammaNegative: 4, clip: 0.05)
let aslSum = try asl.loss(logits, targets: targets, reduction: .sum)
// timm.loss.AsymmetricLossMultiLabel(gamma_neg=4, gamma_pos=0, clip=0.05), reduction="batchmean":
let aslPaper = try SigmoidFocalLoss<Float>.asymmetric()  // gammaPositive 0, gammaNegative 4, clip 0.05
let aslBatchMean = try aslPaper.loss(logits, targets: targets, reduction: .normalized(by: Double(anchors)))
// snippet.end
print("ASL: sum \(aslSum), batchmean \(aslBatchMean)")

// snippet.mmdetQualityFocal
// mmdet's quality_focal_loss(pred, (label, score), weight=label_weights, beta=2.0, avg_factor=num_pos):
// label C is the background; score is the IoU of a positive anchor's box.
let label = [2, 4, 0, 4, 1, 4]
let score: [Float] = [0.8, 0, 0.35, 0, 0.6, 0]
let labelWeights: [Float] = [1, 1, 0.5, 1, 1, 1]
var quality = [Float](repeating: 0, count: anchors * classes)  // the dense soft target
for n in 0..<anchors where label[n] < classes { quality[n * classes + label[n]] = score[n] }
let elementWeights = (0..<anchors * classes).map { labelWeights[$0 / classes] }
let numPositives = Double(label.filter { $0 < classes }.count)
let qfl = try SigmoidFocalLoss<Float>.quality(beta: 2)
let qflLoss = try qfl.loss(
    logits, targets: quality, weights: elementWeights,
    reduction: .normalized(by: numPositives + 0x1p-23))  // mmdet divides by avg_factor + float32 eps
// Without avg_factor, mmdet sums each anchor's classes and averages over the anchors:
let qflAnchorMean = try qfl.loss(logits, targets: quality, reduction: .normalized(by: Double(anchors)))
// quality_focal_loss_tensor_target(pred, quality, beta=2.0) keeps the classes: the mean of N x C.
let qflTensorMean = try qfl.loss(logits, targets: quality)
// snippet.end
print("mmdet QFL: \(qflLoss), anchor mean \(qflAnchorMean), tensor target \(qflTensorMean)")

// snippet.mmdetVarifocal
// mmdet's varifocal_loss(pred, target, alpha=0.75, gamma=2.0, iou_weighted=True, avg_factor=num_pos):
// target is 0 for negatives and the IoU for positives.
let iou: [Float] = [0.9, 0, 0, 0, 0, 0, 0.45, 0, 0, 0.7, 0, 0, 0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.55]
let vfl = try SigmoidFocalLoss<Float>.varifocal(alpha: 0.75, gamma: 2, iouWeighted: true)
let numPositiveElements = Double(iou.filter { $0 > 0 }.count)
let vflLoss = try vfl.loss(logits, targets: iou, reduction: .normalized(by: numPositiveElements + 0x1p-23))
// varifocal_loss(pred, target, weight, iou_weighted=False): mmdet's "mean" divides by the number of
// elements even with a weight; our weighted .mean would divide by the weights' sum.
let boxWeights = [Float](repeating: 2, count: anchors * classes)
let vflPlain = try SigmoidFocalLoss<Float>.varifocal(alpha: 0.75, gamma: 2, iouWeighted: false)
let vflWeightedMean = try vflPlain.loss(
    logits, targets: iou, weights: boxWeights, reduction: .normalized(by: Double(logits.count)))
// snippet.end
print("mmdet VFL: \(vflLoss), weighted mean \(vflWeightedMean)")
