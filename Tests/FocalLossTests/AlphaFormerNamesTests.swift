import FocalLoss
import Testing

/// The former names of the α weightings (`SigmoidFocalLoss.Alpha.balanced`,
/// `SoftmaxFocalLoss.ClassWeights` and its `uniform`) still build the same losses, so code
/// written against them keeps working. The tests are deprecated themselves, which keeps their
/// uses of the deprecated names from warning.
@Suite("Alpha: former names")
struct AlphaFormerNamesTests {
    @available(*, deprecated)
    @Test("balanced(α) is constant(α) for the sigmoid loss")
    func sigmoidBalanced() throws {
        #expect(SigmoidFocalLoss<Float>.Alpha.balanced(0.25) == .constant(0.25))
        let former = try SigmoidFocalLoss<Double>(gamma: 2, alpha: .balanced(0.25))
        let current = try SigmoidFocalLoss<Double>(gamma: 2, alpha: .constant(0.25))
        let x = [0.3, -1.2, 2.5], t = [1.0, 0, 0.5]
        #expect(try former.loss(x, targets: t) == current.loss(x, targets: t))
    }

    @available(*, deprecated)
    @Test("ClassWeights is Alpha and uniform(a) is constant(a) for the softmax loss")
    func softmaxUniform() throws {
        let weights: SoftmaxFocalLoss<Float>.ClassWeights = .uniform(0.5)
        #expect(weights == SoftmaxFocalLoss<Float>.Alpha.constant(0.5))
        let former = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: weights)
        let current = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: .constant(0.5))
        let x: [Float] = [0.3, -1.2, 2.5, 0, 1, -1]
        #expect(try former.loss(x, shape: [2, 3], classAxis: -1, labels: [Int32(0), 2])
                == current.loss(x, shape: [2, 3], classAxis: -1, labels: [Int32(0), 2]))
    }
}
