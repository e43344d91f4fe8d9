// How focal loss treats easy and hard examples, the multi-class form with class weights, and
// class-balanced weights computed from class counts.

import FocalLoss
import Foundation

// snippet.easyHard
// Cross-entropy is focal loss with gamma 0; the paper's focal loss uses gamma 2.
let crossEntropy = try SigmoidFocalLoss<Double>(gamma: 0, input: .probabilities)
let focal = try SigmoidFocalLoss<Double>(gamma: 2, input: .probabilities)

// Positives (target 1) predicted with probability p, so p_t = p.
let probabilities: [Double] = [0.1, 0.5, 0.9, 0.968]
let positives = [Double](repeating: 1, count: probabilities.count)
let ce = try crossEntropy.elementwiseLosses(probabilities, targets: positives)
let fl = try focal.elementwiseLosses(probabilities, targets: positives)
for (i, p) in probabilities.enumerated() {
    print("p_t = \(p): cross-entropy \(ce[i]), focal \(fl[i]), \(ce[i] / fl[i]) times smaller")
}

// A negative (target 0) predicted with p = 0.1 has p_t = 0.9: just as easy.
let negative = try focal.elementwiseLosses([0.1], targets: [0])
print("negative with p = 0.1: focal \(negative[0])")
// snippet.end

// snippet.multiClass
// Three classes; one position whose true class (2) gets probability softmax(logits)[2].
let logits: [Float] = [2.0, 0.5, 1.0]
let plain = try SoftmaxFocalLoss<Float>(gamma: 2)
let weighted = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: [0.25, 1, 4])
let unweightedLoss = try plain.loss(logits, shape: [1, 3], labels: [2])
let weightedLoss = try weighted.loss(logits, shape: [1, 3], labels: [2])
print("unweighted \(unweightedLoss), with a weight of 4 on class 2: \(weightedLoss)")
// snippet.end

// snippet.classBalanced
// Class counts of a training set: class 0 is common, class 2 rare.
let counts: [Double] = [9000, 900, 100]

// Inverse frequency, scaled so that the weights average 1.
let inverse = counts.map { 1 / $0 }
let inverseMean = inverse.reduce(0, +) / Double(inverse.count)
let inverseWeights = inverse.map { $0 / inverseMean }

// Effective number of samples (Cui et al. 2019): (1 - beta^n) / (1 - beta), here beta = 0.999.
let beta = 0.999
let effective = counts.map { (1 - pow(beta, $0)) / (1 - beta) }
let effectiveInverse = effective.map { 1 / $0 }
let effectiveMean = effectiveInverse.reduce(0, +) / Double(effectiveInverse.count)
let effectiveWeights = effectiveInverse.map { $0 / effectiveMean }
print("inverse frequency \(inverseWeights)")
print("effective number  \(effectiveWeights)")

let balanced = try SoftmaxFocalLoss<Double>(gamma: 2, alpha: .perClass(effectiveWeights))
print(balanced.alpha)
// snippet.end
