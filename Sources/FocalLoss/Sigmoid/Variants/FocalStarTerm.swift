import RealModule

/// FL* (focal-loss paper, appendix A) of one element: with `s = 2t - 1` and `z = γ s x + β`,
///
///     loss     = α_t · softplus(-z) / γ
///     dloss/dx = -α_t · s · σ(-z)
///
/// `softplus(-z) / γ` is taken as `max(-(s x + β/γ), 0) + log1p(exp(-|z|)) / γ`, so a logit near
/// the type's largest magnitude gives its (large) finite loss even where `γ s x` overflows.
struct FocalStarTerm<Scalar: FocalScalar>: SigmoidElementTerm {
    let gamma: Scalar
    let beta: Scalar

    @inline(__always)
    func element(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar, weight: Scalar
    ) -> (loss: Scalar, derivative: Scalar) {
        let u = 1 - t
        let s = t - u
        let shifted = s * x + beta / gamma  // z / γ
        let z = gamma * shifted
        let weightT = alphaPositive * t + alphaNegative * u
        let linear = shifted < 0 ? -shifted : 0
        let e = Scalar.exp(-z.magnitude)
        let loss = linear + Scalar.log(onePlus: e) / gamma
        let sigmoidOfMinusZ = z >= 0 ? e / (1 + e) : 1 / (1 + e)
        return (weightT * loss, -weightT * s * sigmoidOfMinusZ)
    }
}
