import RealModule

/// The softmax focal loss from logits with integer labels for `Float` in the channels-first
/// layout `(N, C, d1, ...)`, vectorised across positions: each lane is one position, and the
/// class loop reads one contiguous vector of positions per class.
///
/// The formulas are those of ``SoftmaxRowKernel``, per lane: the maximum `top`, `e_c`, `R` (the
/// sum over classes other than the lane's label), `e_y` and `z_y` picked out by masks as the
/// class loop passes the label. `-log p_y` is `log1p(R / e_y)` when `R <= e_y` and
/// `log S - (z_y - top)` otherwise, so it is exact at both ends.
struct SoftmaxColumnKernel {
    let math = VectorMath()
    let modulation: VectorModulation
    let gamma: Vector

    init(gamma: Float) {
        modulation = VectorModulation(gamma: gamma)
        self.gamma = Vector(repeating: gamma)
    }

    /// One vector of positions starting at `z` (class `c` at `z + c * stride`).
    ///
    /// - Parameters:
    ///   - labels: The lanes' labels; a lane whose `weight` is 0 (ignored or masked) may hold
    ///     any value and contributes nothing.
    ///   - classWeights: The lanes' class weights `a_y`.
    ///   - scale: Per lane, the position weight times the reduction's scale.
    /// - Returns: The lanes' losses times their weights.
    @_transparent
    func block(
        _ z: UnsafePointer<Float>, stride: Int, classes: Int, labels: IntVector, weight: Vector,
        classWeights: Vector, scale: Vector, gradient: UnsafeMutablePointer<Float>?
    ) -> Vector {
        var top = Vector(repeating: -.infinity)
        for c in 0..<classes {
            let v = z.loadVector(at: c * stride)
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
        let total = others + labelExp
        let u = others / total
        let p = labelExp / total
        let ratio = others / labelExp
        let nearOne = ratio .<= math.one
        let viaLog1p = math.log1p(unit: ratio.replacing(with: math.zero, where: .!nearOne))
        let viaLog = math.log(positive: total) - labelGap
        let negativeLogP = viaLog.replacing(with: viaLog1p, where: nearOne)
        let factor = modulation.power(u, math)
        var bracket = math.one
        if !modulation.isZero {
            let safeU = u.replacing(with: math.one, where: u .<= math.zero)
            let term = gamma * p * (negativeLogP / safeU)
            bracket += term.replacing(with: gamma, where: u .<= math.zero)
        }
        let live = weight .> math.zero
        let loss = (classWeights * factor * negativeLogP).replacing(with: math.zero, where: .!live)
        if let gradient {
            let g = (classWeights * factor * bracket * scale).replacing(with: math.zero, where: .!live)
            let coefficient = g / total
            for c in 0..<classes {
                gradient.storeVector(gradient.loadVector(at: c * stride) * coefficient, at: c * stride)
            }
            let atLabel = -g * u
            for lane in 0..<Vector.scalarCount where live[lane] {
                gradient[Int(labels[lane]) * stride + lane] = atLabel[lane]
            }
        }
        return loss * weight
    }
}
