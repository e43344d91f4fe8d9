#if canImport(_Differentiation)
import _Differentiation
import FocalDifferentiation
import FocalLoss
import FocalTestSupport
import Foundation
import Testing

/// Gradients of small models trained with the focal losses: Swift autodiff through the model
/// (no custom derivatives) and the loss's registered derivative, against finite differences of
/// the model with a reference loss, and against the chain rule written out by hand around the
/// fused kernel's gradient.
@Suite("Model gradients through the focal losses")
struct ModelGradientTests {
    static let inputs = 3
    static let batch = 8
    static let targets: [Double] = [1, 0, 0, 0, 0, 0, 1, 0]

    static func features(seed: UInt64) -> [Double] {
        var generator = SplitMix64(seed: seed)
        return .random(count: batch * inputs, in: -2...2, using: &generator)
    }

    /// `Σ_n g[n] x[n, i]` and `Σ_n g[n]`: the linear layer's gradient given the loss's
    /// gradient with respect to its outputs.
    static func linearGradient<Scalar: FloatingPoint>(_ g: [Scalar], x: [Scalar], inputs: Int) -> [Scalar] {
        var weight = [Scalar](repeating: 0, count: inputs)
        for n in g.indices {
            for i in 0..<inputs { weight[i] += g[n] * x[n * inputs + i] }
        }
        return weight + [g.reduce(0, +)]
    }

    @Test("linear layer + sigmoid focal loss (Double): finite differences and the fused kernel")
    func linearSigmoidDouble() throws {
        var generator = SplitMix64(seed: 1)
        let layer = Linear<Double>.random(inputs: Self.inputs, outputs: 1, using: &generator)
        let x = Self.features(seed: 2), y = Self.targets
        let focal = try SigmoidFocalLoss<Double>(gamma: 2, alpha: 0.25)

        let autodiff = flattened(gradient(at: layer) { layer in focal(layer(x), targets: y) })

        let reference = SigmoidCase(alpha: .constant, input: .logits, reduction: .mean, weighted: false)
        let differences = finiteDifferenceGradient(at: layer.flattened) { parameters in
            reference.referenceLoss(layer.with(parameters)(x), targets: y, weights: nil)
        }
        #expect(relativeError(autodiff, differences) < 1e-7)

        let kernel = try focal.lossAndGradient(layer(x), targets: y).gradient
        #expect(relativeError(autodiff, Self.linearGradient(kernel, x: x, inputs: Self.inputs)) < 1e-14)
    }

    @Test("linear layer + sigmoid focal loss (Float): the fused kernel's chain rule")
    func linearSigmoidFloat() throws {
        var generator = SplitMix64(seed: 4)
        let layer = Linear<Float>.random(inputs: Self.inputs, outputs: 1, using: &generator)
        let x = Self.features(seed: 5).map { Float($0) }, y = Self.targets.map { Float($0) }
        let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)

