/// The softmax focal loss from logits with integer labels for `Float` in the channels-first
/// layout `(N, C, d1, ...)`, vectorised across positions: each lane is one position, and the
/// class loop reads one contiguous vector of positions per class.
///
/// Per lane: the maximum `top`, `e_c`, `R` (the sum over classes other than the lane's label),
/// `e_y` and `z_y` picked out by masks as the class loop passes the label; the rest is
/// ``SoftmaxVectorTail``.
struct SoftmaxColumnKernel {
    let math = VectorMath()
    let tail: SoftmaxVectorTail

    init(gamma: Float) {
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
    /// - Returns: The lanes' losses times their weights.
    @_transparent
    func block(
        _ z: UnsafePointer<Float>, stride: Int, classes: Int, labels: IntVector, weight: Vector,
        classWeights: Vector, scale: Vector, gradient: UnsafeMutablePointer<Float>?, check: inout Vector
    ) -> Vector {
        var top = Vector(repeating: -.infinity)
        for c in 0..<classes {
            let v = z.loadVector(at: c * stride)
            check = multiplyAdd(v, math.zero, check)
            top = top.replacing(with: v, where: v .> top)
        }
        var others = math.zero
        var labelExp = math.zero
        var labelGap = math.zero
        for c in 0..<classes {
            let gap = z.loadVector(at: c * stride) - top
            let e = math.exp(nonPositive: gap)
            gradient?.storeVector(e, at: c * stride)
            let isLabel = labels .== IntVector(repeating: Int32(truncatingIfNeeded: c))
            others += e.replacing(with: math.zero, where: isLabel)
            labelExp = labelExp.replacing(with: e, where: isLabel)
            labelGap = labelGap.replacing(with: gap, where: isLabel)
        }
        let live = weight .> math.zero
        let result = tail.contribution(
            others: others.replacing(with: math.one, where: .!live),
            labelExp: labelExp.replacing(with: math.one, where: .!live),
            labelGap: labelGap.replacing(with: math.zero, where: .!live),
            live: live, classWeights: classWeights, scale: scale)
        if let gradient {
            for c in 0..<classes {
                gradient.storeVector(gradient.loadVector(at: c * stride) * result.coefficient, at: c * stride)
            }
            for lane in 0..<Vector.scalarCount where live[lane] {
                gradient[Int(labels[lane]) * stride + lane] = result.atLabel[lane]
            }
        }
        return result.loss * weight
    }
}
