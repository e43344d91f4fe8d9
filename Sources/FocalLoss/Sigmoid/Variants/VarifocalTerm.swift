/// Varifocal Loss (VarifocalNet) of one element: `ce · w` with `w` the target weight (the
/// element's `alphaPositive`, times `t` when IoU-weighted) where `t > 0`, and `α p^γ`
/// (`alphaNegative` = α) where `t = 0`:
///
///     t > 0:  dloss/dx = w · (p - t)
///     t = 0:  loss = α p^γ softplus(x),  dloss/dx = α p^γ (γ q softplus(x) + p)
struct VarifocalTerm<Scalar: FocalScalar>: SigmoidElementTerm {
    let gamma: Scalar
    let iouWeighted: Bool

    @inline(__always)
    func element(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar, weight: Scalar
    ) -> (loss: Scalar, derivative: Scalar) {
        let logistic = Logistic(x)
        let (p, q) = (logistic.p, logistic.q)
        if t > 0 {
            let w = iouWeighted ? alphaPositive * t : alphaPositive
            // p - t = p·(1 - t) - q·t, exact for t = 1.
            return (w * logistic.crossEntropy(t), w * (p * (1 - t) - q * t))
        }
        let factor = alphaNegative * modulatingFactor(p, gamma)
        var bracket = p
        if gamma != 0 { bracket += gamma * q * logistic.negativeLogQ }
        return (factor * logistic.negativeLogQ, factor * bracket)
    }
}
