import Testing
import FocalLoss
import FocalTestSupport

/// The library's losses for the cases of the variants' reference file.
enum VariantLosses {
    /// The sigmoid loss of a case's variant and parameters, in `Scalar`.
    static func sigmoid<Scalar: FocalScalar>(_ c: VariantReferenceCase, as _: Scalar.Type) throws -> SigmoidFocalLoss<Scalar> {
        let alpha: SigmoidFocalLoss<Scalar>.Alpha = switch c.alpha {
        case .number(let value): .constant(Scalar(value))
        default: .none
        }
        switch c.variant {
        case "focal": return try SigmoidFocalLoss(gamma: Scalar(c.number("gamma")), alpha: alpha)
        case "focal-star":
            return try .focalStar(gamma: Scalar(c.number("gamma")), beta: Scalar(c.number("beta")), alpha: alpha)
        case "poly1":
            return try .poly1(gamma: Scalar(c.number("gamma")), alpha: alpha, epsilon: Scalar(c.number("epsilon")))
        case "asl":
            return try .asymmetric(
                gammaPositive: Scalar(c.number("gammaPositive")), gammaNegative: Scalar(c.number("gammaNegative")),
                clip: Scalar(c.number("clip")))
        case "qfl": return try .quality(beta: Scalar(c.number("beta")))
        case "vfl":
            return try .varifocal(alpha: alpha, gamma: Scalar(c.number("gamma")), iouWeighted: c.flag("iouWeighted"))
        default: throw UnknownVariant(name: c.variant)
        }
    }

    /// The softmax loss of a case's variant and parameters, in `Scalar`.
    static func softmax<Scalar: FocalScalar>(_ c: VariantReferenceCase, as _: Scalar.Type) throws -> SoftmaxFocalLoss<Scalar> {
        let alpha: SoftmaxFocalLoss<Scalar>.Alpha = switch c.alpha {
        case .number(let value): .constant(Scalar(value))
        case .numbers(let values): .perClass(values.map { Scalar($0) })
        default: .none
        }
        let smoothing = Scalar(c.labelSmoothing ?? 0)
        switch c.variant {
        case "focal": return try SoftmaxFocalLoss(gamma: Scalar(c.number("gamma")), alpha: alpha, labelSmoothing: smoothing)
        case "poly1":
            return try .poly1(
                gamma: Scalar(c.number("gamma")), alpha: alpha, epsilon: Scalar(c.number("epsilon")), labelSmoothing: smoothing)
        default: throw UnknownVariant(name: c.variant)
        }
    }

    /// The case's reduction, or `nil` for `none`.
    static func reduction(_ c: VariantReferenceCase) -> FocalReduction? {
        switch c.reduction {
        case "none": nil
        case "mean": .mean
        default: c.normalizer.map { .normalized(by: $0) } ?? .sum
        }
    }

    /// Runs a case through the library in `Scalar`: the loss (one value, or one per element or
    /// position) and the gradient, as `Double`. The loss alone is checked to equal the fused one.
    static func run<Scalar: FocalScalar>(_ c: VariantReferenceCase, as type: Scalar.Type) throws -> (loss: [Double], gradient: [Double]) {
        let x = c.x.map { Scalar($0) }
        let w = c.weights?.map { Scalar($0) }
        let reduction = reduction(c)
        if c.kind == "sigmoid" {
            let loss = try sigmoid(c, as: type)
            let t = (c.targets ?? []).map { Scalar($0) }
            guard let reduction else {
                let (losses, gradient) = try loss.elementwiseLossesAndGradient(x, targets: t, shape: c.shape, weights: w)
                return (losses.map(Double.init), gradient.map(Double.init))
            }
            let (value, gradient) = try loss.lossAndGradient(x, targets: t, shape: c.shape, weights: w, reduction: reduction)
            #expect(try loss.loss(x, targets: t, shape: c.shape, weights: w, reduction: reduction) == value)
            return ([Double(value)], gradient.map(Double.init))
        }
        let loss = try softmax(c, as: type)
        let axis = c.classAxis ?? 1
        if let labels = c.labels {
            guard let reduction else {
                let (losses, gradient) = try loss.elementwiseLossesAndGradient(
                    x, shape: c.shape, classAxis: axis, labels: labels, ignoreIndex: c.ignoreIndex, weights: w)
                return (losses.map(Double.init), gradient.map(Double.init))
            }
            let (value, gradient) = try loss.lossAndGradient(
                x, shape: c.shape, classAxis: axis, labels: labels, ignoreIndex: c.ignoreIndex, weights: w, reduction: reduction)
            #expect(try loss.loss(x, shape: c.shape, classAxis: axis, labels: labels, ignoreIndex: c.ignoreIndex,
                                  weights: w, reduction: reduction) == value)
            return ([Double(value)], gradient.map(Double.init))
        }
        let t = (c.targets ?? []).map { Scalar($0) }
        guard let reduction else {
            let (losses, gradient) = try loss.elementwiseLossesAndGradient(x, shape: c.shape, classAxis: axis, targets: t, weights: w)
            return (losses.map(Double.init), gradient.map(Double.init))
        }
        let (value, gradient) = try loss.lossAndGradient(x, shape: c.shape, classAxis: axis, targets: t, weights: w, reduction: reduction)
        #expect(try loss.loss(x, shape: c.shape, classAxis: axis, targets: t, weights: w, reduction: reduction) == value)
        return ([Double(value)], gradient.map(Double.init))
    }
}

extension VariantReferenceCase {
    /// Records an issue for every loss and gradient entry outside the reference README's
    /// tolerance: `rtol·|ref| + atol`, with `atol = rtol · max|values|` of the array for the
    /// entries whose values are differences of terms of opposite sign.
    func expectMatch(loss: [Double], gradient: [Double], precision: String, rtol: Double, atol: Double,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        let expectedLoss = self.loss.array
        #expect(loss.count == expectedLoss.count && gradient.count == self.gradient.count,
                "\(precision): sizes", sourceLocation: sourceLocation)
        let lossScale = expectedLoss.map(abs).max() ?? 0
        let gradientScale = self.gradient.map(abs).max() ?? 0
        // A reduced loss sums every element, so one soft target makes the sum a difference too.
        let reducedSoft = expectedLoss.count == 1 && (targets ?? []).indices.contains { isSoftTarget(at: $0) }
        for (index, (got, expected)) in zip(loss, expectedLoss).enumerated() {
            let loose = crossesZero || reducedSoft || (expectedLoss.count > 1 && isSoftTarget(at: index))
            expectClose(got, expected, rtol: rtol, atol: loose ? max(atol, rtol * lossScale) : atol,
                        "\(name) \(precision) loss[\(index)]", sourceLocation: sourceLocation)
        }
        for (index, (got, expected)) in zip(gradient, self.gradient).enumerated() {
            let loose = crossesZero || isSoftTarget(at: index)
            expectClose(got, expected, rtol: rtol, atol: loose ? max(atol, rtol * gradientScale) : atol,
                        "\(name) \(precision) gradient[\(index)]", sourceLocation: sourceLocation)
        }
    }
}

/// A reference case naming a variant the tests do not know.
struct UnknownVariant: Error, CustomStringConvertible {
    var name: String
    var description: String { "the reference file names an unknown variant '\(name)'" }
}
