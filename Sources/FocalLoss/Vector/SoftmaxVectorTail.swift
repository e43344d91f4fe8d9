/// The per-position end of the softmax focal loss with integer labels, for a vector of positions
/// at a time (shared by ``SoftmaxRowKernel`` and ``SoftmaxColumnKernel``).
///
/// From `R` (the sum of `e_c = exp(z_c - top)` over the classes other than the label), `e_y` and
/// the label's gap `z_y - top`: `S = R + e_y`, `1 - p_y = R / S` (never `1 - p_y` by
/// subtraction), and `-log p_y` as `log1p(R / e_y)` when `R <= e_y`, else `log S - (z_y - top)`,
/// so it is exact at both ends. The gap is taken in halves, `z_y/2 - top/2`, which cannot
/// overflow for finite logits: with logits near `±Float.greatestFiniteMagnitude`, `-log p_y` is
/// beyond `Float`'s range while `a_y·(-log p_y)·weight` may not be, so the tail returns half the
/// loss and the caller doubles it after weighting (exact scalings by 2). The gradient of a
/// position is `g·p_c` off the label and `-g·(1 - p_y)` at it, with `g = a_y·(1 - p_y)^γ·(1 +
/// γ·p_y·(-log p_y) / (1 - p_y))·scale`; a variant's ``SoftmaxVectorTerm`` adds to the loss and
/// to `g` (Poly-1's `g` is negative for some ε < 0).
struct SoftmaxVectorTail<Math: VectorMath> {
    typealias Vector = Math.Vector
    typealias Mask = Math.Mask
    let math = Math()
    let modulation: VectorModulation<Math>

    init(gamma: Math.Scalar) {
        modulation = VectorModulation(gamma: gamma)
    }

    /// What a vector of positions contributes.
    struct Contribution {
        /// Half the weighted loss, `w·a_y·(1 - p_y)^γ·(-log p_y) / 2` plus the variant's term,
        /// 0 in lanes that are not live: the caller doubles it, so that only a weighted loss
        /// beyond `Float`'s range is infinite.
        var halfLoss: Vector
        /// `g / S`: the gradient of class `c` is this times `e_c`.
        var coefficient: Vector
        /// The gradient at the label, `-g·(1 - p_y)`.
        var atLabel: Vector
    }

    /// - Parameters:
    ///   - others: `R` per lane.
    ///   - labelExp: `e_y` per lane.
    ///   - halfLabelGap: `(z_y - top) / 2` per lane, taken as `z_y/2 - top/2` where `z_y - top`
    ///     overflows.
    ///   - live: The lanes that count; the others may hold any finite values and get 0.
    ///   - classWeights: `a_y` per lane.
    ///   - lossWeights: The weight of each lane's loss (the position's weight).
    ///   - scale: The factor of each lane's gradient (its weight times the reduction's scale).
    ///   - term: What the variant adds to the focal loss (``SoftmaxFocalVectorTerm``: nothing).
    @_transparent
    func contribution<Term: SoftmaxVectorTerm>(
        others: Vector, labelExp: Vector, halfLabelGap: Vector, live: Mask, classWeights: Vector, lossWeights: Vector,
        scale: Vector, term: Term
    ) -> Contribution where Term.Math == Math {
        let total = others + labelExp
        let u = others / total
        let p = labelExp / total
        let ratio = others / labelExp
        let nearOne = ratio .<= math.one
        let viaLog1p = math.log1p(unit: ratio.replacing(with: math.zero, where: .!nearOne))
        let half = Vector(repeating: 0.5)
        let viaLogHalf = math.log(positive: total) * half - halfLabelGap
        let halfNegativeLogP = viaLogHalf.replacing(with: viaLog1p * half, where: nearOne)
        let negativeLogP = halfNegativeLogP + halfNegativeLogP  // infinite where the gap overflows
        let factor = modulation.power(u, math)  // once per vector of positions
        var bracket = math.one
        if modulation.kind != .zero {
            let noOthers = u .<= math.zero
            let safeU = u.replacing(with: math.one, where: noOthers)
            let term = modulation.gamma * p * (negativeLogP / safeU)
            // p·(-log p) → 0 as p → 0: a label whose gap overflows has p = 0 and -log p = ∞.
            bracket += term.replacing(with: modulation.gamma, where: noOthers).replacing(with: math.zero, where: p .<= math.zero)
        }
        let weighted = classWeights * factor
        // The position weights before the small factors: a weighted loss in range is kept.
        let (termHalfLoss, gradientFactor) = term.adding(
            toHalfLoss: classWeights * lossWeights * factor * halfNegativeLogP, gradientFactor: weighted * bracket,
            p: p, u: u, factor: factor, lossWeights: lossWeights)
        let halfLoss = termHalfLoss.replacing(with: math.zero, where: .!live)
        let g = (gradientFactor * scale).replacing(with: math.zero, where: .!live)
        // With g infinite (weight times scale overflowed) and 1 - p_y = 0 the label's entry is 0.
        let atLabel = (-g * u).replacing(with: math.zero, where: u .<= math.zero)
        return Contribution(halfLoss: halfLoss, coefficient: g / total, atLabel: atLabel)
    }
}
