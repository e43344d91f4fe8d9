import RealModule

/// The softmax focal loss from logits with integer labels for `Float`, one row of `C`
/// contiguous class scores at a time (class-last layout), vectorised along the row.
///
/// Per row: the maximum `top`; `e_c = exp(z_c - top)` stored into the gradient row; `R`, the sum
/// of `e_c` over the classes other than the label `y` (masked, never formed as `S - e_y`);
/// `1 - p_y = R / S`, `-log p_y = log1p(R / e_y)`; then the gradient `g·p_c` (and `-g·(1 - p_y)`
/// at `y`) by one scaling pass over the stored row. The rows are short enough (320 bytes at
/// C = 80) to stay in L1 between the passes.
struct SoftmaxRowKernel {
    let math = VectorMath()
    let gamma: Float

    /// The loss of one row (times `classWeight`), writing `scale ·` its gradient into `gradient`
    /// when given. `scratch` holds `classes` floats when `gradient` is `nil`.
    @inline(__always)
    func row(
        _ z: UnsafePointer<Float>, classes: Int, label y: Int, classWeight: Float, scale: Float,
        gradient: UnsafeMutablePointer<Float>?, scratch: UnsafeMutablePointer<Float>
    ) -> Float {
        let lanes = Vector.scalarCount
        let whole = classes - classes % lanes
        let rest = classes - whole
        // The maximum.
        var top = Vector(repeating: -.infinity)
        var c = 0
        while c < whole {
            let v = z.loadVector(at: c)
            top = top.replacing(with: v, where: v .> top)
            c += lanes
        }
        if rest > 0 {
            let v = z.loadPartialVector(at: whole, count: rest, padding: -.infinity)
            top = top.replacing(with: v, where: v .> top)
        }
        var maximum = top[0]
        for lane in 1..<lanes where top[lane] > maximum { maximum = top[lane] }
        let topVector = Vector(repeating: maximum)

        // Exponentials, stored, and their sum without the label's.
        let out = gradient ?? scratch
        let label = IntVector(repeating: Int32(truncatingIfNeeded: y))
        var laneIndex = math.laneIndices
        let step = IntVector(repeating: Int32(lanes))
        var others = math.zero
        c = 0
        while c < whole {
            let e = math.exp(nonPositive: z.loadVector(at: c) - topVector)
            out.storeVector(e, at: c)
            others += e.replacing(with: math.zero, where: laneIndex .== label)
            laneIndex &+= step
            c += lanes
        }
        if rest > 0 {
            let e = math.exp(nonPositive: z.loadPartialVector(at: whole, count: rest, padding: -.infinity) - topVector)
            out.storePartialVector(e, at: whole, count: rest)
            others += e.replacing(with: math.zero, where: laneIndex .== label)
        }
        var r: Float = 0
        for lane in 0..<lanes { r += others[lane] }

        // The label's terms, in scalar arithmetic.
        let gap = z[y] - maximum  // <= 0
        let ey = Float.exp(gap)
        let total = r + ey
        let u = r / total  // 1 - p_y
        let p = ey / total
        let negativeLogP = ey > 0x1p-20 ? Float.log(onePlus: r / ey) : Float.log(total) - gap
        let modulation = modulatingFactor(u, gamma)
        var bracket: Float = 1
        if gamma != 0 {
            bracket += u > 0 ? gamma * p * (negativeLogP / u) : gamma
        }
        let loss = classWeight * modulation * negativeLogP
        guard let gradient else { return loss }

        // The gradient: g·p_c = (g / S)·e_c, and -g·(1 - p_y) at the label.
        let g = classWeight * modulation * bracket * scale
        let coefficient = Vector(repeating: g / total)
        c = 0
        while c < whole {
            gradient.storeVector(gradient.loadVector(at: c) * coefficient, at: c)
            c += lanes
        }
        for k in whole..<classes { gradient[k] *= g / total }
        gradient[y] = -g * u
        return loss
    }
}
