#if canImport(_Differentiation)
import _Differentiation
import FocalDifferentiation
import FocalLoss
import FocalTestSupport
import Testing

@Suite("Softmax focal loss under autodiff")
struct SoftmaxDifferentiationTests {
    @Test("the gradient is the fused kernel's, bit for bit", arguments: SoftmaxCase.all)
    func gradientIsTheKernelGradient(_ c: SoftmaxCase) throws {
        try expectKernelGradient(Float.self, c)
        try expectKernelGradient(Double.self, c)
    }

    private func expectKernelGradient<Scalar>(_ type: Scalar.Type, _ c: SoftmaxCase) throws
    where Scalar: FocalScalar & Differentiable, Scalar.TangentVector == Scalar {
        let focal = try c.loss(Scalar.self)
        let data = c.data()
        let x = data.predictions.map { Scalar($0) }
        let t = data.targets.map { Scalar($0) }
        let w = data.weights?.map { Scalar($0) }
        let (shape, axis, labels) = (c.shape, c.layout.classAxis, data.labels)
        let autodiff: (value: Scalar, gradient: [Scalar].TangentVector)
        let kernel: (loss: Scalar, gradient: [Scalar])
        switch c.targetKind {
        case .labels:
            autodiff = valueWithGradient(at: x) { x in
                focal(x, shape: shape, classAxis: axis, labels: labels, ignoreIndex: SoftmaxCase.ignoreIndex,
                      weights: w, reduction: c.reduction)
            }
            kernel = try focal.lossAndGradient(x, shape: shape, classAxis: axis, labels: labels,
                                               ignoreIndex: SoftmaxCase.ignoreIndex, weights: w, reduction: c.reduction)
        case .tensor:
            autodiff = valueWithGradient(at: x) { x in
                focal(x, shape: shape, classAxis: axis, targets: t, weights: w, reduction: c.reduction)
            }
            kernel = try focal.lossAndGradient(x, shape: shape, classAxis: axis, targets: t, weights: w, reduction: c.reduction)
        }
        #expect(autodiff.value == kernel.loss)
        #expect(autodiff.gradient.base == kernel.gradient)
    }

    @Test("the gradient matches finite differences of a reference loss", arguments: SoftmaxCase.all)
    func gradientMatchesFiniteDifferences(_ c: SoftmaxCase) throws {
        let focal = try c.loss(Double.self)
        let (x, labels, t, w) = c.data()
        let (shape, axis) = (c.shape, c.layout.classAxis)
        let (value, autodiff) = valueWithGradient(at: x) { x in
            switch c.targetKind {
            case .labels:
                focal(x, shape: shape, classAxis: axis, labels: labels, ignoreIndex: SoftmaxCase.ignoreIndex,
                      weights: w, reduction: c.reduction)
            case .tensor:
                focal(x, shape: shape, classAxis: axis, targets: t, weights: w, reduction: c.reduction)
            }
        }
        let expected = finiteDifferenceGradient(at: x) { c.referenceLoss($0, labels: labels, targets: t, weights: w) }
        #expect(relativeError(autodiff.base, expected) < 1e-7)
        #expect(abs(value - c.referenceLoss(x, labels: labels, targets: t, weights: w)) < 1e-12)
    }

    @Test("unreduced losses: each position's cotangent times its own gradient",
          arguments: SoftmaxCase.all.filter { $0.reduction == .sum })
    func unreducedLossesPullBackPerPosition(_ c: SoftmaxCase) throws {
        let focal = try c.loss(Double.self)
        let (x, labels, t, w) = c.data()
        let (shape, axis) = (c.shape, c.layout.classAxis)
        let cotangent = (0..<c.positions).map { Double($0 % 3) - 0.75 }
        let (losses, pullback) = valueWithPullback(at: x) { x in
            switch c.targetKind {
            case .labels:
                focal.unreducedLosses(x, shape: shape, classAxis: axis, labels: labels,
                                      ignoreIndex: SoftmaxCase.ignoreIndex, weights: w)
            case .tensor:
                focal.unreducedLosses(x, shape: shape, classAxis: axis, targets: t, weights: w)
            }
        }
        let reference = c.referenceLosses(x, labels: labels, targets: t)
        let weightedReference = reference.indices.map { reference[$0] * (w?[$0] ?? 1) }
        #expect(relativeError(losses, weightedReference) < 1e-12)
        let expected = finiteDifferenceGradient(at: x) { x in
            let losses = c.referenceLosses(x, labels: labels, targets: t)
            return losses.indices.reduce(0) { $0 + cotangent[$1] * (w?[$1] ?? 1) * losses[$1] }
        }
        #expect(relativeError(pullback(.init(cotangent)).base, expected) < 1e-7)
        #expect(pullback(.zero).base == [Double](repeating: 0, count: x.count))
    }

    @Test("ignored positions and zero-weight positions get a zero gradient")
    func ignoredPositionsGetZeroGradients() throws {
        // (N, C, W) = (2, 3, 2): positions (n, w), labels UInt8 with 255 ignored.
        let focal = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: [0.25, 1, 1])
        var generator = SplitMix64(seed: 3)
        let x: [Float] = .random(count: 12, in: -2...2, using: &generator)
        let labels: [UInt8] = [0, 255, 2, 1]
        let weights: [Float] = [1, 1, 0, 2]
        let g = gradient(at: x) { x in
            focal(x, shape: [2, 3, 2], labels: labels, ignoreIndex: 255, weights: weights)
        }.base
        let index = Reference.layoutIndex(shape: [2, 3, 2], axis: 1)
        for position in 0..<4 {
            let silent = labels[position] == 255 || weights[position] == 0
            for c in 0..<3 {
                #expect((g[index(position, c)] == 0) == silent, "position \(position), class \(c)")
            }
        }
        let allIgnored = valueWithGradient(at: x) { x in
            focal(x, shape: [2, 3, 2], labels: [UInt8](repeating: 255, count: 4), ignoreIndex: 255)
        }
        #expect(allIgnored.value == 0)
        #expect(allIgnored.gradient.base.allSatisfy { $0 == 0 })
    }
}
#endif
