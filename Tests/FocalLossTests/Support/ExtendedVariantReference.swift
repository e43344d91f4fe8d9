import Foundation
import FocalLoss

/// An independent reference for the sigmoid variants: each definition of the shared README's
/// "Variants" section evaluated in `Float80`, from `p = σ(x)`, `pbar = σ(-x)` and their logs
/// taken on their own side of 0 (no `1 - p` is formed), so that saturated logits keep their tiny
/// losses. No rearrangement of the library's (no hard-target shortcut, no two-sum).
enum ExtendedVariantReference {
    typealias R = Float80

    /// `log(1 + e^y)` for any `y`.
    static func softplus(_ y: R) -> R { max(y, 0) + log1pl(expl(-abs(y))) }

    /// The loss of one element with target `t` and weight `w`, for `loss`'s variant and
    /// parameters (α a constant or none).
    static func loss(_ loss: SigmoidFocalLoss<Double>, x: R, t: R, w: R) -> R {
        let e = expl(-abs(x))
        let (p, pbar) = x >= 0 ? (1 / (1 + e), e / (1 + e)) : (e / (1 + e), 1 / (1 + e))
        let logP = -softplus(-x), logPbar = -softplus(x)
        let ce = -(t * logP + (1 - t) * logPbar)
        let m = p * (1 - t) + pbar * t  // 1 - p_t
        let gamma = R(loss.gamma)
        let alpha: R? = if case .constant(let a) = loss.alpha { R(a) } else { nil }
        let alphaT = alpha.map { $0 * t + (1 - $0) * (1 - t) } ?? 1
        func power(_ b: R, _ g: R) -> R { g == 0 ? 1 : powl(b, g) }
        switch loss.variant {
        case .focal:
            return w * alphaT * power(m, gamma) * ce
        case .focalStar(let beta):
            let s = 2 * t - 1
            return w * alphaT * softplus(-(gamma * s * x + R(beta))) / gamma
        case .poly1(let epsilon):
            return w * (alphaT * power(m, gamma) * ce + R(epsilon) * power(m, gamma + 1))
        case .asymmetric(let gammaPositive, let gammaNegative, let clip):
            let pm = max(p - R(clip), 0)
            // log(1 - p_m): by log1p below 1/2 (where 1 - p_m would round away a small p_m), from
            // pbar above, as the README writes it.
            let logComplement = pm < 0.5 ? log1pl(-pm) : logl(min(1, pbar + R(clip)))
            let negative = pm == 0 ? 0 : power(pm, R(gammaNegative)) * logComplement
            return -w * (t * power(pbar, R(gammaPositive)) * logP + (1 - t) * negative)
        case .quality(let beta):
            // |t - p| as |t·pbar - (1 - t)·p|, the same number, kept exact where p rounds to 1.
            return w * ce * power(abs(t * pbar - (1 - t) * p), R(beta))
        case .varifocal(let iouWeighted):
            let weight = t > 0 ? (iouWeighted ? t : 1) : (alpha ?? 1) * power(p, gamma)
            return w * ce * weight
        }
    }
}
