/// Quality Focal Loss (GFL) of one element: with `d = t - p = t·q - u·p` (exact for hard
/// targets: `q` or `-p`),
///
///     loss     = |d|^β · ce
///     dloss/dx = -sign(d) · |d|^β · (|d| + β · ce · p q / |d|)
///
/// `p q / |d|` is `p` for `t = 1` and `q` for `t = 0`, formed without division there; at
/// `d = 0` the second term is taken as 0 (its true value is infinite for `β < 1`, 0 for `β > 1`).
struct QualityTerm<Scalar: FocalScalar>: SigmoidElementTerm {
    let beta: Scalar

    @inline(__always)
    func element(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar, weight: Scalar
    ) -> (loss: Scalar, derivative: Scalar) {
        let logistic = Logistic(x)
        let (p, q) = (logistic.p, logistic.q)
        let u = 1 - t
        let ce = logistic.crossEntropy(t)
        let d = t * q - u * p
        let distance = d.magnitude
        let factor = weight * modulatingFactor(distance, beta)
        var bracket = distance
        if beta != 0, distance > 0 {
            let ratio = t == 1 ? p : (t == 0 ? q : p * q / distance)
            bracket += beta * (ratio * ce)  // ratio·ce is bounded; ce alone may be near the type's largest
        }
        let derivative = factor * bracket
        return (factor * ce, d > 0 ? -derivative : (d < 0 ? derivative : 0))
    }
}
