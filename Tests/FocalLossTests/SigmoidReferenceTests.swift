import FocalTestSupport
import FocalLoss
import Testing

/// The sigmoid cases of the reference file (60-digit definition, numerically
/// differentiated), at the tolerances its README states.
@Suite("Sigmoid focal loss: reference cases")
struct SigmoidReferenceTests {
    /// The sigmoid cases of the reference file (throws, naming the file, when it cannot be read).
    static func cases() throws -> [ReferenceCase] { try ReferenceCase.cases(kind: "sigmoid") }

    /// Runs a case through the library in `Scalar`; returns losses and gradient as `Double`.
    static func run<Scalar: FocalScalar>(_ c: ReferenceCase, as _: Scalar.Type) throws -> (loss: [Double], gradient: [Double]) {
        let alpha: SigmoidFocalLoss<Scalar>.Alpha
        switch c.alpha {
        case .none: alpha = .none
        case .constant(let value): alpha = .constant(Scalar(value))
        case .perClass(let values): alpha = .perClass(values.map { Scalar($0) }, classAxis: c.classAxis ?? 1)
        }
        let focal = try SigmoidFocalLoss<Scalar>(
            gamma: Scalar(c.gamma), alpha: alpha, input: PredictionKind(rawValue: c.input)!)
        let x = c.x.map { Scalar($0) }
        let t = c.targets!.map { Scalar($0) }
        let w = c.weights?.map { Scalar($0) }
        let reduction: FocalReduction
        switch c.reduction {
        case "none":
            let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, targets: t, shape: c.shape, weights: w)
            return (losses.map(Double.init), gradient.map(Double.init))
        case "sum": reduction = .sum
        case "mean": reduction = .mean
        default: reduction = .normalized(by: c.normalizer!)
        }
        let (loss, gradient) = try focal.lossAndGradient(x, targets: t, shape: c.shape, weights: w, reduction: reduction)
        let lossOnly = try focal.loss(x, targets: t, shape: c.shape, weights: w, reduction: reduction)
        #expect(lossOnly == loss, "the loss alone equals the loss of the fused pass")
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

    @Test("The file has the sigmoid cases the README promises")
    func coverage() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 8)
        #expect(cases.contains { $0.input == "probabilities" })
        #expect(cases.contains { $0.reduction == "none" })
    }
}
