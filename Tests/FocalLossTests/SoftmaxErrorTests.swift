import FocalLoss
import Testing

/// Every bad input to the softmax loss is a typed error naming argument, value and position.
@Suite("Softmax focal loss: bad input")
struct SoftmaxErrorTests {
    let focal = try! SoftmaxFocalLoss<Double>(gamma: 2)
    let x: [Double] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]  // shape [2, 3, 2]

    @Test("Bad parameters are rejected when the loss is made")
    func parameters() {
        #expect(errorMessage { _ = try SoftmaxFocalLoss<Double>(gamma: -0.5) } == "gamma: value -0.5 must be finite and >= 0")
        #expect(errorMessage { _ = try SoftmaxFocalLoss<Float>(gamma: .nan) } == "gamma: value nan must be finite and >= 0")
        #expect(errorMessage { _ = try SoftmaxFocalLoss<Double>(alpha: -1.0) } == "alpha: value -1.0 must be finite and >= 0")
        #expect(errorMessage { _ = try SoftmaxFocalLoss<Double>(alpha: [1, .nan]) } == "alpha[1]: value nan must be finite and >= 0")
        #expect(errorMessage { _ = try SoftmaxFocalLoss<Double>(labelSmoothing: 1) } == "labelSmoothing: value 1.0 must be in [0, 1)")
        #expect(errorMessage { _ = try SoftmaxFocalLoss<Double>(labelSmoothing: -0.1) } == "labelSmoothing: value -0.1 must be in [0, 1)")
    }

    @Test("Labels out of range are named with their position")
    func labels() {
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], labels: [0, 1, 2, 3]) }
                == "labels: value 3 at index 3 (position [1, 1]) is not a class in 0..<3 nor the ignore index")
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], labels: [0, -100, 2, -1], ignoreIndex: -100) }
                == "labels: value -1 at index 3 (position [1, 1]) is not a class in 0..<3 nor the ignore index")
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], labels: [0, 1, 2]) }
                == "labels: has shape [3], expected [2, 2]")
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], labels: [UInt8](arrayLiteral: 0, 1, 2, 255), ignoreIndex: 255) } == nil)
    }

    @Test("Shapes, counts and class weights must agree")
    func shapes() {
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 3], labels: [0, 1, 2, 0, 1, 2]) }
                == "predictions: has 12 elements, expected 18")
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], classAxis: 3, labels: [0, 1, 2, 0]) }
                == "shape: shape [2, 3, 2] has no axis 3 (rank 3)")
        #expect(errorMessage { _ = try focal.loss([], shape: [0, 3], labels: [Int]()) } == "predictions: is empty; at least one element is needed")
        let weighted = try! SoftmaxFocalLoss<Double>(alpha: [1, 2])
        #expect(errorMessage { _ = try weighted.loss(x, shape: [2, 3, 2], labels: [0, 1, 2, 0]) } == "alpha: has 2 elements, expected 3")
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], labels: [0, 1, 2, 0], weights: [1, 1]) }
                == "weights: has shape [2], expected [2, 2]")
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], targets: [0, 1]) } == "targets: has 2 elements, expected 12")
    }

    @Test("Bad values in logits, probabilities, targets and weights")
    func values() {
        var bad = x
        bad[7] = .infinity
        #expect(errorMessage { _ = try focal.loss(bad, shape: [2, 3, 2], labels: [0, 1, 2, 0]) }
                == "logits: value inf at index 7 (position [1, 0, 1]) is not finite")
        let probabilities = try! SoftmaxFocalLoss<Double>(input: .probabilities)
        #expect(errorMessage { _ = try probabilities.loss([0.5, 0.5, -0.1, 1.1], shape: [2, 2], labels: [0, 1]) }
                == "probabilities: value -0.1 at index 2 (position [1, 0]) is outside [0, 1]")
        var targets = [Double](repeating: 0.5, count: 12)
        targets[5] = -0.25
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], targets: targets) }
                == "targets: value -0.25 at index 5 (position [0, 2, 1]) must be finite and >= 0")
        targets[5] = .nan
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], targets: targets) }
                == "targets: value nan at index 5 (position [0, 2, 1]) must be finite and >= 0")
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], labels: [0, 1, 2, 0], weights: [1, 1, .nan, 1]) }
                == "weights: value nan at index 2 (position [1, 0]) must be finite and >= 0")
        #expect(errorMessage { _ = try focal.loss(x, shape: [2, 3, 2], labels: [0, 1, 2, 0], reduction: .normalized(by: .nan)) }
                == "normalizer: value nan must be finite and > 0")
    }
}
