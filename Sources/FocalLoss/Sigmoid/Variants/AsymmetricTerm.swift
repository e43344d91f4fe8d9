import RealModule

/// The Asymmetric Loss (ASL) of one element, linear in the target: with `p_m = max(p - clip, 0)`
/// and `L = -log(1 - p_m)`,
///
///     loss     = t·q^γ₊·(-log p) + u·p_m^γ₋·L                                  (u = 1 - t)
///     dloss/dx = -t·q^γ₊·(γ₊·p·(-log p) + q) + u·p_m^γ₋·(γ₋·p·q·L/p_m + p·q/(1 - p_m))
///
/// for `p > clip` and 0 below. `L / p_m` tends to 1 as `p_m → 0`, so the derivative stays finite
/// for `0 < γ₋ < 1`; `-log p` is `softplus(-x)` (no `eps` clamp), and with `clip = 0`, `L` is
/// `softplus(x)` and `p q / (1 - p_m)` is `p`, so saturated logits lose no precision.
struct AsymmetricTerm<Scalar: FocalScalar>: SigmoidElementTerm {
    let gammaPositive: Scalar
    let gammaNegative: Scalar
    let clip: Scalar

    @inline(__always)
    func element(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar, weight: Scalar
    ) -> (loss: Scalar, derivative: Scalar) {
        let logistic = Logistic(x)
        let (p, q) = (logistic.p, logistic.q)
        let u = 1 - t
        // Positives: q^γ₊ · (-log p).
        let positiveFactor = modulatingFactor(q, gammaPositive)
        var loss = t * positiveFactor * logistic.negativeLogP
        var derivative = -t * positiveFactor * (gammaPositive * p * logistic.negativeLogP + q)
        // Negatives: p_m^γ₋ · L, zero where p <= clip.
        let shifted = clip == 0 ? p : p - clip
        if u != 0, shifted > 0 {
            let logComplement: Scalar  // L = -log(1 - p_m)
            let pqOverComplement: Scalar  // p q / (1 - p_m)
            if clip == 0 {
                logComplement = logistic.negativeLogQ
                pqOverComplement = p
            } else {
                let complement = q + clip
                logComplement = shifted < 0.5 ? -Scalar.log(onePlus: -shifted) : -Scalar.log(complement)
                pqOverComplement = p * (q / complement)
            }
            let negativeFactor = modulatingFactor(shifted, gammaNegative)
            var bracket = pqOverComplement
            if gammaNegative != 0 { bracket += gammaNegative * p * q * (logComplement / shifted) }
            loss += u * negativeFactor * logComplement
            derivative += u * negativeFactor * bracket
        }
        return (weight * loss, weight * derivative)
    }
}
