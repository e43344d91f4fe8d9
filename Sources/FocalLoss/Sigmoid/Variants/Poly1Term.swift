/// Poly-1 focal loss (PolyLoss) of one element: the focal loss plus `ε (1 - p_t)^(γ+1)`,
/// with `m = 1 - p_t = p·u + q·t` (`u = 1 - t`) and `dm/dx = p·q·(u - t)`:
///
///     loss     = α_t m^γ ce + ε m^(γ+1)
///     dloss/dx = (focal derivative) + ε (γ + 1) m^γ p q (u - t)
///
/// α weights the focal term only; the element's weight multiplies both.
struct Poly1Term<Scalar: FocalScalar>: SigmoidElementTerm {
    let focal: SigmoidFocalTerm<Scalar>
    let epsilon: Scalar

    @inline(__always)
    func element(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar, weight: Scalar
    ) -> (loss: Scalar, derivative: Scalar) {
        let (loss, derivative) = focal.fromLogit(x, target: t, alphaPositive: alphaPositive, alphaNegative: alphaNegative)
        let logistic = Logistic(x)
        let (p, q) = (logistic.p, logistic.q)
        let u = 1 - t
        let m = p * u + q * t
        let gamma = focal.gamma
        let scaled = weight * epsilon * modulatingFactor(m, gamma)
        return (loss + scaled * m, derivative + scaled * (gamma + 1) * p * q * (u - t))
    }
}
