#if canImport(_Differentiation)
import _Differentiation
import FocalDifferentiation
import FocalLoss
import Testing

/// Targets, labels, weights and the loss's own parameters are data, not differentiated.
@Suite("Arguments that are not differentiated")
struct NonDifferentiableArgumentTests {
    @Test("targets and weights held out of differentiation get a zero tangent")
    func targetsAndWeightsHaveZeroTangents() throws {
        let focal = try SigmoidFocalLoss<Double>(gamma: 2, alpha: 0.25)
        let x: [Double] = [0.5, -1, 2]
        let (dx, dt, dw) = gradient(at: x, [1, 0, 0.5], [1, 2, 0.5]) { (x: [Double], t: [Double], w: [Double]) in
            focal(x, targets: withoutDerivative(at: t), weights: withoutDerivative(at: w))
        }
        #expect(dt.base.allSatisfy { $0 == 0 })
        #expect(dw.base.allSatisfy { $0 == 0 })
        let kernel = try focal.lossAndGradient(x, targets: [1, 0, 0.5], weights: [1, 2, 0.5]).gradient
        #expect(dx.base == kernel)
    }

    @Test("soft targets of the softmax loss held out of differentiation get a zero tangent")
    func softmaxTargetsHaveZeroTangents() throws {
        let focal = try SoftmaxFocalLoss<Float>(gamma: 2)
        let x: [Float] = [0.5, -1, 2, 0, 1, -2]
        let (dx, dt) = gradient(at: x, [0.2, 0.8, 0, 1, 0, 0]) { x, t in
            focal(x, shape: [2, 3], targets: withoutDerivative(at: t))
        }
        #expect(dt.base.allSatisfy { $0 == 0 })
        #expect(dx.base == (try focal.lossAndGradient(x, shape: [2, 3], targets: [0.2, 0.8, 0, 1, 0, 0]).gradient))
    }

    @Test("the loss configurations are constants, not differentiable values")
    func configurationsAreNotDifferentiable() {
        #expect(!(SigmoidFocalLoss<Float>.self is any Differentiable.Type))
        #expect(!(SoftmaxFocalLoss<Double>.self is any Differentiable.Type))
    }
}
#endif
