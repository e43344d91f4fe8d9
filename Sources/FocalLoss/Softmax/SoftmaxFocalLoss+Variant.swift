// The descendants of the softmax focal loss: one type, one call shape, a variant value.

extension SoftmaxFocalLoss {
    /// Which member of the focal-loss family a ``SoftmaxFocalLoss`` computes, with the
    /// parameters that only that member has.
    ///
    /// A variant is made by a static factory with its paper's defaults
    /// (``poly1(gamma:alpha:epsilon:labelSmoothing:threads:)``) and called exactly as the focal
    /// loss is: labels with an ignore index, label smoothing, target tensors, either class axis,
    /// weights and every reduction, loss and exact gradient from one fused pass.
    public enum Variant: Sendable, Hashable {
        /// The softmax focal loss: `-Σ_c a_c q_c (1 - p_c)^γ log p_c`.
        case focal
        /// Poly-1 of PolyLoss (Leng et al. 2022): the focal loss plus `ε (1 - p_t)^(γ+1)` with
        /// `1 - p_t = Σ_c q_c (1 - p_c)`, `ε >= -1`; the polynomial term is not class-weighted.
        /// `γ = 0` without α is Poly-1 cross-entropy `CE + ε (1 - p_t)`, timm's and the paper's
        /// `poly1_cross_entropy` (whose `p_t` is taken against the smoothed target when label
        /// smoothing is on, as here).
        case poly1(epsilon: Scalar)

        /// The variant's name as the command line spells it: `focal` or `poly1`.
        public var name: String {
            switch self {
            case .focal: "focal"
            case .poly1: "poly1"
            }
        }
    }

    /// Poly-1 cross-entropy or Poly-1 focal loss over the classes (see ``Variant/poly1(epsilon:)``).
    ///
    /// ```swift
    /// // Poly-1 cross-entropy with the PolyLoss paper's ImageNet setting.
    /// let poly = try SoftmaxFocalLoss<Float>.poly1(epsilon: 2, labelSmoothing: 0.1)
    /// let loss = try poly.loss([2, 0.5, -1], shape: [1, 3], labels: [0])
    /// ```
    ///
    /// - Parameters:
    ///   - gamma: The focusing parameter, finite and `>= 0` (default 0: Poly-1 cross-entropy).
    ///   - alpha: Class weights of the focal term (default none); each finite and `>= 0`.
    ///   - epsilon: The weight `ε` of the first polynomial term, finite and `>= -1` (default 1,
    ///     the paper's listing).
    ///   - labelSmoothing: In `[0, 1)` (default 0).
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Returns: The loss.
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` naming a bad value.
    public static func poly1(
        gamma: Scalar = 0, alpha: Alpha = .none, epsilon: Scalar = 1, labelSmoothing: Scalar = 0, threads: Int? = nil
    ) throws(FocalLossError) -> Self {
        try Validation.epsilon(epsilon)
        return try Self(
            gamma: gamma, alpha: alpha, labelSmoothing: labelSmoothing, variant: .poly1(epsilon: epsilon),
            input: .logits, threads: threads)
    }
}
