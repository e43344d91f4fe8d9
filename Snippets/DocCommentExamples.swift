// The code examples of the FocalLoss doc comments, compiled here so none rots; a test checks
// that each doc comment's example appears in this file verbatim.

import FocalLoss

func sigmoidExample() throws {
    let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
    let logits: [Float] = [2.5, -1.0, 0.3, -4.0]
    let targets: [Float] = [1, 0, 1, 0]
    let (loss, gradient) = try focal.lossAndGradient(logits, targets: targets)
    print(loss, gradient)
}

func softmaxExample() throws {
    // A batch of 2 segmentation maps of 4 x 4 pixels over 3 classes, channels first.
    let focal = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: [0.25, 1, 1])
    let logits = [Float](repeating: 0, count: 2 * 3 * 4 * 4)
    let mask = [UInt8](repeating: 1, count: 2 * 4 * 4)  // 255 marks unlabelled pixels
    let (loss, gradient) = try focal.lossAndGradient(
        logits, shape: [2, 3, 4, 4], labels: mask, ignoreIndex: 255)
    print(loss, gradient.count)
}

try sigmoidExample()
try softmaxExample()
