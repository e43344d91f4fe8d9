// The descendants of the sigmoid focal loss: one type, one call shape, a variant value.

extension SigmoidFocalLoss {
    /// Which member of the focal-loss family a ``SigmoidFocalLoss`` computes, with the
    /// parameters that only that member has.
    ///
    /// Every variant is made by a static factory with the defaults of its paper
    /// (``focalStar(gamma:beta:alpha:threads:)``, ``poly1(gamma:alpha:epsilon:threads:)``,
    /// ``asymmetric(gammaPositive:gammaNegative:clip:threads:)``, ``quality(beta:threads:)``,
    /// ``varifocal(alpha:gamma:iouWeighted:threads:)``) and is called exactly as the focal loss
    /// is: the same entry points, reductions, weights and buffers, loss and exact gradient from one
    /// fused pass. The variants take logits. With `p = σ(x)`, `q = 1 - p`, target `t`,
    /// `ce = -(t·log p + (1 - t)·log q)` and `1 - p_t = p·(1 - t) + q·t`:
    ///
    /// - ``focal``: `α_t (1 - p_t)^γ ce`
    /// - ``focalStar(beta:)``: `α_t softplus(-(γ s x + β)) / γ`, with `s = 2t - 1`
    /// - ``poly1(epsilon:)``: `α_t (1 - p_t)^γ ce + ε (1 - p_t)^(γ+1)`
    /// - ``asymmetric(gammaPositive:gammaNegative:clip:)``: `t q^γ₊ (-log p) + (1 - t) p_m^γ₋ (-log(1 - p_m))`,
    ///   with `p_m = max(p - clip, 0)`
    /// - ``quality(beta:)``: `abs(t - p)^β ce`
    /// - ``varifocal(iouWeighted:)``: `ce · w`, with `w = t` (or 1) where `t > 0` and `w = α p^γ` where `t = 0`
    ///
    /// The gradients are the full derivatives of these losses: no weight is detached (where a
    /// peer detaches one, the difference is stated at the case).
    public enum Variant: Sendable, Hashable {
        /// The focal loss of Lin et al. (2017), torchvision's `sigmoid_focal_loss`: ``gamma``
        /// and ``alpha``.
        case focal
        /// FL* of the focal-loss paper (Lin et al. 2017, appendix A): `-log σ(γ s x + β) / γ`
        /// with `s = 2t - 1`, times `α_t`; ``gamma`` `> 0`. fvcore's `sigmoid_focal_loss_star`
        /// is `β = 0` (its default `γ = 1`); the paper's best setting is `γ = 2, β = 1`.
        /// Targets are hard (0 or 1).
        case focalStar(beta: Scalar)
        /// Poly-1 focal loss of PolyLoss (Leng et al. 2022), as the paper's listing
        /// `poly1_focal_loss`: `α_t (1 - p_t)^γ ce + ε (1 - p_t)^(γ+1)`, `ε >= -1`; ``alpha``
        /// weights the focal term only. `γ = 0` without α is Poly-1 binary cross-entropy.
        case poly1(epsilon: Scalar)
        /// The Asymmetric Loss of Ridnik et al. (2021) for multi-label classification, as
        /// Alibaba-MIIL's `AsymmetricLossOptimized` with `disable_torch_grad_focal_loss=False`
        /// (the full gradient): positives weighted by `(1 - p)^γ₊`, negatives by `p_m^γ₋` with
        /// the shifted probability `p_m = max(p - clip, 0)`, `clip` in `[0, 1)`. Where ASL clamps
        /// the probabilities by `eps = 1e-8` before the logarithm, this computes `log σ(x)`
        /// exactly, so saturated logits give the true small loss rather than a floor; ASL's option
        /// of a detached weight (`disable_torch_grad_focal_loss=True`) changes its gradient, not
        /// its loss. Linear in a soft target `t`. ``gamma`` and ``alpha`` are not used.
        case asymmetric(gammaPositive: Scalar, gammaNegative: Scalar, clip: Scalar)
        /// Quality Focal Loss of Generalized Focal Loss (Li et al. 2020), as mmdet's
        /// `quality_focal_loss` on one class map: `ce(x, t) · |t - p|^β`, `t` the soft quality
        /// (IoU) target, `β >= 0`. mmdet separates the positive class from the background by a
        /// label and score pair; here the target `t` carries both (0 for background). At
        /// `p = t` exactly, where the derivative of `|t - p|^β` is infinite for `β < 1`, that
        /// factor's derivative is taken as 0. ``gamma`` and ``alpha`` are not used.
        case quality(beta: Scalar)
        /// Varifocal Loss of VarifocalNet (Zhang et al. 2021), as mmdet's `varifocal_loss`:
        /// `ce · w` with `w = t` (`iouWeighted`, mmdet's `iou_weighted=True`) or 1 where `t > 0`,
        /// and `w = α p^γ` where `t = 0`. ``alpha`` (default 0.75) weights the negatives only
        /// (``Alpha/none`` is `α = 1`), ``gamma`` is the exponent of `p`.
        case varifocal(iouWeighted: Bool)

        /// The variant's name as the command line spells it: `focal`, `focal-star`, `poly1`,
        /// `asl`, `qfl`, `vfl`.
        public var name: String {
            switch self {
            case .focal: "focal"
            case .focalStar: "focal-star"
            case .poly1: "poly1"
            case .asymmetric: "asl"
            case .quality: "qfl"
            case .varifocal: "vfl"
            }
        }
    }

