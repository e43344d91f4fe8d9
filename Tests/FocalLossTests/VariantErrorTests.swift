import FocalLoss
import Testing

/// The variants' parameters and inputs checked with the same typed errors as the focal loss.
@Suite("Loss variants: errors")
struct VariantErrorTests {
    @Test("Each bad parameter is named with its value and requirement")
    func parameters() {
        let cases: [(String, () throws -> Void)] = [
            ("gamma: value 0.0 must be finite and > 0 for focal-star", { _ = try SigmoidFocalLoss<Float>.focalStar(gamma: 0) }),
            ("gamma: value -1.0 must be finite and > 0 for focal-star", { _ = try SigmoidFocalLoss<Double>.focalStar(gamma: -1) }),
            ("beta: value inf must be finite", { _ = try SigmoidFocalLoss<Double>.focalStar(beta: .infinity) }),
            ("alpha: value 1.5 must be in [0, 1]", { _ = try SigmoidFocalLoss<Double>.focalStar(alpha: 1.5) }),
            ("epsilon: value -1.5 must be finite and >= -1", { _ = try SigmoidFocalLoss<Float>.poly1(epsilon: -1.5) }),
            ("epsilon: value nan must be finite and >= -1", { _ = try SigmoidFocalLoss<Double>.poly1(epsilon: .nan) }),
            ("gamma: value -0.5 must be finite and >= 0", { _ = try SigmoidFocalLoss<Double>.poly1(gamma: -0.5) }),
            ("clip: value 1.0 must be in [0, 1)", { _ = try SigmoidFocalLoss<Float>.asymmetric(clip: 1) }),
            ("clip: value -0.25 must be in [0, 1)", { _ = try SigmoidFocalLoss<Double>.asymmetric(clip: -0.25) }),
            ("gammaPositive: value -1.0 must be finite and >= 0", { _ = try SigmoidFocalLoss<Double>.asymmetric(gammaPositive: -1) }),
            ("gammaNegative: value nan must be finite and >= 0", { _ = try SigmoidFocalLoss<Double>.asymmetric(gammaNegative: .nan) }),
            ("beta: value -2.0 must be finite and >= 0", { _ = try SigmoidFocalLoss<Float>.quality(beta: -2) }),
            ("alpha: value -0.25 must be in [0, 1]", { _ = try SigmoidFocalLoss<Double>.varifocal(alpha: -0.25) }),
            ("gamma: value inf must be finite and >= 0", { _ = try SigmoidFocalLoss<Double>.varifocal(gamma: .infinity) }),
            ("epsilon: value -2.0 must be finite and >= -1", { _ = try SoftmaxFocalLoss<Float>.poly1(epsilon: -2) }),
            ("labelSmoothing: value 1.0 must be in [0, 1)", { _ = try SoftmaxFocalLoss<Double>.poly1(labelSmoothing: 1) }),
        ]
        for (expected, body) in cases {
            #expect(errorMessage(body) == expected)
        }
    }

    @Test("Focal-star takes hard targets only; every variant checks logits and targets")
    func elements() throws {
        let star = try SigmoidFocalLoss<Float>.focalStar()
        #expect(errorMessage { _ = try star.loss([1, 2, 3], targets: [1, 0.5, 0]) }
            == "targets: value 0.5 at index 1 is not 0 or 1 (focal-star takes hard targets)")
        for (name, loss) in try VariantConfigurations.sigmoid(Float.self) {
            #expect(errorMessage { _ = try loss.loss([1, .nan], targets: [1, 0]) } == "logits: value nan at index 1 is not finite", "\(name)")
            #expect(errorMessage { _ = try loss.loss([1, 2], targets: [1, 1.5]) } == "targets: value 1.5 at index 1 is outside [0, 1]", "\(name)")
            #expect(errorMessage { _ = try loss.loss([1, 2], targets: [1, 0], weights: [1, -1]) }
                == "weights: value -1.0 at index 1 must be finite and >= 0", "\(name)")
        }
        let poly = try SoftmaxFocalLoss<Float>.poly1()
        #expect(errorMessage { _ = try poly.loss([1, 2, .infinity, 0], shape: [2, 2], labels: [0, 1]) }
            == "logits: value inf at index 2 (position [1, 0]) is not finite")
        #expect(errorMessage { _ = try poly.loss([1, 2, 3, 0], shape: [2, 2], labels: [0, 2]) }
            == "labels: value 2 at index 1 is not a class in 0..<2 nor the ignore index")
    }
}
