import FocalLoss

/// Variant losses over the parameters where their formulas are delicate (γ in (0, 1), γ = 0,
/// ε = -1, clip 0, β < 1), for the random and stress tests.
enum VariantConfigurations {
    /// Every sigmoid variant with a range of parameters, named.
    static func sigmoid<Scalar: FocalScalar>(_: Scalar.Type) throws -> [(name: String, loss: SigmoidFocalLoss<Scalar>)] {
        [
            ("focal γ 0.5", try SigmoidFocalLoss(gamma: 0.5, alpha: 0.25)),
            ("focal-star γ 0.5 β 0.25 α 0.75", try .focalStar(gamma: 0.5, beta: 0.25, alpha: 0.75)),
            ("focal-star γ 3 β -0.5", try .focalStar(gamma: 3, beta: -0.5, alpha: .none)),
            ("focal-star defaults", try .focalStar()),
            ("poly1 γ 0 ε -1", try .poly1(gamma: 0, alpha: .none, epsilon: -1)),
            ("poly1 γ 0.5 ε 2 α 0.25", try .poly1(gamma: 0.5, alpha: 0.25, epsilon: 2)),
            ("poly1 defaults", try .poly1()),
            ("asl defaults", try .asymmetric()),
            ("asl γ+ 0.5 γ- 0.75 clip 0", try .asymmetric(gammaPositive: 0.5, gammaNegative: 0.75, clip: 0)),
            ("asl γ+ 2 γ- 0.5 clip 0.25", try .asymmetric(gammaPositive: 2, gammaNegative: 0.5, clip: 0.25)),
            ("qfl defaults", try .quality()),
            ("qfl β 0.5", try .quality(beta: 0.5)),
            ("qfl β 0", try .quality(beta: 0)),
            ("vfl defaults", try .varifocal()),
            ("vfl α 0.25 γ 0.5 not IoU-weighted", try .varifocal(alpha: 0.25, gamma: 0.5, iouWeighted: false)),
            ("vfl α 1 γ 0", try .varifocal(alpha: .constant(1), gamma: 0, iouWeighted: false)),
        ]
    }

    /// Softmax Poly-1 with a range of parameters, named.
    static func softmax<Scalar: FocalScalar>(_: Scalar.Type) throws -> [(name: String, loss: SoftmaxFocalLoss<Scalar>)] {
        [
            ("poly1 CE", try .poly1()),
            ("poly1 γ 0 ε -1", try .poly1(gamma: 0, epsilon: -1)),
            ("poly1 γ 0.5 ε 2 smoothing 0.1", try .poly1(gamma: 0.5, epsilon: 2, labelSmoothing: 0.1)),
            // Class weights <= 1: a loss weighted beyond the type's range is rightly infinite.
            ("poly1 γ 2 ε 1 α per class", try .poly1(gamma: 2, alpha: [0.25, 1, 0.75, 0.5], epsilon: 1)),
        ]
    }

    /// Whether the variant takes only hard targets.
    static func isHardOnly<Scalar>(_ loss: SigmoidFocalLoss<Scalar>) -> Bool {
        if case .focalStar = loss.variant { return true }
        return false
    }
}
