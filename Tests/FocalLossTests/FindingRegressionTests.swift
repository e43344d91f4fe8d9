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

    /// The fuzz finding (FuzzLoss): softmax rows `[3e38, -3e38, 0]` with label 1 and α 0.25 gave
    /// an infinite loss where the exact one is `0.25 · 6e38 = 1.5e38`: `-log p_1` overflows
    /// `Float`, the weighted loss does not. Each path: the row kernel (class-last), the column
    /// kernel (channels-first, 16 positions), the scalar kernel (label smoothing), a position
    /// weight instead of α, and `Double` near its own largest magnitude.
    @Test("Softmax: a weighted loss in range is finite when -log p is beyond the type's range")
    func overflowingNegativeLogP() throws {
        let top = Double(Float(3e38))
        let alpha = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: .constant(0.25))
        let rows = try alpha.lossAndGradient([3e38, -3e38, 0], shape: [1, 3], classAxis: -1, labels: [Int32(1)], reduction: .sum)
        #expect(abs(Double(rows.loss) - 0.25 * 2 * top) <= 1e-6 * 0.5 * top, "rows: \(rows.loss)")
        // p_0 = 1, p_1 = p_2 = 0: the gradient is α·[1, -1, 0].
        #expect(rows.gradient == [0.25, -0.25, 0], "rows: \(rows.gradient)")

        let columnsX = [Float](repeating: 3e38, count: 16) + [Float](repeating: -3e38, count: 16) + [Float](repeating: 0, count: 16)
        let columns = try alpha.lossAndGradient(
            columnsX, shape: [1, 3, 16], classAxis: 1, labels: [Int32](repeating: 1, count: 16), reduction: .mean)
        #expect(abs(Double(columns.loss) - 0.25 * 2 * top) <= 1e-6 * 0.5 * top, "columns: \(columns.loss)")
        #expect(columns.gradient == [Float](repeating: 0.25 / 16, count: 16) + [Float](repeating: -0.25 / 16, count: 16)
                + [Float](repeating: 0, count: 16), "columns: \(columns.gradient)")
        // A position weight of 0.5 instead of α: each position's loss is 0.5 · 6e38 = 3e38.
        let positions = try SoftmaxFocalLoss<Float>(gamma: 2).elementwiseLosses(
            columnsX, shape: [1, 3, 16], classAxis: 1, labels: [Int32](repeating: 1, count: 16),
            weights: [Float](repeating: 0.5, count: 16))
        #expect(positions.allSatisfy { abs(Double($0) - top) <= 1e-6 * top }, "columns: \(positions)")

        let smoothing: Float = 1e-3
        let smoothed = try SoftmaxFocalLoss<Float>(gamma: 0, alpha: .constant(0.25), labelSmoothing: smoothing)
            .loss([3e38, -3e38, 0], shape: [1, 3], classAxis: -1, labels: [Int32(1)], reduction: .sum)
        // γ = 0: 0.25 · Σ_c q_c (-log p_c), with -log p = [0, 6e38, 3e38] and q = [s/3, 1 - 2s/3, s/3].
        let s = Double(smoothing)
        let expected = 0.25 * ((1 - 2 * s / 3) * 2 * top + s / 3 * top)
        #expect(abs(Double(smoothed) - expected) <= 1e-6 * expected, "smoothing: \(smoothed) vs \(expected)")

        let double = try SoftmaxFocalLoss<Double>(gamma: 2, alpha: .constant(0.25))
            .lossAndGradient([1e308, -1e308, 0], shape: [1, 3], classAxis: -1, labels: [Int32(1)], reduction: .sum)
        #expect(abs(double.loss - 0.5e308) <= 1e-12 * 0.5e308, "Double: \(double.loss)")
        #expect(double.gradient == [0.25, -0.25, 0], "Double: \(double.gradient)")
    }

    /// The fuzz finding (FuzzLoss): a position weight of 1e30 with a normalizer of 1e-30 makes the
    /// position's gradient factor 1e60, beyond `Float`; times a probability that underflowed to 0
    /// it gave NaN. Such an entry is 0 (its exact value, about 1e60·e^-10012, is too), the
    /// others infinite where the exact value is beyond `Float` and exact elsewhere.
    @Test("Softmax: a gradient factor beyond Float times an underflowed probability is 0, not NaN")
    func overflowingGradientScale() throws {
        let x: [Float] = [-12.75, 10000, 10000, 10000, 10000, 10000]
        let weights: [Float] = [1e30, 12.25]
        // Row 1 alone: p = 1/3 for every class, label 2: g = (2/3)^1.5·(1.5·(1/3)·log 3/(2/3) + 1),
        // gradient g·p_c off the label and -g·(1 - p_y) at it, times 12.25 and 1e30.
        let g = pow(2.0 / 3, 1.5) * (1.5 * (1.0 / 3) * log(3.0) / (2.0 / 3) + 1)
        let row1 = [g / 3, g / 3, -2 * g / 3].map { $0 * 12.25 * 1e30 }
        for smoothing: Float in [0, 1e-3] {  // the row kernel, and the scalar kernel
            let focal = try SoftmaxFocalLoss<Float>(gamma: 1.5, labelSmoothing: smoothing)
            let (_, gradient) = try focal.lossAndGradient(
                x, shape: [2, 3], classAxis: 1, labels: [Int32(2), 2], weights: weights, reduction: .normalized(by: 1e-30))
            #expect(!gradient.contains { $0.isNaN }, "smoothing \(smoothing): \(gradient)")
            if smoothing == 0 {
                // With smoothing, class 0 has target s/3 and its exact entry, about -s/3·1e60,
                // is beyond Float: -inf is right there.
                #expect(gradient[0] == 0, "\(gradient)")
                for (value, expected) in zip(gradient[3...], row1) {
                    #expect(abs(Double(value) - expected) <= 1e-5 * abs(expected), "\(gradient) vs \(row1)")
                }
            }
        }
        // Channels-first (the column kernel): 16 positions of [-12.75, 10000, 10000].
        let columns = [Float](repeating: -12.75, count: 16) + [Float](repeating: 10000, count: 32)
        let (_, gradient) = try SoftmaxFocalLoss<Float>(gamma: 1.5).lossAndGradient(
            columns, shape: [1, 3, 16], classAxis: 1, labels: [Int32](repeating: 2, count: 16),
            weights: [Float](repeating: 1e30, count: 16), reduction: .normalized(by: 1e-30))
        #expect(!gradient.contains { $0.isNaN } && gradient[..<16].allSatisfy { $0 == 0 }, "columns: \(gradient)")
    }

    /// A normalizer below 1 / Float.greatestFiniteMagnitude makes the reduction's scale itself
    /// infinite in `Float`: an element with weight 0 had gradient 0·∞ = NaN.
    @Test("A normalizer whose reciprocal is beyond Float: zero-weight entries are 0, the others exact or infinite")
    func scaleBeyondFloat() throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: 2)
        let (_, gradient) = try focal.lossAndGradient(
            [0.5, 30], targets: [0, 1], weights: [0, 1], reduction: .normalized(by: 1e-39))
        // x = 30, t = 1: d = -(1-p)^2·(1 - p... ) in Double from the sum reduction, times 1e39.
        let unscaled = try SigmoidFocalLoss<Double>(gamma: 2).lossAndGradient(
            [0.5, 30], targets: [0, 1], weights: [0, 1], reduction: .sum).gradient
        #expect(gradient[0] == 0, "\(gradient)")
        #expect(abs(Double(gradient[1]) - unscaled[1] * 1e39) <= 1e-5 * abs(unscaled[1] * 1e39), "\(gradient) vs \(unscaled)")
    }

    /// The fuzz finding (FuzzLoss, after the fixes above): logits 31.75 with target 1 and γ 3
    /// have an element loss of about 7e-56, below `Float`'s range, so a weight of 1e30 applied
    /// afterwards gave 0 where the weighted loss, about 7e-26, is well inside it. The weight now
    /// joins α before the small factors. 24 elements: whole vectors and the partial tail.
    @Test("Sigmoid: a weighted loss in range is kept when the unweighted one underflows")
    func underflowBeforeWeighting() throws {
        let weights: [Float] = (0..<24).map { [31.75, 1e30, 1.66893e-06][$0 % 3] }
        let x = [Float](repeating: 31.75, count: 24), t = [Float](repeating: 1, count: 24)
        let loss = try SigmoidFocalLoss<Float>(gamma: 3).loss(x, targets: t, weights: weights, reduction: .sum)
        // (1 - p)^3 · softplus(-x) per element, in Double from the formula.
        let e = exp(-31.75), oneMinusP = e / (1 + e), ce = log1p(e)
        let expected = weights.reduce(0.0) { $0 + Double($1) * pow(oneMinusP, 3) * ce }
        // The factor (1 - p)^3 ≈ 4e-42 is itself subnormal in Float (about 13 bits short): 1e-3,
        // the fuzz target's tolerance, rather than Float's usual 1e-6. It was 0 before.
        #expect(abs(Double(loss) - expected) <= 1e-3 * expected, "logits: \(loss) vs \(expected)")

        // The scalar kernel (probabilities): p = 1 - 2^-24, γ 6, weight 1e30.
        let p = 1 - Float.ulpOfOne / 2
        let fromProbability = try SigmoidFocalLoss<Float>(gamma: 6, input: .probabilities)
            .loss([p], targets: [1], weights: [1e30], reduction: .sum)
        let q = Double(Float.ulpOfOne / 2)
        let expectedProbability = 1e30 * pow(q, 6) * -log1p(-q)
        #expect(abs(Double(fromProbability) - expectedProbability) <= 1e-5 * expectedProbability,
                "probabilities: \(fromProbability) vs \(expectedProbability)")
    }

    /// The softmax form of the finding above: a position weight of 1e30 on a loss of about 7e-56
    /// (logits [31.75, 0], label 0, γ 3) gave 0; the weight now multiplies before the small
    /// factors in the row kernel, the column kernel and the scalar kernel (probabilities).
    @Test("Softmax: a weighted loss in range is kept when the unweighted one underflows")
    func softmaxUnderflowBeforeWeighting() throws {
        let e = exp(-31.75), oneMinusP = e / (1 + e)
        let expected = 1e30 * pow(oneMinusP, 3) * log1p(e)
        let focal = try SoftmaxFocalLoss<Float>(gamma: 3)
        let rows = try focal.loss([31.75, 0], shape: [1, 2], classAxis: -1, labels: [Int32(0)], weights: [1e30], reduction: .sum)
        #expect(abs(Double(rows) - expected) <= 1e-3 * expected, "rows: \(rows) vs \(expected)")
        let columns = try focal.elementwiseLosses(
            [Float](repeating: 31.75, count: 16) + [Float](repeating: 0, count: 16), shape: [1, 2, 16], classAxis: 1,
            labels: [Int32](repeating: 0, count: 16), weights: [Float](repeating: 1e30, count: 16))
        #expect(columns.allSatisfy { abs(Double($0) - expected) <= 1e-3 * expected }, "columns: \(columns) vs \(expected)")

        // The scalar kernel: probabilities [1 - 2^-24, 2^-24], label 0, γ 6.
        let q = Double(Float.ulpOfOne / 2)
        let fromProbability = try SoftmaxFocalLoss<Float>(gamma: 6, input: .probabilities).loss(
            [1 - Float.ulpOfOne / 2, Float.ulpOfOne / 2], shape: [1, 2], classAxis: -1, labels: [Int32(0)],
            weights: [1e30], reduction: .sum)
        let expectedProbability = 1e30 * pow(q, 6) * -log1p(-q)
        #expect(abs(Double(fromProbability) - expectedProbability) <= 1e-5 * expectedProbability,
                "probabilities: \(fromProbability) vs \(expectedProbability)")
    }
}
