import Foundation

/// An independent reference for the focal losses: the textbook definitions evaluated naively in
/// `Float80` (64-bit significand), with no rearrangement for stability. The 11 extra bits make
/// the naive forms accurate to well below `Double`'s precision for the moderate inputs the
/// random tests draw. Gradients come from a 5-point finite-difference stencil on these
/// definitions, never from a derived formula.
enum ExtendedReference {
    typealias R = Float80

    /// Sigmoid focal loss of one element from the definition.
    static func sigmoidLoss(x: R, t: R, gamma: R, alpha: R?, fromLogits: Bool) -> R {
        var p = fromLogits ? 1 / (1 + expl(-x)) : x
        if !fromLogits {
            let epsilon = R(Double.ulpOfOne / 2)
            p = min(max(p, epsilon), 1 - epsilon)
        }
        let ce = -(t * logl(p) + (1 - t) * logl(1 - p))
        let pt = p * t + (1 - p) * (1 - t)
        var loss = (gamma == 0 ? 1 : powl(1 - pt, gamma)) * ce
        if let alpha { loss *= alpha * t + (1 - alpha) * (1 - t) }
        return loss
    }

    /// Sigmoid focal loss of one element with a hard target, in the closed form that stays exact
    /// when the loss is tiny: with `s = 2t - 1`, the element's loss is `σ(-s·x)^γ · log(1 + e^(-s·x))`,
    /// where `σ(y) = e^y / (1 + e^y)` is evaluated without cancellation on either side of 0.
    static func sigmoidHardTargetLoss(x: R, t: R, gamma: R) -> R {
        let y = t == 1 ? -x : x  // the logit of the wrong class
        let wrong = y < 0 ? expl(y) / (1 + expl(y)) : 1 / (1 + expl(-y))
        let softplus = y < 0 ? log1pl(expl(y)) : y + log1pl(expl(-y))
        return (gamma == 0 ? 1 : powl(wrong, gamma)) * softplus
    }

    /// Softmax focal loss of one position from the definition: `-Σ a_c q_c (1 - p_c)^γ log p_c`.
    static func softmaxLoss(z: [R], q: [R], gamma: R, classWeights: [R]?, fromLogits: Bool) -> R {
        var p: [R]
        if fromLogits {
            let top = z.max()!
            let exps = z.map { expl($0 - top) }
            let total = exps.reduce(0, +)
            p = exps.map { $0 / total }
        } else {
            let epsilon = R(Double.ulpOfOne / 2)
            p = z.map { min(max($0, epsilon), 1 - epsilon) }
        }
        var loss: R = 0
        for c in z.indices where q[c] != 0 {
            let weight = classWeights?[c] ?? 1
            loss -= weight * q[c] * (gamma == 0 ? 1 : powl(1 - p[c], gamma)) * logl(p[c])
        }
        return loss
    }

    /// Sigmoid focal loss of one logit in the textbook stable forms, for logits of any size:
    /// `ce = max(x, 0) - x·t + log(1 + e^-|x|)`, and `p`, `1 - p` each from `e^-|x|` on its own
    /// side, so neither is found by a subtraction.
    static func sigmoidLossAnyLogit(x: R, t: R, gamma: R, alpha: R?) -> R {
        let e = expl(-abs(x))
        let (p, q) = x >= 0 ? (1 / (1 + e), e / (1 + e)) : (e / (1 + e), 1 / (1 + e))
        let ce = max(x, 0) - x * t + log1pl(e)
        let wrong = p * (1 - t) + q * t  // 1 - p_t
        var loss = (gamma == 0 ? 1 : powl(wrong, gamma)) * ce
        if let alpha { loss *= alpha * t + (1 - alpha) * (1 - t) }
        return loss
    }

    /// Softmax focal loss of one position with label `y`, for logits of any spread: with `R` the
    /// sum of the other classes' `e^(z_c - top)`, `-log p_y = log(1 + R / e_y)` and
    /// `1 - p_y = R / (R + e_y)`, so neither is lost to rounding when `p_y` is near 1.
    static func softmaxLabelLossAnyLogits(z: [R], label y: Int, gamma: R, classWeight: R) -> R {
        let top = z.max()!
        let exps = z.map { expl($0 - top) }
        let others = exps.indices.reduce(R(0)) { $1 == y ? $0 : $0 + exps[$1] }
        let negativeLogP = log1pl(others / exps[y])
        return classWeight * (gamma == 0 ? 1 : powl(others / (others + exps[y]), gamma)) * negativeLogP
    }

    /// Softmax Poly-1 of one position with label `y`, for logits of any spread: the focal loss of
    /// ``softmaxLabelLossAnyLogits(z:label:gamma:classWeight:)`` plus `ε (1 - p_y)^(γ+1)`, with
    /// `1 - p_y = R / (R + e_y)` taken from the exponentials (the polynomial term is not
    /// class-weighted).
    static func softmaxPoly1LabelLossAnyLogits(z: [R], label y: Int, gamma: R, epsilon: R, classWeight: R) -> R {
        let top = z.max()!
        let exps = z.map { expl($0 - top) }
        let others = exps.indices.reduce(R(0)) { $1 == y ? $0 : $0 + exps[$1] }
        let complement = others / (others + exps[y])
        return softmaxLabelLossAnyLogits(z: z, label: y, gamma: gamma, classWeight: classWeight)
            + epsilon * powl(complement, gamma + 1)
    }

    /// `df/dx` by the 5-point central stencil with step `h`.
    static func derivative(at x: R, step h: R = 1e-3, _ f: (R) -> R) -> R {
        (8 * (f(x + h) - f(x - h)) - (f(x + 2 * h) - f(x - 2 * h))) / (12 * h)
    }

    /// `∂f/∂z[i]` at `z` by the same stencil, moving `z[i]` alone (a softmax loss against one logit).
    static func partialDerivative(at z: [R], _ i: Int, step h: R = 1e-3, _ f: ([R]) -> R) -> R {
        derivative(at: z[i], step: h) { v in
            var moved = z
            moved[i] = v
            return f(moved)
        }
    }
}
