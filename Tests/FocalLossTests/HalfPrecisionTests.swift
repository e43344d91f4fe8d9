import FocalLoss
import FocalTestSupport
import Testing

/// `Float16` storage with `Float` arithmetic: exact widening, one rounding of the gradient,
/// special values, errors, loss scaling, and agreement with the `Float80` definition on the
/// `Float16` values.
@Suite("Float16 storage, Float arithmetic")
struct HalfPrecisionTests {
    /// Every finite `Float16` (±0, subnormals, 65504 included) in increasing bit order.
    static let everyFiniteHalf: [Float16] = (0...UInt16.max).map { Float16(bitPattern: $0) }.filter { $0.isFinite }

    @Test("Every finite Float16 logit: the loss is Float's on the same values, the gradient Float's rounded once", arguments: [1, 1024, 0.75])
    func everyFiniteValue(gradientScale: Float) throws {
        let x = Self.everyFiniteHalf
        let t = x.indices.map { Float16($0 % 3 == 0 ? 1 : 0) }
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
        let (loss, gradient) = try focal.lossAndGradient(x, targets: t, reduction: .sum, gradientScale: gradientScale)
        let (floatLoss, floatGradient) = try focal.lossAndGradient(x.map(Float.init), targets: t.map(Float.init), reduction: .sum)
        // The Float16 call adds its slabs' Float losses: a few Float ulp from the one-pass sum.
        expectClose(Double(loss), Double(floatLoss), rtol: 1e-6, atol: 0, "loss")
        for i in x.indices {
            // Swift's own Float16(Float) rounds to nearest even, the reference for the rounding.
            let expected = Float16(floatGradient[i] * gradientScale)
            #expect(gradient[i].bitPattern == expected.bitPattern, "x \(x[i]) gradient \(gradient[i]) expected \(expected)")
        }
        #expect(gradient.contains { $0.isSubnormal })
    }

