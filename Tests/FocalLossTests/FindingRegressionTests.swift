import FocalLoss
import Foundation
import Testing

/// Defects found by the property tests (LossPropertyTests) and the fuzz targets (Fuzz/), each
/// with the exact input that showed it. The expected values are worked out by hand from the
/// formulas, not taken from the code.
@Suite("Findings: extreme logits and tiny weights")
struct FindingRegressionTests {
    /// `Float`'s smallest subnormal (about 1.4e-45) and a subnormal near 2.9e-39.
    static let tiny = Float.leastNonzeroMagnitude
    static let subnormal = Float.leastNormalMagnitude / 4

    /// `[3e38, -3e38]` with label 1: the gap `z_1 - top` overflows `Float`, so `p_1 = 0` and
    /// `-log p_1 = ∞`. The loss is beyond `Float`'s range (exactly 6e38) and so infinite, but the
    /// gradient is exactly `[1, -1]` for every γ (`p_1·(-log p_1) → 0`); it was NaN for γ > 0.
    @Test("Softmax: a label whose logit gap overflows has gradient [1, -1], not NaN", arguments: [Float(0), 0.5, 2, 3.5])
    func overflowingGap(gamma: Float) throws {
        for smoothing: Float in [0, 1e-6] {
            let focal = try SoftmaxFocalLoss<Float>(gamma: gamma, labelSmoothing: smoothing)
            let (loss, gradient) = try focal.lossAndGradient([3e38, -3e38], shape: [1, 2], classAxis: -1, labels: [Int32(1)])
            #expect(loss == .infinity)
            let expected = Double(1 - smoothing / 2)  // the label's share; the other class has p_0 = 1
            #expect(abs(Double(gradient[0]) - expected) <= 1e-6 && abs(Double(gradient[1]) + expected) <= 1e-6,
                    "γ = \(gamma), smoothing \(smoothing): \(gradient)")
        }
    }

    /// `[3e38, -3e38]` with label 0 and smoothing `s`: the class at `-3e38` has target `s/2` and
    /// `-log p = 6e38`, beyond `Float`; its share `(s/2)·6e38 = 3e32` is not. It was infinite.
    @Test("Softmax: label smoothing's share of a class whose log-probability overflows stays finite")
    func smoothingShare() throws {
        let smoothing = Float(1e-6)
        for gamma: Float in [0, 2] {
            let focal = try SoftmaxFocalLoss<Float>(gamma: gamma, labelSmoothing: smoothing)
            let (loss, gradient) = try focal.lossAndGradient([3e38, -3e38], shape: [1, 2], classAxis: -1, labels: [Int32(0)])
            // -log p_0 = log(1 + e^(-6e38)) = 0 and 1 - p_1 = 1, so only the second share is left.
            let expected = Double(smoothing) / 2 * (Double(Float(3e38)) * 2)
            #expect(abs(Double(loss) - expected) <= 1e-6 * expected, "γ = \(gamma): \(loss) vs \(expected)")
            #expect(!gradient.contains { $0.isNaN })
        }
    }

    /// A mean with weights is `Σ w·l / Σ w`: weights of 1e-45 (Float's smallest) gave a loss of 0
    /// and an infinite or NaN gradient, because `1 / Σ w` overflowed and `w·l` underflowed.
    @Test("Sigmoid: a weighted mean with subnormal weights equals the one with unit weights")
    func sigmoidTinyWeights() throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: 2)
        // One counted element, x = 0, t = 0: loss p²·log 2 with p = 1/2, gradient 2p·p(1-p)·log 2 + p²·p.
        let one = try focal.lossAndGradient([0, 1], targets: [0, 1], weights: [Self.tiny, 0])
        #expect(abs(Double(one.loss) - 0.25 * log(2.0)) <= 1e-6)
        #expect(abs(Double(one.gradient[0]) - (0.25 * log(2.0) + 0.125)) <= 1e-6 && one.gradient[1] == 0)
        for weights: [Float] in [[Self.tiny, Self.tiny], [Self.subnormal, Self.subnormal], [1e-30, 1e-30], [Self.tiny, 2 * Self.tiny]] {
            let tiny = try focal.lossAndGradient([0.5, -2, 1], targets: [0, 1, 0.3], weights: weights + [weights[0]])
            let unit = try focal.lossAndGradient(
                [0.5, -2, 1], targets: [0, 1, 0.3], weights: weights.map { $0 / weights[0] } + [1])
            #expect(abs(tiny.loss - unit.loss) <= 1e-6 * unit.loss, "weights \(weights)")
            for (a, b) in zip(tiny.gradient, unit.gradient) { #expect(abs(a - b) <= 1e-6 * abs(b) + 1e-12, "weights \(weights)") }
        }
    }

    @Test("Softmax: a weighted mean with subnormal weights equals the one with unit weights, Float and Double")
    func softmaxTinyWeights() throws {
        let x: [Float] = [0, 1, -1, 2, 0.5, 0.25]
        let labels: [Int32] = [0, 1, 2]
        let tinyFloat = try SoftmaxFocalLoss<Float>(gamma: 2).lossAndGradient(
            x, shape: [2, 3], classAxis: -1, labels: Array(labels.prefix(2)), weights: [Self.tiny, Self.tiny])
        let unitFloat = try SoftmaxFocalLoss<Float>(gamma: 2).lossAndGradient(
            x, shape: [2, 3], classAxis: -1, labels: Array(labels.prefix(2)), weights: [1, 1])
        #expect(abs(tinyFloat.loss - unitFloat.loss) <= 1e-6 * unitFloat.loss)
        #expect(zip(tinyFloat.gradient, unitFloat.gradient).allSatisfy { abs($0 - $1) <= 1e-6 * abs($1) + 1e-12 })
        let tinyDouble = try SoftmaxFocalLoss<Double>(gamma: 2).lossAndGradient(
            x.map(Double.init), shape: [2, 3], classAxis: -1, labels: Array(labels.prefix(2)), weights: [Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude])
        let unitDouble = try SoftmaxFocalLoss<Double>(gamma: 2).lossAndGradient(
            x.map(Double.init), shape: [2, 3], classAxis: -1, labels: Array(labels.prefix(2)), weights: [1, 1])
        #expect(abs(tinyDouble.loss - unitDouble.loss) <= 1e-14 * unitDouble.loss)
        #expect(zip(tinyDouble.gradient, unitDouble.gradient).allSatisfy { abs($0 - $1) <= 1e-14 * abs($1) + 1e-300 })
    }
}
