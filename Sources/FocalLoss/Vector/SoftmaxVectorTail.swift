/// The per-position end of the softmax focal loss with integer labels, for a vector of positions
/// at a time (shared by ``SoftmaxRowKernel`` and ``SoftmaxColumnKernel``).
///
/// From `R` (the sum of `e_c = exp(z_c - top)` over the classes other than the label), `e_y` and
/// the label's gap `z_y - top`: `S = R + e_y`, `1 - p_y = R / S` (never `1 - p_y` by
/// subtraction), and `-log p_y` as `log1p(R / e_y)` when `R <= e_y`, else `log S - (z_y - top)`,
/// so it is exact at both ends. The gradient of a position is `g·p_c` off the label and
/// `-g·(1 - p_y)` at it, with `g = a_y·(1 - p_y)^γ·(1 + γ·p_y·(-log p_y) / (1 - p_y))·scale`.
struct SoftmaxVectorTail {
    let math = VectorMath()
    let modulation: VectorModulation

    init(gamma: Float) {
        modulation = VectorModulation(gamma: gamma)
    }

    /// What a vector of positions contributes.
    struct Contribution {
        /// `a_y·(1 - p_y)^γ·(-log p_y)`, 0 in lanes that are not live.
        var loss: Vector
        /// `g / S`: the gradient of class `c` is this times `e_c`.
        var coefficient: Vector
        /// The gradient at the label, `-g·(1 - p_y)`.
        var atLabel: Vector
    }

    /// - Parameters:
    ///   - others: `R` per lane.
    ///   - labelExp: `e_y` per lane.
    ///   - labelGap: `z_y - top` per lane.
    ///   - live: The lanes that count; the others may hold any finite values and get 0.
    ///   - classWeights: `a_y` per lane.
    ///   - scale: The factor of each lane's gradient (its weight times the reduction's scale).
    @_transparent
    func contribution(
        others: Vector, labelExp: Vector, labelGap: Vector, live: Mask, classWeights: Vector, scale: Vector
    ) -> Contribution {
        let total = others + labelExp
        let u = others / total
        let p = labelExp / total
        let ratio = others / labelExp
        let nearOne = ratio .<= math.one
        let viaLog1p = math.log1p(unit: ratio.replacing(with: math.zero, where: .!nearOne))
        let viaLog = math.log(positive: total) - labelGap
        let negativeLogP = viaLog.replacing(with: viaLog1p, where: nearOne)
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
        let loss = (weighted * negativeLogP).replacing(with: math.zero, where: .!live)
        let g = (weighted * bracket * scale).replacing(with: math.zero, where: .!live)
        return Contribution(loss: loss, coefficient: g / total, atLabel: -g * u)
    }
}
