import FocalTestSupport
import FocalLoss
import Testing

/// The softmax cases of the reference file at the tolerances its README states.
@Suite("Softmax focal loss: reference cases")
struct SoftmaxReferenceTests {
    /// The softmax cases of the reference file (throws, naming the file, when it cannot be read).
    static func cases() throws -> [ReferenceCase] { try ReferenceCase.cases(kind: "softmax") }

    static func run<Scalar: FocalScalar>(_ c: ReferenceCase, as _: Scalar.Type) throws -> (loss: [Double], gradient: [Double]) {
        let alpha: SoftmaxFocalLoss<Scalar>.Alpha
        switch c.alpha {
        case .none: alpha = .none
        case .constant(let value): alpha = .constant(Scalar(value))
        case .perClass(let values): alpha = .perClass(values.map { Scalar($0) })
        }
        let focal = try SoftmaxFocalLoss<Scalar>(
            gamma: Scalar(c.gamma), alpha: alpha, labelSmoothing: Scalar(c.labelSmoothing ?? 0),
            input: PredictionKind(rawValue: c.input)!)
        let x = c.x.map { Scalar($0) }
        let w = c.weights?.map { Scalar($0) }
        let axis = c.classAxis ?? 1
        let reduction: FocalReduction? = switch c.reduction {
        case "none": nil
        case "sum": .sum
        case "mean": .mean
        default: .normalized(by: c.normalizer!)
        }
        if let labels = c.labels {
            guard let reduction else {
                let (losses, gradient) = try focal.elementwiseLossesAndGradient(
                    x, shape: c.shape, classAxis: axis, labels: labels, ignoreIndex: c.ignoreIndex, weights: w)
                return (losses.map(Double.init), gradient.map(Double.init))
            }
            let (loss, gradient) = try focal.lossAndGradient(
                x, shape: c.shape, classAxis: axis, labels: labels, ignoreIndex: c.ignoreIndex, weights: w, reduction: reduction)
            let lossOnly = try focal.loss(x, shape: c.shape, classAxis: axis, labels: labels, ignoreIndex: c.ignoreIndex, weights: w, reduction: reduction)
            #expect(lossOnly == loss)
            return ([Double(loss)], gradient.map(Double.init))
        }
        let t = c.targets!.map { Scalar($0) }
        guard let reduction else {
            let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, shape: c.shape, classAxis: axis, targets: t, weights: w)
            return (losses.map(Double.init), gradient.map(Double.init))
        }
        let (loss, gradient) = try focal.lossAndGradient(x, shape: c.shape, classAxis: axis, targets: t, weights: w, reduction: reduction)
        let lossOnly = try focal.loss(x, shape: c.shape, classAxis: axis, targets: t, weights: w, reduction: reduction)
        #expect(lossOnly == loss)
        return ([Double(loss)], gradient.map(Double.init))
    }

    static func check<Scalar: FocalScalar>(_ c: ReferenceCase, as type: Scalar.Type, rtol: Double, atol: Double) throws {
        let (loss, gradient) = try run(c, as: type)
        c.expectMatch(loss: loss, gradient: gradient, precision: "\(Scalar.self)", rtol: rtol, atol: atol)
    }

    @Test("Double within rtol 1e-12", arguments: try cases())
    func double(_ c: ReferenceCase) throws {
        try Self.check(c, as: Double.self, rtol: 1e-12, atol: 1e-300)
    }

    @Test("Float within rtol 2e-5", arguments: try cases())
    func float(_ c: ReferenceCase) throws {
        try Self.check(c, as: Float.self, rtol: 2e-5, atol: 1e-30)
    }

    @Test("The file has the softmax cases the README promises")
    func coverage() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 10)
        #expect(cases.contains { $0.ignoreIndex != nil } && cases.contains { $0.targets != nil })
    }
}
