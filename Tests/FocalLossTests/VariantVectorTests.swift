import FocalLoss
import FocalTestSupport
import Testing

/// The `Float` vector kernels of the variants against the `Double` scalar kernels, on random
/// logits across the range (saturated ones included), hard and soft targets, weights and
/// per-class α, lengths that end in a partial vector.
@Suite("Loss variants: Float vector kernels against Double")
struct VariantVectorTests {
    @Test("Sigmoid variants", arguments: 0..<16)
    func sigmoid(_ index: Int) throws {
        let (name, float) = try VariantConfigurations.sigmoid(Float.self)[index]
        let (_, double) = try VariantConfigurations.sigmoid(Double.self)[index]
        var rng = SplitMix64(seed: 2900 + UInt64(index))
        let count = 1021
        let x: [Float] = (0..<count).map { i in
            i % 50 == 0 ? [-100, 100, -1000, 1000, 0][i / 50 % 5] : Float(Double.random(in: -30...30, using: &rng))
        }
        let t: [Float] = (0..<count).map { i in
            let hard: Float = Double.random(in: 0...1, using: &rng) < 0.3 ? 1 : 0
            return VariantConfigurations.isHardOnly(float) || i % 2 == 0 ? hard : Float(Double.random(in: 0...1, using: &rng))
        }
        let w: [Float] = (0..<count).map { _ in Float(Double.random(in: 0...2, using: &rng)) }
        let (floatLosses, floatGradient) = try float.elementwiseLossesAndGradient(x, targets: t, weights: w)
        let (losses, gradient) = try double.elementwiseLossesAndGradient(
            x.map(Double.init), targets: t.map(Double.init), weights: w.map(Double.init))
        let lossScale = losses.map(abs).max()!, gradientScale = gradient.map(abs).max()!
        for i in 0..<count {
            expectClose(Double(floatLosses[i]), losses[i], rtol: 1e-4, atol: 2e-6 * lossScale, "\(name) loss[\(i)] x \(x[i]) t \(t[i])")
            expectClose(Double(floatGradient[i]), gradient[i], rtol: 1e-4, atol: 2e-6 * gradientScale,
                        "\(name) gradient[\(i)] x \(x[i]) t \(t[i])")
        }
        let (floatMean, _) = try float.lossAndGradient(x, targets: t, weights: w)
        let (mean, _) = try double.lossAndGradient(x.map(Double.init), targets: t.map(Double.init), weights: w.map(Double.init))
        expectClose(Double(floatMean), mean, rtol: 1e-5, atol: 0, "\(name) mean")
    }

    @Test("Per-class α in both layouts")
    func perClass() throws {
        var rng = SplitMix64(seed: 2999)
        let shape = [6, 5, 11]
        let count = shape.reduce(1, *)
        let x = (0..<count).map { _ in Float(Double.random(in: -8...8, using: &rng)) }
        let t = (0..<count).map { _ in Float(Double.random(in: 0...1, using: &rng) < 0.2 ? 1 : 0) }
        let alpha: [Float] = [0.25, 0.5, 0.75, 1, 0]
        for axis in [1, -1] {
            let classes = shape[axis == 1 ? 1 : 2]
            let values = Array((alpha + alpha + alpha).prefix(classes))
            let float = try SigmoidFocalLoss<Float>.poly1(gamma: 1.5, alpha: .perClass(values, classAxis: axis), epsilon: -0.5)
            let double = try SigmoidFocalLoss<Double>.poly1(
                gamma: 1.5, alpha: .perClass(values.map(Double.init), classAxis: axis), epsilon: -0.5)
            let (fl, fg) = try float.elementwiseLossesAndGradient(x, targets: t, shape: shape)
            let (dl, dg) = try double.elementwiseLossesAndGradient(x.map(Double.init), targets: t.map(Double.init), shape: shape)
            let lossScale = dl.map(abs).max()!, gradientScale = dg.map(abs).max()!
            for i in 0..<count {
                expectClose(Double(fl[i]), dl[i], rtol: 1e-4, atol: 2e-6 * lossScale, "axis \(axis) loss[\(i)]")
                expectClose(Double(fg[i]), dg[i], rtol: 1e-4, atol: 2e-6 * gradientScale, "axis \(axis) gradient[\(i)]")
            }
        }
    }
}
