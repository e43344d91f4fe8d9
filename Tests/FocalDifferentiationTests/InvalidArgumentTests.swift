#if canImport(_Differentiation)
import _Differentiation
import FocalDifferentiation
import FocalLoss
import Testing

/// A differentiable entry point cannot throw: an invalid argument stops the process with a
/// message naming the argument (checked in a child process by exit tests).
@Suite("Invalid arguments stop with a message naming them")
struct InvalidArgumentTests {
    @Test("a target outside [0, 1]")
    func targetOutOfRange() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let focal = try SigmoidFocalLoss<Float>()
            _ = gradient(at: [Float(0.5), 1]) { x in focal(x, targets: [1, 1.5]) }
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("SigmoidFocalLoss: targets: value 1.5 at index 1 is outside [0, 1]"))
    }

    @Test("a label out of range")
    func labelOutOfRange() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let focal = try SoftmaxFocalLoss<Double>()
            _ = focal([0, 1, 2, 3, 4, 5], shape: [2, 3], labels: [0, 7])
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("SoftmaxFocalLoss: labels: value 7 at index 1"))
    }

    @Test("a shape that does not match the predictions (unreduced softmax)")
    func shapeMismatch() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let focal = try SoftmaxFocalLoss<Float>()
            _ = focal.unreducedLosses([0, 1, 2, 3, 4, 5], shape: [2, 4], labels: [0, 1])
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("SoftmaxFocalLoss: predictions: has 6 elements, expected 8"))
    }

    @Test("a non-finite logit from a diverged model")
    func nonFiniteLogit() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let focal = try SigmoidFocalLoss<Double>()
            _ = focal.unreducedLosses([0, .nan, 1], targets: [0, 1, 1])
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("SigmoidFocalLoss: logits: value nan at index 1 is not finite"))
    }
}
#endif
