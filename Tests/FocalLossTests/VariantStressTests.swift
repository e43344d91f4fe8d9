import FocalLoss
import Testing

/// Every variant over extreme logits, targets and parameters: losses and gradients finite (never
/// NaN or infinite for finite input), in `Float` and `Double`.
@Suite("Loss variants: no NaN or infinity for finite input")
struct VariantStressTests {
    static func logits<Scalar: FocalScalar>(_: Scalar.Type) -> [Scalar] {
        let magnitudes: [Scalar] = [0, 1e-30, 0.5, 1, 5, 20, 88, 100, 1000, 1e30, Scalar.greatestFiniteMagnitude]
        return magnitudes + magnitudes.map { -$0 }
    }

    static func check<Scalar: FocalScalar>(_: Scalar.Type) throws {
        let x = logits(Scalar.self)
        for (name, loss) in try VariantConfigurations.sigmoid(Scalar.self) {
            let targetSet: [Scalar] = VariantConfigurations.isHardOnly(loss) ? [0, 1] : [0, 1, 0.5, 1e-6, 0.999, 0.05, 0.25]
            for target in targetSet {
                let t = [Scalar](repeating: target, count: x.count)
                let (losses, gradient) = try loss.elementwiseLossesAndGradient(x, targets: t)
                for i in x.indices {
                    #expect(losses[i].isFinite && gradient[i].isFinite,
                            "\(Scalar.self) \(name): x \(x[i]) t \(target): loss \(losses[i]), gradient \(gradient[i])")
                }
                let (mean, meanGradient) = try loss.lossAndGradient(x, targets: t)
                #expect(mean.isFinite && meanGradient.allSatisfy(\.isFinite), "\(Scalar.self) \(name) mean, t \(target)")
            }
        }
        for (name, loss) in try VariantConfigurations.softmax(Scalar.self) {
            // Each position: one extreme logit among ordinary ones, labelled at every class.
            for value in x {
                let row: [Scalar] = [value, 0, -3, 2]
                let rows = row + row + row + row
                let (losses, gradient) = try loss.elementwiseLossesAndGradient(
                    rows, shape: [4, 4], classAxis: 1, labels: [0, 1, 2, 3])
                #expect(losses.allSatisfy(\.isFinite) && gradient.allSatisfy(\.isFinite),
                        "\(Scalar.self) \(name): logit \(value): losses \(losses), gradient \(gradient)")
            }
        }
    }

    @Test("Float") func float() throws { try Self.check(Float.self) }
    @Test("Double") func double() throws { try Self.check(Double.self) }
}
