/// The state of an optimiser over a list of parameter tensors (the weights and biases of each
/// layer), updated in place one tensor at a time.
///
/// The L2 penalty `λ/2 · Σ w²` of the weights is part of the loss: its gradient `λ · w` is added
/// to the loss gradient of every weight tensor before the update rule sees it, whatever the rule
/// (as PyTorch's `weight_decay` of `SGD` and `Adam`, and scikit-learn's `alpha`). AdamW's decoupled
/// decay is separate and, like the penalty, spares the biases.
struct Optimizer {
    let settings: OptimizerSettings
    /// The L2 penalty λ of the weights (not the biases).
    let l2Penalty: Float
    /// First moments (Adam) or velocities (SGD), one buffer per tensor.
    private var first: [[Float]]
    /// Second moments (Adam), one buffer per tensor.
    private var second: [[Float]]
    /// The number of steps taken.
    private(set) var step = 0

    init(settings: OptimizerSettings, sizes: [Int], l2Penalty: Double = 0) {
        self.settings = settings
        self.l2Penalty = Float(l2Penalty)
        first = sizes.map { [Float](repeating: 0, count: $0) }
        switch settings.kind {
        case .sgd: second = []
        case .adam, .adamW: second = sizes.map { [Float](repeating: 0, count: $0) }
        }
    }

    /// Starts a step: call before updating the tensors of the step.
    mutating func beginStep() { step += 1 }

    /// Updates tensor `slot` from its loss gradient.
    ///
    /// - Parameter isWeight: Whether the tensor holds weights (penalised and decayed) rather than biases.
    mutating func update(_ parameters: inout [Float], gradient: [Float], slot: Int, isWeight: Bool) {
        let lr = Float(settings.learningRate)
        let lambda = isWeight ? l2Penalty : 0
        switch settings.kind {
        case .sgd(let momentum):
            let mu = Float(momentum)
            first[slot].withUnsafeMutableBufferPointer { v in
                for i in parameters.indices {
                    v[i] = mu * v[i] + (gradient[i] + lambda * parameters[i])
                    parameters[i] -= lr * v[i]
                }
            }
        case .adam, .adamW:
            let b1 = Float(settings.beta1), b2 = Float(settings.beta2)
            let correction1 = Float(1 - pow(settings.beta1, step))
            let correction2 = Float(1 - pow(settings.beta2, step))
            let stepSize = lr / correction1
            let rootCorrection2 = correction2.squareRoot()
            let eps = Float(settings.epsilon)
            var decay: Float = 1
            if case .adamW(let weightDecay) = settings.kind, isWeight { decay = 1 - lr * Float(weightDecay) }
            first[slot].withUnsafeMutableBufferPointer { m in
                second[slot].withUnsafeMutableBufferPointer { v in
                    for i in parameters.indices {
                        let g = gradient[i] + lambda * parameters[i]
                        m[i] = b1 * m[i] + (1 - b1) * g
                        v[i] = b2 * v[i] + (1 - b2) * g * g
                        let denominator = v[i].squareRoot() / rootCorrection2 + eps
                        parameters[i] = parameters[i] * decay - stepSize * m[i] / denominator
                    }
                }
            }
        }
    }
}

/// `base^exponent` for a small non-negative integer exponent, in `Double`, by repeated squaring.
private func pow(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0, factor = base, n = exponent
    while n > 0 {
        if n & 1 == 1 { result *= factor }
        factor *= factor
        n >>= 1
    }
    return result
}
