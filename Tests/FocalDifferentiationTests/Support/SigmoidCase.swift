#if canImport(_Differentiation)
import FocalLoss
import FocalTestSupport
import Testing

/// One configuration of the sigmoid focal loss and its input, over a `4 × 3` tensor whose
/// classes (for per-class α) run along axis 1.
struct SigmoidCase: Sendable, CustomTestStringConvertible {
    enum AlphaKind: Sendable, CaseIterable { case none, constant, perClass }

    var alpha: AlphaKind
    var input: PredictionKind
    var reduction: FocalReduction
    var weighted: Bool

    static let shape = [4, 3]
    static let gamma = 2.0
    static let classAlphas = [0.25, 0.5, 0.75]

    static let all: [SigmoidCase] = AlphaKind.allCases.flatMap { alpha in
        PredictionKind.allCases.flatMap { input in
            [FocalReduction.sum, .mean, .normalized(by: 2.5)].flatMap { reduction in
                [false, true].map { SigmoidCase(alpha: alpha, input: input, reduction: reduction, weighted: $0) }
            }
        }
    }

    var testDescription: String {
        "alpha \(alpha), \(input), \(reduction)\(weighted ? ", weighted" : "")"
    }

    func loss<Scalar: FocalScalar>(_: Scalar.Type, gamma: Double = gamma) throws -> SigmoidFocalLoss<Scalar> {
        let alpha: SigmoidFocalLoss<Scalar>.Alpha = switch self.alpha {
        case .none: .none
        case .constant: .constant(0.25)
        case .perClass: .perClass(Self.classAlphas.map { Scalar($0) }, classAxis: 1)
        }
        return try SigmoidFocalLoss<Scalar>(gamma: Scalar(gamma), alpha: alpha, input: input)
    }

    /// Predictions, hard and soft targets, and weights (with zeros) as Double.
    func data(seed: UInt64 = 7) -> (predictions: [Double], targets: [Double], weights: [Double]?) {
        var generator = SplitMix64(seed: seed)
        let count = Self.shape.reduce(1, *)
        let predictions: [Double] = input == .logits
            ? .random(count: count, in: -3...3, using: &generator)
            : .random(count: count, in: 0.05...0.95, using: &generator)
        let targets: [Double] = (0..<count).map { [0, 1, 0.3, 1, 0, 0][$0 % 6] }
        let weights: [Double]? = weighted ? (0..<count).map { $0 % 5 == 2 ? 0 : 0.5 + Double($0 % 3) } : nil
        return (predictions, targets, weights)
    }

    /// The reference loss of each element of Double predictions for this case, unweighted.
    func referenceLosses(_ predictions: [Double], targets: [Double]) -> [Double] {
        let alphas: [Double]? = switch alpha {
        case .none: nil
        case .constant: [Double](repeating: 0.25, count: predictions.count)
        case .perClass: predictions.indices.map { Self.classAlphas[$0 % 3] }
        }
        return Reference.sigmoidLosses(
            predictions, targets: targets, gamma: Self.gamma, alpha: alphas, fromLogits: input == .logits)
    }

    /// The reference loss of Double predictions for this case, reduced.
    func referenceLoss(_ predictions: [Double], targets: [Double], weights: [Double]?) -> Double {
        Reference.reduce(referenceLosses(predictions, targets: targets), weights: weights, reduction.reference)
    }
}

extension FocalReduction {
    var reference: Reference.Reduction {
        switch self {
        case .sum: .sum
        case .mean: .mean
        case .normalized(let c): .normalized(c)
        }
    }
}
#endif
