import FocalLoss
import Testing

/// Every bad input is a thrown, typed error that names the argument, the value and where it is.
@Suite("Sigmoid focal loss: bad input")
struct SigmoidErrorTests {
    let focal = try! SigmoidFocalLoss<Double>(gamma: 2, alpha: 0.25)

    @Test("Bad gamma and alpha are rejected when the loss is made")
    func parameters() {
        #expect(throws: FocalLossError.invalidParameter(name: "gamma", value: -1, requirement: "must be finite and >= 0")) {
            try SigmoidFocalLoss<Double>(gamma: -1)
        }
        #expect(throws: FocalLossError.self) { try SigmoidFocalLoss<Float>(gamma: .nan) }
        #expect(throws: FocalLossError.self) { try SigmoidFocalLoss<Float>(gamma: .infinity) }
        #expect(throws: FocalLossError.invalidParameter(name: "alpha", value: 1.5, requirement: "must be in [0, 1]")) {
            try SigmoidFocalLoss<Double>(alpha: 1.5)
        }
        #expect(throws: FocalLossError.self) { try SigmoidFocalLoss<Double>(alpha: .constant(.nan)) }
        #expect(throws: FocalLossError.invalidParameter(name: "alpha[1]", value: -0.5, requirement: "must be in [0, 1]")) {
            try SigmoidFocalLoss<Double>(alpha: .perClass([0.2, -0.5], classAxis: 1))
        }
        #expect(throws: FocalLossError.emptyInput(argument: "alpha")) {
            try SigmoidFocalLoss<Double>(alpha: .perClass([], classAxis: 1))
        }
    }

    @Test("Counts and shapes must agree")
    func countsAndShapes() {
        #expect(throws: FocalLossError.emptyInput(argument: "predictions")) {
            try focal.loss([], targets: [])
        }
        #expect(throws: FocalLossError.countMismatch(argument: "targets", count: 2, expected: 3)) {
            try focal.loss([1, 2, 3], targets: [0, 1])
        }
        #expect(throws: FocalLossError.countMismatch(argument: "weights", count: 1, expected: 3)) {
            try focal.loss([1, 2, 3], targets: [0, 1, 0], weights: [1])
        }
        #expect(throws: FocalLossError.countMismatch(argument: "predictions", count: 3, expected: 4)) {
            try focal.loss([1, 2, 3], targets: [0, 1, 0], shape: [2, 2])
        }
        #expect(throws: FocalLossError.invalidShape(argument: "shape", shape: [-1, -3], reason: "has a negative extent")) {
            try focal.loss([1, 2, 3], targets: [0, 1, 0], shape: [-1, -3])
        }
        let perClass = try! SigmoidFocalLoss<Double>(alpha: .perClass([0.25, 0.5], classAxis: 1))
        #expect(throws: FocalLossError.countMismatch(argument: "alpha", count: 2, expected: 3)) {
            try perClass.loss([1, 2, 3, 4, 5, 6], targets: [0, 1, 0, 0, 1, 0], shape: [2, 3])
        }
        #expect(throws: FocalLossError.invalidShape(argument: "shape", shape: [2, 3], reason: "has no axis 2 (rank 2)")) {
            try SigmoidFocalLoss<Double>(alpha: .perClass([0.25], classAxis: 2)).loss([1, 2, 3, 4, 5, 6], targets: [0, 1, 0, 0, 1, 0], shape: [2, 3])
        }
        var gradient = [Double](repeating: 0, count: 2)
        #expect(throws: FocalLossError.countMismatch(argument: "gradient", count: 2, expected: 3)) {
            try [1.0, 2, 3].withUnsafeBufferPointer { x in
                try [0.0, 1, 0].withUnsafeBufferPointer { t in
                    try gradient.withUnsafeMutableBufferPointer { g in try focal.lossAndGradient(x, targets: t, gradient: g) }
                }
            }
        }
    }

    @Test("Bad elements are named with their value and position")
    func elements() throws {
        let shape = [2, 3]
        let x: [Double] = [0, 1, 2, 3, 4, 5]
        let t: [Double] = [0, 1, 0, 1, 0, 1]
        func error(_ body: () throws -> Void) -> FocalLossError? {
            do { try body(); return nil } catch { return error as? FocalLossError }
        }
        var bad = x; bad[4] = .nan
        let nanLogit = error { _ = try focal.loss(bad, targets: t, shape: shape) }
        #expect(nanLogit?.description == "logits: value nan at index 4 (position [1, 1]) is not finite")
        bad = x; bad[5] = -.infinity
        #expect(error { _ = try focal.loss(bad, targets: t) }?.description == "logits: value -inf at index 5 is not finite")
        var badTargets = t; badTargets[3] = 1.5
        #expect(error { _ = try focal.loss(x, targets: badTargets, shape: shape) }?.description
                == "targets: value 1.5 at index 3 (position [1, 0]) is outside [0, 1]")
        badTargets = t; badTargets[0] = .nan
        guard case .invalidElement("targets", let value, let location, _)? = error({ _ = try focal.loss(x, targets: badTargets) }) else {
            Issue.record("a NaN target is an invalid element of targets")
            return
        }
        #expect(value.isNaN && location == ElementLocation(offset: 0, coordinates: [0]))
        #expect(error { _ = try focal.loss(x, targets: badTargets) }?.description == "targets: value nan at index 0 is outside [0, 1]")
        let weights: [Double] = [1, 1, -2, 1, 1, 1]
        #expect(error { _ = try focal.loss(x, targets: t, shape: shape, weights: weights) }?.description
                == "weights: value -2.0 at index 2 (position [0, 2]) must be finite and >= 0")
        #expect(error { _ = try focal.loss(x, targets: t, weights: [1, 1, 1, .infinity, 1, 1]) }?.description
                == "weights: value inf at index 3 must be finite and >= 0")
        let probabilities = try SigmoidFocalLoss<Float>(input: .probabilities)
        #expect(error { _ = try probabilities.loss([0.5, 1.25], targets: [0, 1]) }?.description
                == "probabilities: value 1.25 at index 1 is outside [0, 1]")
        #expect(error { _ = try focal.loss(x, targets: t, reduction: .normalized(by: 0)) }?.description
                == "normalizer: value 0.0 must be finite and > 0")
        #expect(error { _ = try focal.loss(x, targets: t, reduction: .normalized(by: -.infinity)) } != nil)
    }
}
