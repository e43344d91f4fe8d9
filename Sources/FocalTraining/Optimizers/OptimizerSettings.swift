/// The optimiser that updates a network's parameters from its gradients.
public struct OptimizerSettings: Sendable, Hashable, Codable {
    /// The update rule.
    public enum Kind: Sendable, Hashable, Codable {
        /// Stochastic gradient descent with (heavy-ball) momentum, as PyTorch's `SGD`:
        /// `v = momentum · v + g`, `θ -= lr · v`.
        case sgd(momentum: Double)
        /// Adam (Kingma & Ba), with bias correction.
        case adam
        /// AdamW (Loshchilov & Hutter): Adam with decoupled weight decay `θ -= lr · decay · θ` of the
        /// weights (the biases are not decayed, as the L2 penalty spares them).
        case adamW(weightDecay: Double)
    }

    /// The update rule.
    public var kind: Kind
    /// The learning rate, finite and `> 0`.
    public var learningRate: Double
    /// Adam's first-moment decay (default 0.9).
    public var beta1: Double
    /// Adam's second-moment decay (default 0.999).
    public var beta2: Double
    /// Adam's denominator guard (default 1e-8).
    public var epsilon: Double

    /// Creates optimiser settings.
    ///
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` for a learning rate that
    ///   is not finite and `> 0`, a momentum outside `[0, 1)`, a weight decay `< 0` or with `learningRate x weightDecay >= 1`,
    ///   or betas outside `[0, 1)`.
    public init(kind: Kind, learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) throws(TrainingError) {
        guard learningRate.isFinite, learningRate > 0 else {
            throw .invalidSetting(parameter: .learningRate, value: "\(learningRate)", requirement: "must be finite and > 0")
        }
        switch kind {
        case .sgd(let momentum) where !(momentum >= 0 && momentum < 1):
            throw .invalidSetting(parameter: .momentum, value: "\(momentum)", requirement: "must be in [0, 1)")
        case .adamW(let decay) where !(decay >= 0 && decay.isFinite):
            throw .invalidSetting(parameter: .weightDecay, value: "\(decay)", requirement: "must be finite and >= 0")
        case .adamW(let decay) where !(learningRate * decay < 1):
            // AdamW multiplies every weight by 1 - lr * decay each step: at 1 or more they vanish or flip sign.
            throw .invalidSetting(parameter: .weightDecay, value: "\(decay)",
                                  requirement: "times the learning rate \(learningRate) must be below 1 (AdamW scales weights by 1 - lr x decay)")
        default: break
        }
        for (parameter, beta) in [(TrainingParameter.beta1, beta1), (.beta2, beta2)] where !(beta >= 0 && beta < 1) {
            throw .invalidSetting(parameter: parameter, value: "\(beta)", requirement: "must be in [0, 1)")
        }
        guard epsilon.isFinite, epsilon > 0 else {
            throw .invalidSetting(parameter: .epsilon, value: "\(epsilon)", requirement: "must be finite and > 0")
        }
        self.kind = kind
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }
}
