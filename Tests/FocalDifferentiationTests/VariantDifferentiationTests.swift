#if canImport(_Differentiation)
import _Differentiation
import FocalDifferentiation
import FocalLoss
import FocalTestSupport
import Testing

/// The loss variants under autodiff: a variant is a value of the same loss types, so its fused
/// gradient is the pullback; checked against the variants' reference file.
@Suite("Loss variants under autodiff")
struct VariantDifferentiationTests {
    /// The reference cases reduced to one number (autodiff differentiates a scalar).
    static func cases() throws -> [VariantReferenceCase] {
        try VariantReferenceCase.all().filter { $0.reduction != "none" }
    }

    @Test("value and gradient of every reduced reference case, and bit for bit the kernel's", arguments: try cases())
    func reference(_ c: VariantReferenceCase) throws {
        let x = c.x, w = c.weights
        let reduction: FocalReduction = c.reduction == "mean" ? .mean : c.normalizer.map { .normalized(by: $0) } ?? .sum
        let number = { (key: String) throws -> Double in try c.number(key) }
        let (value, gradient): (Double, [Double])
        let kernel: (loss: Double, gradient: [Double])
        if c.kind == "sigmoid" {
            let t = c.targets ?? []
            let alpha: SigmoidFocalLoss<Double>.Alpha = if case .number(let a) = c.alpha { .constant(a) } else { .none }
            let loss: SigmoidFocalLoss<Double> = switch c.variant {
            case "focal": try SigmoidFocalLoss(gamma: number("gamma"), alpha: alpha)
            case "focal-star": try .focalStar(gamma: number("gamma"), beta: number("beta"), alpha: alpha)
            case "poly1": try .poly1(gamma: number("gamma"), alpha: alpha, epsilon: number("epsilon"))
            case "asl": try .asymmetric(gammaPositive: number("gammaPositive"), gammaNegative: number("gammaNegative"), clip: number("clip"))
            case "qfl": try .quality(beta: number("beta"))
            default: try .varifocal(alpha: alpha, gamma: number("gamma"), iouWeighted: c.flag("iouWeighted"))
            }
            let result = valueWithGradient(at: x) { x in loss(x, targets: t, shape: c.shape, weights: w, reduction: reduction) }
            (value, gradient) = (result.value, result.gradient.base)
            kernel = try loss.lossAndGradient(x, targets: t, shape: c.shape, weights: w, reduction: reduction)
        } else {
            let alpha: SoftmaxFocalLoss<Double>.Alpha = switch c.alpha {
            case .number(let a): .constant(a)
            case .numbers(let values): .perClass(values)
            default: .none
            }
            let smoothing = c.labelSmoothing ?? 0
            let loss: SoftmaxFocalLoss<Double> = c.variant == "poly1"
                ? try .poly1(gamma: number("gamma"), alpha: alpha, epsilon: number("epsilon"), labelSmoothing: smoothing)
                : try SoftmaxFocalLoss(gamma: number("gamma"), alpha: alpha, labelSmoothing: smoothing)
            let axis = c.classAxis ?? 1
            if let labels = c.labels {
                let result = valueWithGradient(at: x) { x in
                    loss(x, shape: c.shape, classAxis: axis, labels: labels, ignoreIndex: c.ignoreIndex, weights: w, reduction: reduction)
                }
                (value, gradient) = (result.value, result.gradient.base)
                kernel = try loss.lossAndGradient(x, shape: c.shape, classAxis: axis, labels: labels, ignoreIndex: c.ignoreIndex,
                                                  weights: w, reduction: reduction)
            } else {
                let t = c.targets ?? []
                let result = valueWithGradient(at: x) { x in
                    loss(x, shape: c.shape, classAxis: axis, targets: t, weights: w, reduction: reduction)
                }
                (value, gradient) = (result.value, result.gradient.base)
                kernel = try loss.lossAndGradient(x, shape: c.shape, classAxis: axis, targets: t, weights: w, reduction: reduction)
            }
        }
        #expect(value == kernel.loss && gradient == kernel.gradient, "\(c.name): the pullback is the fused gradient")
        let expected = c.loss.array[0]
        #expect(abs(value - expected) <= 1e-12 * abs(expected) * 2, "\(c.name): loss \(value), reference \(expected)")
        let scale = c.gradient.map(abs).max() ?? 0
        for (index, (got, reference)) in zip(gradient, c.gradient).enumerated() {
            #expect(abs(got - reference) <= 1e-12 * (abs(reference) + scale), "\(c.name) gradient[\(index)]: \(got), reference \(reference)")
        }
    }
}
#endif
