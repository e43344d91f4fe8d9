#if canImport(_Differentiation)
import _Differentiation
import FocalDifferentiation
import FocalLoss
import FocalTestSupport
import Testing

/// Float16 predictions inside differentiable code: the gradient is the fused kernel's, rounded
/// once to Float16, with the seed as the loss scale.
@Suite("Float16 predictions in differentiable code")
struct HalfPrecisionDifferentiationTests {
    static func problem(count: Int) -> (x: [Float16], t: [Float16]) {
        var rng = SplitMix64(seed: 11)
        let x = (0..<count).map { _ in Float16(Double.random(in: -6...6, using: &rng)) }
        let t = (0..<count).map { _ in Float16(Double.random(in: 0...1, using: &rng) < 0.3 ? 1 : 0) }
        return (x, t)
    }

    @Test("Sigmoid: value and gradient are the Float16 entry point's; a seed of 1024 is its gradientScale")
    func sigmoid() throws {
        let (x, t) = Self.problem(count: 300)
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
        let (value, autodiff) = valueWithGradient(at: x) { x in focal(x, targets: t) }
        let (loss, expected) = try focal.lossAndGradient(x, targets: t)
        #expect(value == loss)
        #expect(autodiff.base.map(\.bitPattern) == expected.map(\.bitPattern))
        let scaled = gradient(at: x) { x in 1024 * focal(x, targets: t) }
        let (_, expectedScaled) = try focal.lossAndGradient(x, targets: t, gradientScale: 1024)
        #expect(scaled.base.map(\.bitPattern) == expectedScaled.map(\.bitPattern))
        let negated = gradient(at: x) { x in -focal(x, targets: t) }
        #expect(negated.base == expected.map { -$0 })
    }

    @Test("Softmax with labels: value and gradient are the Float16 entry point's")
    func softmax() throws {
        let (x, _) = Self.problem(count: 40)
        let labels = [0, 3, 1, 4, 2, 0, 1, 3]
        let focal = try SoftmaxFocalLoss<Float>(gamma: 2)
        let (value, autodiff) = valueWithGradient(at: x) { x in focal(x, shape: [8, 5], classAxis: -1, labels: labels) }
        let (loss, expected) = try focal.lossAndGradient(x, shape: [8, 5], classAxis: -1, labels: labels)
        #expect(value == loss)
        #expect(autodiff.base.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
#endif
