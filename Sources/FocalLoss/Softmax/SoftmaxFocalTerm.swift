import RealModule

/// The softmax focal loss of one position and its gradient, computed without cancellation.
///
/// Over the `C` values `z` of one position, with `m` the index of the largest, `s = z - z_m`,
/// `e_c = exp(s_c)`, `R = Σ_{c≠m} e_c` and `S = 1 + R`:
///
///     log p_c = s_c - log(1 + R)          (log1p: exact when p_m is near 1)
///     1 - p_m = R / S,  1 - p_c = (1 + (R - e_c)) / S  for c ≠ m
///     loss    = -Σ_c a_c q_c (1 - p_c)^γ log p_c
///     g_c     = a_c q_c (1 - p_c)^γ [γ p_c (-log p_c) / (1 - p_c) + 1]
///     dloss/dz_j = p_j Σ_c g_c - g_j
///
/// `(-log p)/(1 - p)` tends to 1 as `p → 1`, so `g_c` stays finite for `0 < γ < 1`, where
/// `(1 - p)^(γ - 1)` alone would overflow. For probabilities given directly, `p_c` is clamped into
/// `[ε, 1 - ε]` and `dloss/dp_c = a_c q_c (1 - p_c)^γ [γ log(p_c) / (1 - p_c) - 1 / p_c]`.
struct SoftmaxFocalTerm<Scalar: FocalScalar> {
    let gamma: Scalar

    /// The common part of every logit path: exponentials into `exps` (stride 1), and
    /// `(m, R, S, log S)`.
    @inline(__always)
    func normalize(_ z: UnsafePointer<Scalar>, stride: Int, classes: Int, exps: UnsafeMutablePointer<Scalar>)
        -> (argmax: Int, rest: Scalar, total: Scalar, logTotal: Scalar)
    {
        var argmax = 0
        var top = z[0]
        for c in 1..<classes where z[c * stride] > top {
            top = z[c * stride]
            argmax = c
        }
        var rest: Scalar = 0
        for c in 0..<classes {
            let e = Scalar.exp(z[c * stride] - top)
            exps[c] = e
            if c != argmax { rest += e }
        }
        exps[argmax] = 1
        return (argmax, rest, 1 + rest, Scalar.log(onePlus: rest))
    }

    /// `a · b`, but 0 where that is `0·∞`: a gradient factor that overflowed (a position weight
    /// times the reduction's scale beyond the type) times a probability or complement that
    /// underflowed to 0.
    @inline(__always)
    func product(_ a: Scalar, _ b: Scalar) -> Scalar {
        let value = a * b
        return value.isNaN ? 0 : value
    }

    /// `(1 - p_c)` for class `c` from the normalisation.
    @inline(__always)
    func complement(_ c: Int, argmax: Int, rest: Scalar, total: Scalar, exp: Scalar) -> Scalar {
        c == argmax ? rest / total : (1 + (rest - exp)) / total
    }

    /// `g = a q (1 - p)^γ [γ p (-log p)/(1 - p) + 1]` without its `a q` factor, and the
    /// modulating factor `(1 - p)^γ`, which the callers weight before multiplying by `-log p`
    /// (weights first, so a weighted loss in range is not lost to an unweighted one below it).
    @inline(__always)
    func factors(p: Scalar, oneMinusP u: Scalar, negativeLogP: Scalar) -> (modulation: Scalar, g: Scalar) {
        let modulation = modulatingFactor(u, gamma)
        var bracket: Scalar = 1
        // p·(-log p) → 0 as p → 0: with p = 0 (a logit so far below the top that its gap
        // overflows, making -log p infinite) the term is 0, not 0·∞.
        if gamma != 0, p > 0 {
            bracket += u > 0 ? gamma * p * (negativeLogP / u) : gamma
        }
        return (modulation, modulation * bracket)
    }

    /// Half of `-log p_c` from the normalisation: `log S/2 - (z_c/2 - top/2)` cannot overflow for
    /// finite logits, where `z_c - top` can (logits near the type's largest magnitude), and equals
    /// `(log S - (z_c - top)) / 2` exactly otherwise. As in ``SoftmaxVectorTail``, the terms
    /// return half the weighted loss and the caller doubles it, so only a weighted loss beyond the
    /// type's range is infinite.
    @inline(__always)
    func halfNegativeLogP(_ zc: Scalar, top: Scalar, logTotal: Scalar) -> Scalar {
        logTotal / 2 - (zc / 2 - top / 2)
    }

