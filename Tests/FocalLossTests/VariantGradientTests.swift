import FocalLoss
import RealModule
import FocalTestSupport
import Testing

/// The variants' fused gradients against central finite differences of their own losses, on
/// random logits and targets, in `Double`.
@Suite("Loss variants: gradients against finite differences")
struct VariantGradientTests {
    /// The central difference of `f` at `x`.
    static func difference(_ x: Double, _ f: (Double) throws -> Double) rethrows -> Double {
        let h = 1e-5 * max(1, abs(x))
        return (try f(x + h) - f(x - h)) / (2 * h)
    }

    @Test("Sigmoid variants", arguments: 0..<16)
    func sigmoid(_ index: Int) throws {
        let (name, loss) = try VariantConfigurations.sigmoid(Double.self)[index]
        var rng = SplitMix64(seed: 1700 + UInt64(index))
        let count = 200
        let x = (0..<count).map { _ in Double.random(in: -9...9, using: &rng) }
        let t: [Double] = (0..<count).map { i in
            let hard: Double = Double.random(in: 0...1, using: &rng) < 0.3 ? 1 : 0
            if VariantConfigurations.isHardOnly(loss) || i % 3 == 0 { return hard }
            return i % 3 == 1 ? Double.random(in: 0...1, using: &rng) : hard
        }
        let w = (0..<count).map { _ in Double.random(in: 0.5...2, using: &rng) }
        let (_, gradient) = try loss.elementwiseLossesAndGradient(x, targets: t, weights: w)
        for i in 0..<count {
            let p = 1 / (1 + Double.exp(-x[i]))
            // Away from the kinks: ASL's p = clip, QFL's p = t.
            if case .asymmetric(_, _, let clip) = loss.variant, abs(p - clip) < 1e-3 { continue }
            if case .quality = loss.variant, abs(p - t[i]) < 1e-3 { continue }
            let numeric = try Self.difference(x[i]) { value in
                try loss.elementwiseLosses([value], targets: [t[i]], weights: [w[i]])[0]
            }
            let ok = abs(gradient[i] - numeric) <= 1e-6 * max(abs(numeric), abs(gradient[i])) + 1e-9
            #expect(ok, "\(name): x \(x[i]) t \(t[i]): gradient \(gradient[i]), finite difference \(numeric)")
        }
    }

    @Test("Softmax Poly-1 with labels and with soft target tensors", arguments: 0..<4)
    func softmax(_ index: Int) throws {
        let (name, loss) = try VariantConfigurations.softmax(Double.self)[index]
        var rng = SplitMix64(seed: 1800 + UInt64(index))
        let (positions, classes) = (12, 4)
        let x = (0..<positions * classes).map { _ in Double.random(in: -6...6, using: &rng) }
        let labels = (0..<positions).map { _ in Int.random(in: 0..<classes, using: &rng) }
        var targets = [Double]()
        for _ in 0..<positions {
            let raw = (0..<classes).map { _ in Double.random(in: 0...1, using: &rng) }
            targets += raw.map { $0 / raw.reduce(0, +) }
        }
        let w = (0..<positions).map { _ in Double.random(in: 0.5...2, using: &rng) }
        let shape = [positions, classes]
        let fromLabels = try loss.elementwiseLossesAndGradient(x, shape: shape, classAxis: 1, labels: labels, weights: w).gradient
        let fromTargets = try loss.elementwiseLossesAndGradient(x, shape: shape, classAxis: 1, targets: targets, weights: w).gradient
        for j in x.indices {
            func total(_ value: Double, labelled: Bool) throws -> Double {
                var moved = x
                moved[j] = value
                let losses = labelled
                    ? try loss.elementwiseLosses(moved, shape: shape, classAxis: 1, labels: labels, weights: w)
                    : try loss.elementwiseLosses(moved, shape: shape, classAxis: 1, targets: targets, weights: w)
                return losses[j / classes]
            }
            for (labelled, gradient) in [(true, fromLabels), (false, fromTargets)] {
                let numeric = try Self.difference(x[j]) { try total($0, labelled: labelled) }
                let ok = abs(gradient[j] - numeric) <= 1e-6 * max(abs(numeric), abs(gradient[j])) + 1e-9
                #expect(ok, "\(name) \(labelled ? "labels" : "targets") entry \(j): gradient \(gradient[j]), finite difference \(numeric)")
            }
        }
    }
}
