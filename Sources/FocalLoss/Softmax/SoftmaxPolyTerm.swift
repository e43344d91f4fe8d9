/// The polynomial term of softmax Poly-1 for one position, added to the focal term's results.
///
/// With `m = 1 - p_t = Σ_c q_c (1 - p_c)` and `P = Σ_c q_c p_c`:
///
///     loss       = ε m^(γ+1)
///     dloss/dz_j = ε (γ + 1) m^γ · p_j · (P - q_j)          (logits)
///     dloss/dp_j = -ε (γ + 1) m^γ · q_j                      (probabilities)
///
/// `1 - p_c` comes from the exponentials without cancellation (as in ``SoftmaxFocalTerm``), and
/// `q_j - P` is formed as `q_j (1 - p_j) - (P - q_j p_j)`, exactly `q_y·m` and `-P` for a hard
/// label.
struct SoftmaxPolyTerm<Scalar: FocalScalar> {
    /// The focal term it is added to (for γ).
    let focal: SoftmaxFocalTerm<Scalar>
    let epsilon: Scalar

    var gamma: Scalar { focal.gamma }

    /// From the exponentials `exps` that the focal term left (`exp(z_c - max)`, 1 at the
    /// largest): returns `weight ·` the term, and adds `scale ·` its gradient to `gradient`
    /// (stride `stride`) when given.
    @inline(__always)
    func fromExponentials(
        _ exps: UnsafePointer<Scalar>, classes: Int, target q: (Int) -> Scalar, weight: Scalar, scale: Scalar,
        gradient: UnsafeMutablePointer<Scalar>?, stride: Int
    ) -> Scalar {
        var argmax = 0
        for c in 1..<classes where exps[c] > exps[argmax] { argmax = c }
        var rest: Scalar = 0
        for c in 0..<classes where c != argmax { rest += exps[c] }
        let total = 1 + rest
        var m: Scalar = 0
        var matched: Scalar = 0  // P
        for c in 0..<classes {
            let share = q(c)
            guard share != 0 else { continue }
            m += share * (c == argmax ? rest : 1 + (rest - exps[c])) / total
            matched += share * exps[c] / total
        }
        let power = modulatingFactor(m, gamma)
        if let gradient {
            let coefficient = epsilon * (gamma + 1) * power * (weight * scale)
            for j in 0..<classes {
                let share = q(j)
                let p = exps[j] / total
                let complement = j == argmax ? rest / total : (1 + (rest - exps[j])) / total
                let gap = share * complement - (matched - share * p)  // q_j - P
                gradient[j * stride] -= focal.product(coefficient, p * gap)
            }
        }
        return weight * epsilon * power * m
    }

    /// From probabilities `x` (stride `stride`), clamped as the focal term clamps them: returns
    /// `weight ·` the term, and adds `scale ·` its gradient to `gradient` when given.
    @inline(__always)
    func fromProbabilities(
        _ x: UnsafePointer<Scalar>, stride: Int, classes: Int, target q: (Int) -> Scalar, weight: Scalar,
        scale: Scalar, gradient: UnsafeMutablePointer<Scalar>?
    ) -> Scalar {
        let epsilonClamp = Scalar.probabilityEpsilon
        var m: Scalar = 0
        for c in 0..<classes {
            let value = x[c * stride]
            let p = value < epsilonClamp ? epsilonClamp : (value > 1 - epsilonClamp ? 1 - epsilonClamp : value)
            m += q(c) * (1 - p)
        }
        let power = modulatingFactor(m, gamma)
        if let gradient {
            let coefficient = epsilon * (gamma + 1) * power * (weight * scale)
            for j in 0..<classes { gradient[j * stride] -= focal.product(coefficient, q(j)) }
        }
        return weight * epsilon * power * m
    }
}