    /// One position with a hard label `y` from logits: returns half the weighted loss, and when
    /// `gradient` is non-nil writes `scale ·` the gradient (stride `stride`).
    @inline(__always)
    func hardLabel(
        _ z: UnsafePointer<Scalar>, stride: Int, classes: Int, label y: Int, classWeight: Scalar,
        lossWeight: Scalar, scale: Scalar, exps: UnsafeMutablePointer<Scalar>, gradient: UnsafeMutablePointer<Scalar>?
    ) -> Scalar {
        let (argmax, rest, total, logTotal) = normalize(z, stride: stride, classes: classes, exps: exps)
        let top = z[argmax * stride]
        let u = complement(y, argmax: argmax, rest: rest, total: total, exp: exps[y])
        let p = exps[y] / total
        let half = halfNegativeLogP(z[y * stride], top: top, logTotal: logTotal)
        let (modulation, g) = factors(p: p, oneMinusP: u, negativeLogP: half + half)
        let loss = classWeight * lossWeight * modulation * half
        if let gradient {
            let gy = classWeight * g * scale
            let perTotal = gy / total
            for c in 0..<classes { gradient[c * stride] = product(exps[c], perTotal) }
            gradient[y * stride] = product(-gy, u)
        }
        return loss
    }

    /// One position with a target distribution `q` from logits: returns half the weighted loss,
    /// and when `gradient` is non-nil writes `scale ·` the gradient.
    @inline(__always)
    func distribution(
        _ z: UnsafePointer<Scalar>, stride: Int, classes: Int, target q: (Int) -> Scalar,
        classWeights: UnsafePointer<Scalar>?, scale: Scalar,
        lossWeight: Scalar, exps: UnsafeMutablePointer<Scalar>, gs: UnsafeMutablePointer<Scalar>,
        gradient: UnsafeMutablePointer<Scalar>?
    ) -> Scalar {
        let (argmax, rest, total, logTotal) = normalize(z, stride: stride, classes: classes, exps: exps)
        let top = z[argmax * stride]
        var loss: Scalar = 0
        var sumG: Scalar = 0
        for c in 0..<classes {
            let weight = q(c) * (classWeights?[c] ?? 1)
            guard weight != 0 else { gs[c] = 0; continue }
            let u = complement(c, argmax: argmax, rest: rest, total: total, exp: exps[c])
            let half = halfNegativeLogP(z[c * stride], top: top, logTotal: logTotal)
            let (modulation, g) = factors(p: exps[c] / total, oneMinusP: u, negativeLogP: half + half)
            loss += lossWeight * weight * modulation * half
            gs[c] = weight * g
            sumG += weight * g
        }
        if let gradient {
            let perTotal = sumG / total
            for c in 0..<classes { gradient[c * stride] = product(product(exps[c], perTotal) - gs[c], scale) }
        }
        return loss
    }

    /// One position from probabilities with a target distribution `q`: returns half the weighted
    /// loss (as the logit forms do), and when `gradient` is non-nil writes `scale ·` the gradient.
    @inline(__always)
    func probabilities(
        _ x: UnsafePointer<Scalar>, stride: Int, classes: Int, target q: (Int) -> Scalar,
        classWeights: UnsafePointer<Scalar>?, lossWeight: Scalar, scale: Scalar, gradient: UnsafeMutablePointer<Scalar>?
    ) -> Scalar {
        let epsilon = Scalar.probabilityEpsilon
        var loss: Scalar = 0
        for c in 0..<classes {
            let weight = q(c) * (classWeights?[c] ?? 1)
            guard weight != 0 else {
                gradient?[c * stride] = 0
                continue
            }
            let value = x[c * stride]
            let p = value < epsilon ? epsilon : (value > 1 - epsilon ? 1 - epsilon : value)
            let u = 1 - p
            let logP = Scalar.log(p)
            let modulation = modulatingFactor(u, gamma)
            loss -= lossWeight * weight * modulation * (logP / 2)
            if let gradient {
                var bracket = -1 / p
                if gamma != 0 { bracket += gamma * logP / u }
                gradient[c * stride] = product(weight * modulation * bracket, scale)
            }
        }
        return loss
    }
}
