import RealModule

/// The sigmoid focal loss of one element and its derivative, computed without cancellation.
///
/// With `p = σ(x)`, `q = 1 - p = σ(-x)`, target `t` and `u = 1 - t`:
///
///     ce      = t·softplus(-x) + u·softplus(x)            (= -t·log p - u·log q)
///     1 - p_t = p·u + q·t
///     loss    = w_α · (1 - p_t)^γ · ce                     (w_α = α·t + (1 - α)·u)
///     dloss/dx = w_α · (1 - p_t)^γ · [ (p·u - q·t) + γ · (p·q / (1 - p_t)) · (u - t) · ce ]
///
/// Every quantity is a sum of non-negative terms or a product, so each keeps full relative
/// precision however small it is (`1 - p_t` is never formed as `1 - p_t`). `p·q / (1 - p_t)` is
/// bounded (it is `q` for `t = 0` and `p` for `t = 1`), which keeps the gradient finite for
/// `0 < γ < 1` where `(1 - p_t)^(γ - 1)` alone would overflow.

struct SigmoidFocalTerm<Scalar: FocalScalar>: Sendable {
    let gamma: Scalar

   
    init(gamma: Scalar) { self.gamma = gamma }

    /// The loss and derivative for a logit `x`, target `t` and class balance weights
    /// `alphaPositive` (for the `t` part) and `alphaNegative` (for the `1 - t` part).
    @inline(__always)
    func fromLogit(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar
    ) -> (loss: Scalar, derivative: Scalar) {
        let e = Scalar.exp(-x.magnitude)  // in (0, 1]
        let reciprocal = 1 / (1 + e)
        let p = x >= 0 ? reciprocal : e * reciprocal
        let q = x >= 0 ? e * reciprocal : reciprocal
        let log1pE = Scalar.log(onePlus: e)
        let softplusPositive = (x > 0 ? x : 0) + log1pE  // -log q
        let softplusNegative = (x < 0 ? -x : 0) + log1pE  // -log p
        let u = 1 - t
        let ce = t * softplusNegative + u * softplusPositive
        let m = p * u + q * t
        let weight = alphaPositive * t + alphaNegative * u
        let scaledModulation = weight * modulatingFactor(m, gamma)
        var bracket = p * u - q * t
        if gamma != 0, m > 0 {
            bracket += gamma * (p * q / m) * (u - t) * ce
        }
        return (scaledModulation * ce, scaledModulation * bracket)
    }

    /// The loss and derivative (with respect to the probability) for a probability `x`,
    /// clamped into `[ε, 1 - ε]` first (see ``PredictionKind/probabilities``).
    @inline(__always)
    func fromProbability(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar
    ) -> (loss: Scalar, derivative: Scalar) {
        let epsilon = Scalar.probabilityEpsilon
        let p = x < epsilon ? epsilon : (x > 1 - epsilon ? 1 - epsilon : x)
        let q = 1 - p
        let u = 1 - t
        let ce = -(t * Scalar.log(p) + u * Scalar.log(onePlus: -p))
        let m = p * u + q * t  // >= min(p, q) >= ε > 0
        let weight = alphaPositive * t + alphaNegative * u
        let scaledModulation = weight * modulatingFactor(m, gamma)
        var bracket = u / q - t / p
        if gamma != 0 {
            bracket += gamma * (u - t) * ce / m
        }
        return (scaledModulation * ce, scaledModulation * bracket)
    }
}
