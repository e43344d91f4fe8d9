#if canImport(_Differentiation)
import _Differentiation
import FocalDifferentiation
import FocalLoss
import Testing

@Suite("Sigmoid focal loss under autodiff")
struct SigmoidDifferentiationTests {
    @Test("the gradient is the fused kernel's, bit for bit", arguments: SigmoidCase.all)
    func gradientIsTheKernelGradient(_ c: SigmoidCase) throws {
        try expectKernelGradient(Float.self, c)
        try expectKernelGradient(Double.self, c)
    }

    private func expectKernelGradient<Scalar>(_ type: Scalar.Type, _ c: SigmoidCase) throws
    where Scalar: FocalScalar & Differentiable, Scalar.TangentVector == Scalar {
        let focal = try c.loss(Scalar.self)
        let data = c.data()
        let x = data.predictions.map { Scalar($0) }
        let t = data.targets.map { Scalar($0) }
        let w = data.weights?.map { Scalar($0) }
        let (value, gradient) = valueWithGradient(at: x) { x in
            focal(x, targets: t, shape: SigmoidCase.shape, weights: w, reduction: c.reduction)
        }
        let kernel = try focal.lossAndGradient(x, targets: t, shape: SigmoidCase.shape, weights: w, reduction: c.reduction)
        #expect(value == kernel.loss)
        #expect(gradient.base == kernel.gradient)
        #expect(focal(x, targets: t, shape: SigmoidCase.shape, weights: w, reduction: c.reduction) == kernel.loss)
    }

    @Test("the gradient matches finite differences of a reference loss", arguments: SigmoidCase.all)
    func gradientMatchesFiniteDifferences(_ c: SigmoidCase) throws {
        let focal = try c.loss(Double.self)
        let (x, t, w) = c.data()
        let autodiff = gradient(at: x) { x in
            focal(x, targets: t, shape: SigmoidCase.shape, weights: w, reduction: c.reduction)
        }
        let expected = finiteDifferenceGradient(at: x) { c.referenceLoss($0, targets: t, weights: w) }
        #expect(relativeError(autodiff.base, expected) < 1e-7)
        #expect(abs(focal(x, targets: t, shape: SigmoidCase.shape, weights: w, reduction: c.reduction)
                    - c.referenceLoss(x, targets: t, weights: w)) < 1e-12)
    }

    @Test("the pullback scales the gradient by its seed and accumulates")
    func seedScalesTheGradient() throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
        let x: [Float] = [2.5, -1, 0.3, -4, 0.8]
        let t: [Float] = [1, 0, 1, 0, 0]
        let kernel = try focal.lossAndGradient(x, targets: t).gradient
        let tripled = gradient(at: x) { x in 3 * focal(x, targets: t) }
        #expect(tripled.base == kernel.map { 3 * $0 })
        let twice = gradient(at: x) { x in focal(x, targets: t) + focal(x, targets: t, reduction: .sum) }
        let sum = try focal.lossAndGradient(x, targets: t, reduction: .sum).gradient
        #expect(twice.base == zip(kernel, sum).map { $0 + $1 })
    }

    @Test("unreduced losses: each element's cotangent times its own derivative", arguments: SigmoidCase.all.filter { $0.reduction == .sum })
    func unreducedLossesPullBackPerElement(_ c: SigmoidCase) throws {
        let focal = try c.loss(Double.self)
        let (x, t, w) = c.data()
        let cotangent = x.indices.map { Double($0 % 4) - 1.5 }
        let (losses, pullback) = valueWithPullback(at: x) { x in
            focal.unreducedLosses(x, targets: t, shape: SigmoidCase.shape, weights: w)
        }
        let kernel = try focal.elementwiseLossesAndGradient(x, targets: t, shape: SigmoidCase.shape, weights: w)
        #expect(losses == kernel.losses)
        let pulled = pullback(.init(cotangent)).base
        #expect(pulled == zip(cotangent, kernel.gradient).map { $0 * $1 })

        // d/dx of Σ_i cotangent_i · w_i · loss_i(x), the losses from the reference.
        let expected = finiteDifferenceGradient(at: x) { x in
            let losses = c.referenceLosses(x, targets: t)
            return x.indices.reduce(0) { $0 + cotangent[$1] * (w?[$1] ?? 1) * losses[$1] }
        }
        #expect(relativeError(pulled, expected) < 1e-7)
    }

    @Test("summing the unreduced losses under autodiff gives the sum reduction's gradient")
    func unreducedSumMatchesSumReduction() throws {
        let focal = try SigmoidFocalLoss<Double>(gamma: 1.5, alpha: 0.25)
        let (x, t, w) = SigmoidCase(alpha: .constant, input: .logits, reduction: .sum, weighted: true).data()
        let viaLosses = gradient(at: x) { x in
            focal.unreducedLosses(x, targets: t, weights: w).differentiableReduce(0, +)
        }
        let viaSum = gradient(at: x) { x in focal(x, targets: t, weights: w, reduction: .sum) }
        #expect(relativeError(viaLosses.base, viaSum.base) < 1e-15)
    }

    @Test("a zero cotangent gives a zero gradient of full length")
    func zeroCotangent() throws {
        let focal = try SigmoidFocalLoss<Float>()
        let x: [Float] = [1, -2, 3]
        let (_, pullback) = valueWithPullback(at: x) { x in focal.unreducedLosses(x, targets: [1, 0, 1]) }
        #expect(pullback(.zero).base == [0, 0, 0])
    }

    @Test("elements with weight 0 get a zero gradient, the others do not")
    func zeroWeightsGiveZeroGradients() throws {
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
        let x: [Float] = [2.5, -1, 0.3, -4, 0.8, 1.2]
        let t: [Float] = [1, 0, 1, 0, 0, 1]
        let w: [Float] = [1, 0, 2, 0, 1, 0]
        for reduction in [FocalReduction.sum, .mean, .normalized(by: 4)] {
            let g = gradient(at: x) { x in focal(x, targets: t, weights: w, reduction: reduction) }.base
            for i in x.indices { #expect((g[i] == 0) == (w[i] == 0), "element \(i), \(reduction)") }
        }
        let zeros = [Float](repeating: 0, count: x.count)
        let everythingMasked = valueWithGradient(at: x) { x in
            focal(x, targets: t, weights: zeros)
        }
        #expect(everythingMasked.value == 0)
        #expect(everythingMasked.gradient.base.allSatisfy { $0 == 0 })
    }
}
#endif
