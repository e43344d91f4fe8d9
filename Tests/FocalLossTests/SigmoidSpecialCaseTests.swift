import Foundation
import FocalLoss
import FocalTestSupport
import Testing

/// Saturated logits, tiny losses, γ = 0, probabilities at 0 and 1, weights and reductions.
@Suite("Sigmoid focal loss: special and saturated cases")
struct SigmoidSpecialCaseTests {
    static let saturatedLogits: [Double] = [-1e4, -1e3, -745, -700, -100, -50, -30, -17, 17, 30, 50, 100, 700, 745, 1e3, 1e4]
    static let gammas: [Double] = [0, 0.1, 0.25, 0.5, 0.9, 1, 1.5, 2, 5]
    static let targets: [Double] = [0, 1, 0.25, 0.75]

    @Test("No NaN or infinity for saturated logits up to |x| = 1e4, any gamma", arguments: gammas)
    func saturatedAreFinite(gamma: Double) throws {
        for alpha: SigmoidFocalLoss<Double>.Alpha in [.none, .constant(0.25)] {
            let focal = try SigmoidFocalLoss<Double>(gamma: gamma, alpha: alpha)
            let focalFloat = try SigmoidFocalLoss<Float>(gamma: Float(gamma), alpha: alpha == .none ? .none : 0.25)
            for t in Self.targets {
                let x = Self.saturatedLogits
                let target = [Double](repeating: t, count: x.count)
                let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, targets: target)
                #expect(losses.allSatisfy { $0.isFinite } && gradient.allSatisfy { $0.isFinite }, "gamma \(gamma) t \(t)")
                let (lossesF, gradientF) = try focalFloat.elementwiseLossesAndGradient(x.map(Float.init), targets: target.map(Float.init))
                #expect(lossesF.allSatisfy { $0.isFinite } && gradientF.allSatisfy { $0.isFinite }, "Float gamma \(gamma) t \(t)")
                let (mean, meanGradient) = try focal.lossAndGradient(x, targets: target)
                #expect(mean.isFinite && meanGradient.allSatisfy { $0.isFinite })
            }
        }
    }

    @Test("Tiny losses keep full relative precision (Double against Float80)", arguments: gammas)
    func tinyLossesArePrecise(gamma: Double) throws {
        let focal = try SigmoidFocalLoss<Double>(gamma: gamma)
        for t in [0.0, 1.0] {
            let x = Self.saturatedLogits
            let target = [Double](repeating: t, count: x.count)
            let losses = try focal.elementwiseLosses(x, targets: target)
            for (index, logit) in x.enumerated() {
                let expected = Double(ExtendedReference.sigmoidHardTargetLoss(x: Float80(logit), t: Float80(t), gamma: Float80(gamma)))
                // Below Double's normal range the answer can only be as good as a subnormal.
                expectClose(losses[index], expected, rtol: 1e-13, atol: 1e-300, "x \(logit) t \(t) gamma \(gamma)")
            }
        }
    }

    @Test("Float: losses near and below the normal range (the vector kernel's exp scaling)", arguments: gammas)
    func tinyFloatLosses(gamma: Double) throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: Float(gamma))
        // Logits from -110 to 110 in steps of 0.37: e^-|x| crosses Float's normal range at about
        // -87.3 and its subnormal range at about -103.3; 600 elements fill whole vectors.
        let x = (0..<600).map { Float(-110 + 0.37 * Double($0)) }
        for t: Float in [0, 1] {
            let losses = try focal.elementwiseLosses(x, targets: [Float](repeating: t, count: x.count))
            for (index, logit) in x.enumerated() {
                let expected = ExtendedReference.sigmoidHardTargetLoss(x: Float80(logit), t: Float80(t), gamma: Float80(gamma))
                // A few ulp of a normal result; for a subnormal one, a few of its spacing 2^-149.
                // A gamma other than 0 to 3 computes m^gamma as exp(gamma · log m), and an error of an ulp
                // in log m (about |x| here) is multiplied by gamma·|x|: 2 ulp per unit of it.
                let rtol = 2e-6 + ([0, 1, 2, 3].contains(gamma) ? 0 : 2.4e-7 * gamma * Double(abs(logit)))
                expectClose(Double(losses[index]), Double(expected), rtol: rtol, atol: 4e-45, "x \(logit) t \(t) gamma \(gamma)")
            }
        }
    }

    @Test("gamma = 0 without alpha is a plain stable binary cross-entropy")
    func gammaZeroIsCrossEntropy() throws {
        var rng = SplitMix64(seed: 7)
        let x = (0..<500).map { _ in Double.random(in: -40...40, using: &rng) } + Self.saturatedLogits
        let t = x.map { _ in Bool.random(using: &rng) ? Double.random(in: 0...1, using: &rng) : Double(Int.random(in: 0...1, using: &rng)) }
        let losses = try SigmoidFocalLoss<Double>(gamma: 0).elementwiseLosses(x, targets: t)
        for i in x.indices {
            // max(x, 0) - x·t + log(1 + e^-|x|), the textbook stable form.
            let bce = max(x[i], 0) - x[i] * t[i] + log1p(exp(-abs(x[i])))
            expectClose(losses[i], bce, rtol: 1e-12, atol: 1e-300, "x \(x[i]) t \(t[i])")
        }
    }

    @Test("Probabilities of exactly 0 and 1 give finite values at the documented clamp")
    func probabilityClamp() throws {
        let focal = try SigmoidFocalLoss<Double>(gamma: 0, input: .probabilities)
        let (losses, gradient) = try focal.elementwiseLossesAndGradient([0, 1, 0, 1], targets: [1, 0, 0, 1])
        // A confident miss costs -log(2^-53) = 53 log 2; a confident hit costs -log(1 - 2^-53).
        expectClose(losses[0], 53 * log(2.0), rtol: 1e-15, atol: 0, "p = 0, t = 1")
        expectClose(losses[1], 53 * log(2.0), rtol: 1e-15, atol: 0, "p = 1, t = 0")
        expectClose(losses[2], 0x1p-53, rtol: 1e-12, atol: 0, "p = 0, t = 0")
        #expect(gradient.allSatisfy { $0.isFinite })
        #expect(gradient[0] < -1e15 && gradient[1] > 1e15, "a confident miss is pushed hard")
        let float = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25, input: .probabilities)
        let (lossesF, gradientF) = try float.elementwiseLossesAndGradient([0, 1, 0, 1], targets: [1, 0, 0, 1])
        #expect(lossesF.allSatisfy { $0.isFinite } && gradientF.allSatisfy { $0.isFinite })
    }

    @Test("A 0/1 mask gives the mean over the unmasked elements; all-zero weights give 0, not NaN")
    func maskedMean() throws {
        let focal = try SigmoidFocalLoss<Double>(gamma: 2, alpha: 0.25)
        let x: [Double] = [2, -1, 0.5, 3, -4, 0.1]
        let t: [Double] = [1, 0, 1, 0, 0, 1]
        let mask: [Double] = [1, 0, 1, 1, 0, 1]
        let kept = mask.indices.filter { mask[$0] == 1 }
        let (masked, maskedGradient) = try focal.lossAndGradient(x, targets: t, weights: mask)
        let (subset, subsetGradient) = try focal.lossAndGradient(kept.map { x[$0] }, targets: kept.map { t[$0] })
        expectClose(masked, subset, rtol: 1e-15, atol: 0, "masked mean")
        for (j, i) in kept.enumerated() {
            expectClose(maskedGradient[i], subsetGradient[j], rtol: 1e-15, atol: 0, "gradient[\(i)]")
        }
        #expect(maskedGradient[1] == 0 && maskedGradient[4] == 0)
        let zero = [Double](repeating: 0, count: x.count)
        let (none, noneGradient) = try focal.lossAndGradient(x, targets: t, weights: zero)
        #expect(none == 0 && noneGradient.allSatisfy { $0 == 0 })
    }

    @Test("Reductions: sum, mean and a caller's normaliser relate as they should")
    func reductions() throws {
        let focal = try SigmoidFocalLoss<Double>(gamma: 1.5)
        var rng = SplitMix64(seed: 3)
        let x = (0..<300).map { _ in Double.random(in: -6...6, using: &rng) }
        let t = x.map { _ in Double(Int.random(in: 0...1, using: &rng)) }
        let w = x.map { _ in Double.random(in: 0...2, using: &rng) }
        let elements = try focal.elementwiseLosses(x, targets: t, weights: w)
        let sum = try focal.loss(x, targets: t, weights: w, reduction: .sum)
        let mean = try focal.loss(x, targets: t, weights: w, reduction: .mean)
        let normalized = try focal.loss(x, targets: t, weights: w, reduction: .normalized(by: 12))
        let direct = elements.reduce(0, +)
        expectClose(sum, direct, rtol: 1e-13, atol: 0, "sum")
        expectClose(mean, direct / w.reduce(0, +), rtol: 1e-13, atol: 0, "mean")
        expectClose(normalized, direct / 12, rtol: 1e-13, atol: 0, "normalized")
        let (_, sumGradient) = try focal.lossAndGradient(x, targets: t, weights: w, reduction: .sum)
        let (_, normalizedGradient) = try focal.lossAndGradient(x, targets: t, weights: w, reduction: .normalized(by: 12))
        let (_, ownGradient) = try focal.elementwiseLossesAndGradient(x, targets: t, weights: w)
        for i in x.indices {
            expectClose(normalizedGradient[i], sumGradient[i] / 12, rtol: 1e-15, atol: 0, "normalized gradient[\(i)]")
            #expect(ownGradient[i] == sumGradient[i], "for independent elements, none's gradient is sum's")
        }
    }

    @Test("Per-class alpha along a class axis equals scalar alpha class by class")
    func perClassAlpha() throws {
        let shape = [2, 3, 2, 2]
        let classAlpha: [Double] = [0.1, 0.5, 0.9]
        var rng = SplitMix64(seed: 11)
        let x = (0..<24).map { _ in Double.random(in: -5...5, using: &rng) }
        let t = x.map { _ in Double(Int.random(in: 0...1, using: &rng)) }
        let (losses, gradient) = try SigmoidFocalLoss<Double>(gamma: 2, alpha: .perClass(classAlpha, classAxis: 1))
            .elementwiseLossesAndGradient(x, targets: t, shape: shape)
        for c in 0..<3 {
            let indices = x.indices.filter { ($0 / 4) % 3 == c }
            let (classLosses, classGradient) = try SigmoidFocalLoss<Double>(gamma: 2, alpha: .constant(classAlpha[c]))
                .elementwiseLossesAndGradient(indices.map { x[$0] }, targets: indices.map { t[$0] })
            for (j, i) in indices.enumerated() {
                #expect(losses[i] == classLosses[j] && gradient[i] == classGradient[j], "class \(c) element \(i)")
            }
        }
        // The same classes last, as axis -1.
        let lastShape = [2, 2, 2, 3]
        let transposed = (0..<24).map { i -> Int in
            let (n, h, w, c) = (i / 12, (i / 6) % 2, (i / 3) % 2, i % 3)
            return ((n * 3 + c) * 2 + h) * 2 + w
        }
        let lastLosses = try SigmoidFocalLoss<Double>(gamma: 2, alpha: .perClass(classAlpha, classAxis: -1))
            .elementwiseLosses(transposed.map { x[$0] }, targets: transposed.map { t[$0] }, shape: lastShape)
        #expect(lastLosses == transposed.map { losses[$0] })
    }

    @Test("The gradient buffer a caller passes is reused, not reallocated")
    func gradientBufferIsReused() throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
        let x: [Float] = (0..<1000).map { Float($0 % 17) - 8 }
        let t: [Float] = (0..<1000).map { $0 % 5 == 0 ? 1 : 0 }
        var gradient = [Float]()
        _ = try focal.lossAndGradient(x, targets: t, gradient: &gradient)
        let address = gradient.withUnsafeBufferPointer { $0.baseAddress }
        let loss = try focal.lossAndGradient(x, targets: t, gradient: &gradient)
        #expect(gradient.withUnsafeBufferPointer { $0.baseAddress } == address)
        let (expectedLoss, expectedGradient) = try focal.lossAndGradient(x, targets: t)
        #expect(loss == expectedLoss && gradient == expectedGradient)
        // The buffer forms give the same numbers.
        var buffer = [Float](repeating: .nan, count: 1000)
        let bufferLoss = try x.withUnsafeBufferPointer { xs in
            try t.withUnsafeBufferPointer { ts in
                try buffer.withUnsafeMutableBufferPointer { g in try focal.lossAndGradient(xs, targets: ts, gradient: g) }
            }
        }
        let uncheckedLoss = try x.withUnsafeBufferPointer { xs in
            try t.withUnsafeBufferPointer { ts in try focal.uncheckedLossAndGradient(xs, targets: ts, gradient: nil) }
        }
        #expect(bufferLoss == loss && buffer == gradient && uncheckedLoss == loss)
    }

    @Test("Float: losses near Float's maximum are summed in Double, so a representable mean is returned (issue 19.5)",
          arguments: [32, 37, 2000, 5000])
    func hugeLossesMean(count: Int) throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: 2)
        let x = [Float](repeating: 1e38, count: count), t = [Float](repeating: 0, count: count)
        // Each loss is softplus(1e38) (1 - p_t)^2 = 1e38 exactly in Float; the sum (3.2e39 and up) is not.
        let mean = try focal.loss(x, targets: t, reduction: .mean)
        #expect(abs(Double(mean) - 1e38) <= 1e-6 * 1e38, "mean \(mean)")
        let (fusedMean, gradient) = try focal.lossAndGradient(x, targets: t, reduction: .mean)
        #expect(fusedMean == mean && gradient.allSatisfy(\.isFinite))
        let weighted = try focal.loss(x, targets: t, weights: [Float](repeating: 2, count: count), reduction: .mean)
        #expect(abs(Double(weighted) - 1e38) <= 1e-6 * 1e38, "weighted mean \(weighted)")
        // The sum itself is beyond Float: infinity, as documented for a result the type cannot hold.
        #expect(try focal.loss(x, targets: t, reduction: .sum) == .infinity)
    }
}
