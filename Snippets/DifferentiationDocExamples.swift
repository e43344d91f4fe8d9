// The code examples of the FocalDifferentiation documentation, compiled here so none rots; a
// test checks that each example appears in this file verbatim.

#if canImport(_Differentiation)
import _Differentiation
import FocalDifferentiation
import FocalLoss

func sigmoidExample(logits: [Float], targets: [Float]) throws {
    let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
    let (loss, gradient) = valueWithGradient(at: logits) { logits in
        focal(logits, targets: targets)
    }
    print(loss, gradient)
}

func softmaxExample(scores: [Float], batch: Int, classes: Int, labels: [Int32]) throws {
    let softmaxFocal = try SoftmaxFocalLoss<Float>(gamma: 2)
    let scoreGradient = gradient(at: scores) { scores in
        softmaxFocal(scores, shape: [batch, classes], labels: labels)
    }
    print(scoreGradient)
}

try sigmoidExample(logits: [2.5, -1.0, 0.3, -4.0], targets: [1, 0, 1, 0])
try softmaxExample(scores: [2, 0.5, 1, -1, 0, 3], batch: 2, classes: 3, labels: [0, 2])
#endif
