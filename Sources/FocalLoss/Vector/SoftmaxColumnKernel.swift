/// The softmax focal loss from logits with integer labels (`Float` or `Double` lanes) in the channels-first
/// layout `(N, C, d1, ...)`, vectorised across positions: each lane is one position, and the
/// class loop reads one contiguous vector of positions per class.
///
/// Per lane: the maximum `top`, `e_c`, `R` (the sum over classes other than the lane's label),
/// `e_y` and `z_y` picked out by masks as the class loop passes the label; the rest is
/// ``SoftmaxVectorTail``.
struct SoftmaxColumnKernel<Math: VectorMath> {
    typealias Scalar = Math.Scalar
    typealias Vector = Math.Vector
    typealias IntVector = Math.IntVector
    let math = Math()
    let tail: SoftmaxVectorTail<Math>

    init(gamma: Scalar) {
        tail = SoftmaxVectorTail(gamma: gamma)
    }

    /// One vector of positions starting at `z` (class `c` at `z + c * stride`).
    ///
    /// - Parameters:
    ///   - labels: The lanes' labels; a lane whose `weight` is 0 (ignored or masked) may hold
    ///     any value and contributes nothing.
    ///   - classWeights: The lanes' class weights `a_y`.
    ///   - scale: Per lane, the position weight times the reduction's scale.
    ///   - check: Accumulates `z · 0`, which turns NaN when a logit is not finite.
    ///   - term: What the variant adds to the focal loss.
    /// - Returns: The lanes' losses times their weights.
    @_transparent
    func block<Term: SoftmaxVectorTerm>(
        _ z: UnsafePointer<Scalar>, stride: Int, classes: Int, labels: IntVector, weight: Vector,
        classWeights: Vector, scale: Vector, gradient: UnsafeMutablePointer<Scalar>?, check: inout Vector, term: Term
    ) -> Vector where Term.Math == Math {
        var top = Vector(repeating: -.infinity)
        for c in 0..<classes {
            let v: Vector = z.loadVector(at: c * stride)
            check = multiplyAdd(v, math.zero, check)
            top = top.replacing(with: v, where: v .> top)
        }
        var others = math.zero
        var labelExp = math.zero
        var labelLogit = math.zero
        for c in 0..<classes {
            let v: Vector = z.loadVector(at: c * stride)
            let gap = v - top
            let e = math.exp(nonPositive: gap)
            gradient?.storeVector(e, at: c * stride)
            let isLabel = labels .== IntVector(repeating: IntVector.Scalar(truncatingIfNeeded: c))
            others += e.replacing(with: math.zero, where: isLabel)
            labelExp = labelExp.replacing(with: e, where: isLabel)
            labelLogit = labelLogit.replacing(with: v, where: isLabel)
        }
        let live = weight .> math.zero
        let half = Vector(repeating: 0.5)  // z_y/2 - top/2 cannot overflow where z_y - top can
        let result = tail.contribution(
            others: others.replacing(with: math.one, where: .!live),
            labelExp: labelExp.replacing(with: math.one, where: .!live),
            halfLabelGap: (labelLogit * half - top * half).replacing(with: math.zero, where: .!live),
            live: live, classWeights: classWeights, lossWeights: weight, scale: scale, term: term)
        if let gradient {
            // Where weight times scale overflowed, a class whose exponential underflowed to 0
            // gets 0, not 0·∞ = NaN (a blend only when some lane's coefficient is infinite).
            // (`g` may be negative with Poly-1's ε < 0: its magnitude is what overflows.)
            let magnitude = unsafeBitCast(unsafeBitCast(result.coefficient, to: IntVector.self) & math.magnitudeMask, to: Vector.self)
            let overflowed = any(.!(magnitude .<= math.greatestFinite))
            for c in 0..<classes {
                let e: Vector = gradient.loadVector(at: c * stride)
                var g = e * result.coefficient
                if overflowed { g = g.replacing(with: math.zero, where: e .== math.zero) }
                gradient.storeVector(g, at: c * stride)
            }
            for lane in 0..<Vector.scalarCount where live[lane] {
                gradient[Int(labels[lane]) * stride + lane] = result.atLabel[lane]
            }
        }
        return result.halfLoss + result.halfLoss
    }
}
