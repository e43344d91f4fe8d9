import FocalTestSupport
import FocalLoss
import Testing

/// The worst relative errors over every case of the shared reference file, printed so the
/// figures quoted in notes are reproducible (`swift test --filter ReferenceErrorSummaryTests`).
@Suite("Reference file: worst relative errors")
struct ReferenceErrorSummaryTests {
    /// Worst relative error of losses and of gradient entries above `atol` (the README's
    /// absolute tolerance: 1e-300 for Double, 1e-30 for Float, whose range ends near 1e-45);
    /// entries of cases whose gradients cross zero count only above 1e-3 of the case's largest.
    static func worst(_ results: [(ReferenceCase, loss: [Double], gradient: [Double])], atol: Double) -> (loss: Double, gradient: Double) {
        var loss = 0.0, gradient = 0.0
        for (c, got, gotGradient) in results {
            loss = max(loss, worstRelativeError(got, c.loss.array, floor: atol))
            let floor = c.gradientCrossesZero ? 1e-3 * c.gradient.map(abs).max()! : atol
            gradient = max(gradient, worstRelativeError(gotGradient, c.gradient, floor: floor))
        }
        return (loss, gradient)
    }

    @Test("Sigmoid and softmax, Float and Double")
    func summary() throws {
        for (kind, rtol, precision) in [("sigmoid", 1e-12, "Double"), ("softmax", 1e-12, "Double"),
                                        ("sigmoid", 2e-5, "Float"), ("softmax", 2e-5, "Float")] {
            var results = [(ReferenceCase, loss: [Double], gradient: [Double])]()
            for c in try ReferenceCase.cases(kind: kind) {
                let (loss, gradient) = switch (kind, precision) {
                case ("sigmoid", "Double"): try SigmoidReferenceTests.run(c, as: Double.self)
                case ("sigmoid", _): try SigmoidReferenceTests.run(c, as: Float.self)
                case (_, "Double"): try SoftmaxReferenceTests.run(c, as: Double.self)
                default: try SoftmaxReferenceTests.run(c, as: Float.self)
                }
                results.append((c, loss, gradient))
            }
            let (loss, gradient) = Self.worst(results, atol: precision == "Double" ? 1e-300 : 1e-30)
            print("worst relative error, \(kind) \(precision): loss \(loss), gradient \(gradient)")
            #expect(loss <= rtol && gradient <= rtol, "\(kind) \(precision)")
        }
    }
}