        let autodiff = flattened(gradient(at: layer) { layer in focal(layer(x), targets: y, reduction: .sum) })
        let kernel = try focal.lossAndGradient(layer(x), targets: y, reduction: .sum).gradient
        let expected = Self.linearGradient(kernel, x: x, inputs: Self.inputs)
        #expect(relativeError(autodiff.map(Double.init), expected.map(Double.init)) < 1e-6)
    }

    @Test("MLP + softmax focal loss with an ignored label: finite differences and the fused kernel")
    func mlpSoftmax() throws {
        var generator = SplitMix64(seed: 6)
        let model = MLP(first: .random(inputs: Self.inputs, outputs: 5, using: &generator),
                        second: .random(inputs: 5, outputs: 3, using: &generator))
        let x = Self.features(seed: 7)
        let labels = [0, 2, -100, 1, 0, 0, 2, 1]
        let focal = try SoftmaxFocalLoss<Double>(gamma: 2, alpha: [0.5, 1, 2], labelSmoothing: 0.05)
        let shape = [Self.batch, 3]

        let autodiff = flattened(gradient(at: model) { model in
            focal(model(x), shape: shape, labels: labels, ignoreIndex: -100)
        })

        let differences = finiteDifferenceGradient(at: model.flattened) { parameters in
            let logits = model.with(parameters)(x)
            let losses = Reference.softmaxLosses(
                logits, positions: Self.batch, classes: 3, index: { $0 * 3 + $1 },
                target: { n, c in labels[n] == -100 ? 0 : (labels[n] == c ? 0.95 : 0) + 0.05 / 3 },
                gamma: 2, classWeights: [0.5, 1, 2], fromLogits: true)
            return Reference.reduce(losses, weights: nil, counted: labels.map { $0 != -100 }, .mean)
        }
        #expect(relativeError(autodiff, differences) < 1e-7)

        // Backpropagation written out: the kernel's gradient at the logits, through the layers.
        let hidden = model.first(x).map { tanh($0) }
        let dLogits = try focal.lossAndGradient(model(x), shape: shape, labels: labels, ignoreIndex: -100).gradient
        let second = Self.denseGradient(dLogits, input: hidden, inputs: 5, outputs: 3)
        var dHidden = [Double](repeating: 0, count: hidden.count)
        for n in 0..<Self.batch {
            for j in 0..<5 {
                var sum = 0.0
                for k in 0..<3 { sum += model.second.weight[k * 5 + j] * dLogits[n * 3 + k] }
                dHidden[n * 5 + j] = sum * (1 - hidden[n * 5 + j] * hidden[n * 5 + j])
            }
        }
        let first = Self.denseGradient(dHidden, input: x, inputs: Self.inputs, outputs: 5)
        #expect(relativeError(autodiff, first + second) < 1e-13)
    }

    /// The weight (`outputs × inputs`) and bias gradients of a dense layer.
    static func denseGradient(_ dOut: [Double], input: [Double], inputs: Int, outputs: Int) -> [Double] {
        var weight = [Double](repeating: 0, count: outputs * inputs)
        var bias = [Double](repeating: 0, count: outputs)
        for n in 0..<(dOut.count / outputs) {
            for o in 0..<outputs {
                bias[o] += dOut[n * outputs + o]
                for i in 0..<inputs { weight[o * inputs + i] += dOut[n * outputs + o] * input[n * inputs + i] }
            }
        }
        return weight + bias
    }

    @Test("masked samples contribute nothing: the gradient equals that of the batch without them")
    func maskedSamplesContributeNothing() throws {
        var generator = SplitMix64(seed: 8)
        let layer = Linear<Double>.random(inputs: Self.inputs, outputs: 1, using: &generator)
        let x = Self.features(seed: 9), y = Self.targets
        let mask: [Double] = [1, 0, 1, 1, 0, 0, 1, 1]
        let focal = try SigmoidFocalLoss<Double>(gamma: 2)

        let masked = flattened(gradient(at: layer) { layer in focal(layer(x), targets: y, weights: mask) })
        let kept = mask.indices.filter { mask[$0] == 1 }
        let keptX = kept.flatMap { n in x[(n * Self.inputs)..<((n + 1) * Self.inputs)] }
        let keptY = kept.map { y[$0] }
        let subset = flattened(gradient(at: layer) { layer in focal(layer(keptX), targets: keptY) })
        #expect(relativeError(masked, subset) < 1e-14)

        let nothing = flattened(gradient(at: layer) { layer in
            focal(layer(x), targets: y, weights: [Double](repeating: 0, count: Self.batch))
        })
        #expect(nothing.allSatisfy { $0 == 0 })

        let softmax = try SoftmaxFocalLoss<Double>(gamma: 2)
        let wide = Linear<Double>.random(inputs: Self.inputs, outputs: 3, using: &generator)
        let ignored = flattened(gradient(at: wide) { wide in
            softmax(wide(x), shape: [Self.batch, 3], labels: [Int](repeating: -1, count: Self.batch), ignoreIndex: -1)
        })
        #expect(ignored.allSatisfy { $0 == 0 })
    }
}
#endif