    @Test("Special values: ±0, the smallest subnormal and 65504 keep their loss; infinity and NaN are rejected with their position")
    func specialValues() throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: 2)
        let special: [Float16] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 65504, -65504, 1]
        let t = [Float16](repeating: 1, count: special.count)
        let (loss, _) = try focal.lossAndGradient(special, targets: t, shape: [2, 4], reduction: .sum)
        #expect(loss == (try focal.loss(special.map(Float.init), targets: t.map(Float.init), reduction: .sum)))
        for bad in [Float16.infinity, -.infinity, .nan] {
            var x = special
            x[6] = bad
            do {
                _ = try focal.lossAndGradient(x, targets: t, shape: [2, 4])
                Issue.record("\(bad) was accepted")
            } catch {
                guard case .invalidElement("logits", let value, let location, _) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(location == ElementLocation(offset: 6, coordinates: [1, 2]))
                #expect(value.isNaN == bad.isNaN && (bad.isNaN || value == Double(bad)))
            }
        }
    }

    @Test("Sigmoid on random Float16 values agrees with the Float80 definition", arguments: 0..<8)
    func sigmoidAgainstReference(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(100 + seed))
        let count = 1000 + seed
        let x = (0..<count).map { _ in Float16(Double.random(in: -12...12, using: &rng)) }
        let t = (0..<count).map { _ in Float16(seed % 2 == 0 ? Double.random(in: 0...1, using: &rng) : (Double.random(in: 0...1, using: &rng) < 0.2 ? 1 : 0)) }
        let gamma = [0, 1.5, 2, 3][seed % 4]
        let focal = try SigmoidFocalLoss<Float>(gamma: Float(gamma), alpha: 0.25)
        let (loss, gradient) = try focal.lossAndGradient(x, targets: t, reduction: .sum)
        var total: Float80 = 0
        for i in 0..<count {
            let f = { (v: Float80) in
                ExtendedReference.sigmoidLoss(x: v, t: Float80(t[i]), gamma: Float80(gamma), alpha: 0.25, fromLogits: true)
            }
            total += f(Float80(x[i]))
            // One rounding of a Float value within a few ulp of the truth: within one Float16 ulp.
            let expected = Double(ExtendedReference.derivative(at: Float80(x[i]), f))
            expectClose(Double(gradient[i]), expected, rtol: 1e-3, atol: 6e-8, "gradient at \(x[i]), t \(t[i])")
        }
        expectClose(Double(loss), Double(total), rtol: 2e-5, atol: 0, "loss, gamma \(gamma)")
    }

    @Test("Softmax on random Float16 values agrees with the Float80 definition, rows and columns", arguments: [-1, 1])
    func softmaxAgainstReference(classAxis: Int) throws {
        var rng = SplitMix64(seed: 9)
        let (n, classes) = (64, 10)
        let x = (0..<(n * classes)).map { _ in Float16(Double.random(in: -8...8, using: &rng)) }
        let labels = (0..<n).map { _ in Int.random(in: 0..<classes, using: &rng) }
        // Class-last: (n, C); channels-first: (1, C, n) with the same values transposed.
        let shape = classAxis == -1 ? [n, classes] : [1, classes, n]
        let value = { (p: Int, c: Int) in classAxis == -1 ? x[p * classes + c] : x[c * n + p] }
        let focal = try SoftmaxFocalLoss<Float>(gamma: 2)
        let (loss, gradient) = try focal.lossAndGradient(x, shape: shape, classAxis: classAxis, labels: labels, reduction: .sum)
        var total: Float80 = 0
        for p in 0..<n {
            let z = (0..<classes).map { Float80(value(p, $0)) }
            total += ExtendedReference.softmaxLabelLossAnyLogits(z: z, label: labels[p], gamma: 2, classWeight: 1)
            for c in 0..<classes {
                let expected = Double(ExtendedReference.partialDerivative(at: z, c) {
                    ExtendedReference.softmaxLabelLossAnyLogits(z: $0, label: labels[p], gamma: 2, classWeight: 1)
                })
                let entry = classAxis == -1 ? gradient[p * classes + c] : gradient[c * n + p]
                expectClose(Double(entry), expected, rtol: 1e-3, atol: 6e-8, "gradient position \(p) class \(c)")
            }
        }
        expectClose(Double(loss), Double(total), rtol: 2e-5, atol: 0, "loss")
    }

    @Test("Loss scaling: a mean gradient that underflows Float16 survives when scaled, and an overflow is an error")
    func lossScaling() throws {
        var rng = SplitMix64(seed: 3)
        let count = 1 << 18
        let x = (0..<count).map { _ in Float16(Double.random(in: -4...4, using: &rng)) }
        let t = (0..<count).map { _ in Float16(Double.random(in: 0...1, using: &rng) < 0.01 ? 1 : 0) }
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
        let (_, floatGradient) = try focal.lossAndGradient(x.map(Float.init), targets: t.map(Float.init))
        let (_, plain) = try focal.lossAndGradient(x, targets: t)
        let (_, scaled) = try focal.lossAndGradient(x, targets: t, gradientScale: 65536)
        let zeros = floatGradient.filter { $0 == 0 }.count
        // 1/N = 3.8e-6 at N = 2^18: every entry of the mean's gradient is below Float16's normal
        // range (6.1e-5), and those of confident negatives (logit below about -1.7, some 29%)
        // round to 0; scaled by 2^16, none does.
        #expect(plain.allSatisfy { $0.isSubnormal || $0 == 0 })
        #expect(plain.filter { $0 == 0 }.count > zeros + count / 5)
        #expect(scaled.filter { $0 == 0 }.count == zeros)
        for i in stride(from: 0, to: count, by: 97) {
            #expect(scaled[i].bitPattern == Float16(floatGradient[i] * 65536).bitPattern)
        }
        do {
            _ = try focal.lossAndGradient(x, targets: t, gradientScale: 1e12)
            Issue.record("an overflowing scale was accepted")
        } catch {
            guard case .invalidElement("gradient", _, _, let requirement) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(requirement.contains("gradientScale"))
        }
        #expect(throws: FocalLossError.invalidParameter(name: "gradientScale", value: 0, requirement: "must be finite and > 0")) {
            try focal.lossAndGradient(x, targets: t, gradientScale: 0)
        }
    }

    @Test("Inputs of several slabs: the Float entry points' results, and errors located in the whole input")
    func severalSlabs() throws {
        var rng = SplitMix64(seed: 21)
        // Sigmoid, (3000, 80) with per-class α and weights: two slabs of whole rows.
        let count = 3000 * 80
        let x = (0..<count).map { _ in Float16(Double.random(in: -6...6, using: &rng)) }
        let t = (0..<count).map { _ in Float16(Double.random(in: 0...1, using: &rng) < 0.05 ? 1 : 0) }
        let w = (0..<count).map { _ in Float16(Double.random(in: 0...2, using: &rng)) }
        let alpha = (0..<80).map { Float($0) / 80 }
        let sigmoid = try SigmoidFocalLoss<Float>(gamma: 2, alpha: .perClass(alpha, classAxis: -1))
        for reduction in [FocalReduction.sum, .mean] {
            let (loss, gradient) = try sigmoid.lossAndGradient(x, targets: t, shape: [3000, 80], weights: w, reduction: reduction)
            let (floatLoss, floatGradient) = try sigmoid.lossAndGradient(
                x.map(Float.init), targets: t.map(Float.init), shape: [3000, 80], weights: w.map(Float.init), reduction: reduction)
            expectClose(Double(loss), Double(floatLoss), rtol: 1e-6, atol: 0, "sigmoid loss \(reduction)")
            // The mean's denominator is summed in another order: at most a Float ulp of scale.
            for i in stride(from: 0, to: count, by: 37) {
                expectClose(Double(gradient[i]), Double(Float16(floatGradient[i])), rtol: 1e-3, atol: 6e-8, "sigmoid gradient \(i)")
            }
        }
        var bad = x
        bad[200_003] = .nan
        do {
            _ = try sigmoid.lossAndGradient(bad, targets: t, shape: [3000, 80])
            Issue.record("NaN accepted")
        } catch {
            guard case .invalidElement("logits", _, let location, _) = error else { Issue.record("\(error)"); return }
            #expect(location == ElementLocation(offset: 200_003, coordinates: [2500, 3]))
        }

        // Softmax, (20000, 10) with an ignore index and weights: two slabs of whole rows.
        let rows = 20000
        let z = (0..<(rows * 10)).map { _ in Float16(Double.random(in: -8...8, using: &rng)) }
        var labels = (0..<rows).map { _ in Int.random(in: 0..<10, using: &rng) }
        for p in stride(from: 0, to: rows, by: 7) { labels[p] = -100 }
        let rowWeights = (0..<rows).map { _ in Float16(Double.random(in: 0...2, using: &rng)) }
        let softmax = try SoftmaxFocalLoss<Float>(gamma: 2)
        let (loss, gradient) = try softmax.lossAndGradient(z, shape: [rows, 10], classAxis: -1, labels: labels, ignoreIndex: -100,
                                                           weights: rowWeights)
        let (floatLoss, floatGradient) = try softmax.lossAndGradient(
            z.map(Float.init), shape: [rows, 10], classAxis: -1, labels: labels, ignoreIndex: -100, weights: rowWeights.map(Float.init))
        expectClose(Double(loss), Double(floatLoss), rtol: 1e-6, atol: 0, "softmax loss")
        for i in stride(from: 0, to: rows * 10, by: 41) {
            expectClose(Double(gradient[i]), Double(Float16(floatGradient[i])), rtol: 1e-3, atol: 6e-8, "softmax gradient \(i)")
        }
        labels[15_000] = 10
        do {
            _ = try softmax.lossAndGradient(z, shape: [rows, 10], classAxis: -1, labels: labels, ignoreIndex: -100)
            Issue.record("label 10 accepted")
        } catch {
            #expect(error == .labelOutOfRange(label: 10, classCount: 10, location: ElementLocation(offset: 15_000, coordinates: [15_000])))
        }
    }

    @Test("Every variant keeps its formula on Float16 storage: the Float call's loss, its gradient rounded once")
    func variants() throws {
        var rng = SplitMix64(seed: 33)
        // (3000, 80): many slabs, per-class α along the last axis where the variant takes α.
        let count = 3000 * 80
        let x = (0..<count).map { _ in Float16(Double.random(in: -6...6, using: &rng)) }
        let hard = (0..<count).map { _ in Float16(Double.random(in: 0...1, using: &rng) < 0.05 ? 1 : 0) }
        let soft = (0..<count).map { i in hard[i] == 1 ? Float16(Double.random(in: 0.1...1, using: &rng)) : 0 }
        let alpha = SigmoidFocalLoss<Float>.Alpha.perClass((0..<80).map { Float($0 + 1) / 82 }, classAxis: -1)
        let cases: [(String, SigmoidFocalLoss<Float>, [Float16])] = try [
            ("focal-star", .focalStar(gamma: 2, beta: 1, alpha: 0.25), hard),
            ("poly1", .poly1(gamma: 2, alpha: alpha, epsilon: 1), hard),
            ("asl", .asymmetric(gammaPositive: 0, gammaNegative: 4, clip: 0.05), hard),
            ("qfl", .quality(beta: 2), soft),
            ("vfl", .varifocal(alpha: alpha, gamma: 2, iouWeighted: true), soft),
        ]
        for (name, loss, t) in cases {
            let (halfLoss, halfGradient) = try loss.lossAndGradient(x, targets: t, shape: [3000, 80], reduction: .sum)
            let (floatLoss, floatGradient) = try loss.lossAndGradient(
                x.map(Float.init), targets: t.map(Float.init), shape: [3000, 80], reduction: .sum)
            expectClose(Double(halfLoss), Double(floatLoss), rtol: 1e-6, atol: 0, "\(name) loss")
            let differing = (0..<count).filter { halfGradient[$0].bitPattern != Float16(floatGradient[$0]).bitPattern }
            #expect(differing.isEmpty, "\(name): \(differing.count) gradient entries differ, first at \(differing.first ?? -1)")
        }
        let labels = (0..<3000).map { _ in Int32.random(in: 0..<80, using: &rng) }
        let softmax = try SoftmaxFocalLoss<Float>.poly1(epsilon: 1)
        let (halfLoss, halfGradient) = try softmax.lossAndGradient(x, shape: [3000, 80], classAxis: -1, labels: labels, reduction: .sum)
        let (floatLoss, floatGradient) = try softmax.lossAndGradient(
            x.map(Float.init), shape: [3000, 80], classAxis: -1, labels: labels, reduction: .sum)
        expectClose(Double(halfLoss), Double(floatLoss), rtol: 1e-6, atol: 0, "softmax poly1 loss")
        #expect((0..<count).allSatisfy { halfGradient[$0].bitPattern == Float16(floatGradient[$0]).bitPattern }, "softmax poly1 gradient")
    }

    @Test("Rounding the gradient: every finite Float16 weight times scales whose products fall between halves, as Swift's Float16(Float)", arguments: [1, 1 + 0x1p-11, 0.3, 3e-5, 70000] as [Float])
    func roundingEveryWeight(gradientScale: Float) throws {
        // Logit 0, target 0, γ 0: each gradient entry is about weight / 2, so the products cover
        // the whole Float16 range: subnormals, ties (1 + 2^-11), and overflow beyond 65504.
        let w = Self.everyFiniteHalf.filter { $0 >= 0 }
        let x = [Float16](repeating: 0, count: w.count), t = x
        let focal = try SigmoidFocalLoss<Float>(gamma: 0)
        let (_, floatGradient) = try focal.lossAndGradient(x.map(Float.init), targets: t.map(Float.init), weights: w.map(Float.init), reduction: .sum)
        let scaled = floatGradient.map { $0 * gradientScale }
        if let overflow = scaled.firstIndex(where: { Float16($0).isInfinite }) {
            do {
                _ = try focal.lossAndGradient(x, targets: t, weights: w, reduction: .sum, gradientScale: gradientScale)
                Issue.record("an entry beyond Float16 was accepted")
            } catch {
                guard case .invalidElement("gradient", _, let location, _) = error else { Issue.record("\(error)"); return }
                #expect(location.offset == overflow)
            }
            return
        }
        let (_, gradient) = try focal.lossAndGradient(x, targets: t, weights: w, reduction: .sum, gradientScale: gradientScale)
        let differing = w.indices.filter { gradient[$0].bitPattern != Float16(scaled[$0]).bitPattern }
        #expect(differing.isEmpty, "\(differing.count) entries differ, first \(differing.first.map { "\(scaled[$0]) -> \(gradient[$0])" } ?? "")")
    }
}