    /// FL*, the focal-loss paper's appendix variant (see ``Variant/focalStar(beta:)``).
    ///
    /// ```swift
    /// let star = try SigmoidFocalLoss<Float>.focalStar(gamma: 2, beta: 1)
    /// let loss = try star.loss([2.5, -1], targets: [1, 0])
    /// ```
    ///
    /// - Parameters:
    ///   - gamma: The slope `γ`, finite and `> 0` (default 2, the paper's best).
    ///   - beta: The shift `β`, finite (default 1, the paper's best; fvcore's is 0).
    ///   - alpha: The class-balance weighting (default 0.25, the paper's).
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Returns: The loss.
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` naming a bad value.
    public static func focalStar(
        gamma: Scalar = 2, beta: Scalar = 1, alpha: Alpha = 0.25, threads: Int? = nil
    ) throws(FocalLossError) -> Self {
        guard gamma.isFinite, gamma > 0 else {
            throw .invalidParameter(name: "gamma", value: Double(gamma), requirement: "must be finite and > 0 for focal-star")
        }
        try Validation.finite(beta, name: "beta")
        return try Self(gamma: gamma, alpha: alpha, variant: .focalStar(beta: beta), threads: threads)
    }

    /// Poly-1 focal loss (see ``Variant/poly1(epsilon:)``).
    ///
    /// - Parameters:
    ///   - gamma: The focusing parameter, finite and `>= 0` (default 2, the PolyLoss listing's).
    ///   - alpha: The class-balance weighting of the focal term (default 0.25, as the listing).
    ///   - epsilon: The weight `ε` of the first polynomial term, finite and `>= -1` (default 1).
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Returns: The loss.
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` naming a bad value.
    public static func poly1(
        gamma: Scalar = 2, alpha: Alpha = 0.25, epsilon: Scalar = 1, threads: Int? = nil
    ) throws(FocalLossError) -> Self {
        try Validation.epsilon(epsilon)
        return try Self(gamma: gamma, alpha: alpha, variant: .poly1(epsilon: epsilon), threads: threads)
    }

    /// The Asymmetric Loss (see ``Variant/asymmetric(gammaPositive:gammaNegative:clip:)``).
    ///
    /// - Parameters:
    ///   - gammaPositive: The exponent of the positives' weight `(1 - p)^γ₊`, finite and `>= 0`
    ///     (default 0, as ASL).
    ///   - gammaNegative: The exponent of the negatives' weight `p_m^γ₋`, finite and `>= 0`
    ///     (default 4, as ASL).
    ///   - clip: The probability margin `m` of the negatives, in `[0, 1)` (default 0.05, as ASL).
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Returns: The loss.
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` naming a bad value.
    public static func asymmetric(
        gammaPositive: Scalar = 0, gammaNegative: Scalar = 4, clip: Scalar = 0.05, threads: Int? = nil
    ) throws(FocalLossError) -> Self {
        try Validation.exponent(gammaPositive, name: "gammaPositive")
        try Validation.exponent(gammaNegative, name: "gammaNegative")
        guard clip >= 0, clip < 1 else {
            throw .invalidParameter(name: "clip", value: Double(clip), requirement: "must be in [0, 1)")
        }
        return try Self(
            gamma: 0, alpha: .none,
            variant: .asymmetric(gammaPositive: gammaPositive, gammaNegative: gammaNegative, clip: clip), threads: threads)
    }

    /// Quality Focal Loss (see ``Variant/quality(beta:)``).
    ///
    /// - Parameters:
    ///   - beta: The exponent `β` of `|t - p|`, finite and `>= 0` (default 2, as GFL).
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Returns: The loss.
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` for a bad `beta`.
    public static func quality(beta: Scalar = 2, threads: Int? = nil) throws(FocalLossError) -> Self {
        try Validation.exponent(beta, name: "beta")
        return try Self(gamma: 0, alpha: .none, variant: .quality(beta: beta), threads: threads)
    }

    /// Varifocal Loss (see ``Variant/varifocal(iouWeighted:)``).
    ///
    /// - Parameters:
    ///   - alpha: The weight of the negatives, in `[0, 1]` (default 0.75, as VarifocalNet).
    ///   - gamma: The exponent of `p` in the negatives' weight, finite and `>= 0` (default 2).
    ///   - iouWeighted: Whether positives are weighted by their target `t` (default `true`).
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Returns: The loss.
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` naming a bad value.
    public static func varifocal(
        alpha: Alpha = 0.75, gamma: Scalar = 2, iouWeighted: Bool = true, threads: Int? = nil
    ) throws(FocalLossError) -> Self {
        try Self(gamma: gamma, alpha: alpha, variant: .varifocal(iouWeighted: iouWeighted), threads: threads)
    }

    /// The weights of the positive and negative terms that α gives a class: `(α, 1 - α)` for the
    /// focal loss and the variants that weight as it does, `(1, α)` for ``Variant/varifocal(iouWeighted:)``
    /// (α weights its negatives only).
    func alphaTerms(_ value: Scalar) -> (positive: Scalar, negative: Scalar) {
        if case .varifocal = variant { return (1, value) }
        return (value, 1 - value)
    }
}
