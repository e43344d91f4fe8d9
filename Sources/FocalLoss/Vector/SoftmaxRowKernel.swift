/// The softmax focal loss from logits with integer labels (`Float` or `Double` lanes), class-last
/// layout: each row of `C` contiguous class scores is read along the row, a vector of classes at
/// a time, and the per-row end of the computation runs for a vector of rows at once (one row per
/// lane: eight `Float` rows, sixteen with `FOCAL_WIDE_VECTORS`, four `Double` rows) in
/// ``SoftmaxVectorTail``.
///
/// Per row: the maximum `top` (a pass that also checks the logits are finite); `e_c =
/// exp(z_c - top)`, stored into the gradient row when there is one, and `R`, their sum over the
/// classes other than the label (only the vector holding the label is masked); then, after the
/// tail, the gradient `(g / S)·e_c` by one scaling pass over the stored row, and `-g·(1 - p_y)`
/// at the label. Eight `Float` rows of 80 classes take 2.5 KiB, so the row passes stay in L1.
struct SoftmaxRowKernel<Math: VectorMath> {
    typealias Scalar = Math.Scalar
    typealias Vector = Math.Vector
    typealias IntVector = Math.IntVector
    let math = Math()
    let tail: SoftmaxVectorTail<Math>

    init(gamma: Scalar) {
        tail = SoftmaxVectorTail(gamma: gamma)
    }

    /// The maximum of a row, and `check` advanced by `z_c · 0` over it (NaN once a logit is not
    /// finite).
    @inline(__always)
    func maximum(_ z: UnsafePointer<Scalar>, classes: Int, check: inout Vector) -> Scalar {
        let lanes = Vector.scalarCount
        let whole = classes - classes % lanes
        var top = Vector(repeating: -.infinity)
        var c = 0
        while c < whole {
            let v: Vector = z.loadVector(at: c)
            check = multiplyAdd(v, math.zero, check)
            top = top.replacing(with: v, where: v .> top)
            c += lanes
        }
        if whole < classes {
            // Padding with the row's first value changes neither the maximum nor the check.
            let v: Vector = z.loadPartialVector(at: whole, count: classes - whole, padding: z[0])
            check = multiplyAdd(v, math.zero, check)
            top = top.replacing(with: v, where: v .> top)
        }
        return top.laneMaximum
    }

    /// `R`, the sum of `exp(z_c - top)` over the classes other than `y`, storing every
    /// `exp(z_c - top)` into `out` when given.
    @inline(__always)
    func othersSum(
        _ z: UnsafePointer<Scalar>, classes: Int, label y: Int, top: Scalar, out: UnsafeMutablePointer<Scalar>?
    ) -> Scalar {
        let lanes = Vector.scalarCount
        let whole = classes - classes % lanes
        let topVector = Vector(repeating: top)
        let labelStart = y - y % lanes  // the vector holding the label
        var others = math.zero
        var c = 0
        while c < whole {
            let e = math.exp(nonPositive: (z.loadVector(at: c) as Vector) - topVector)
            out?.storeVector(e, at: c)
            if c == labelStart {
                others += e.replacing(with: math.zero, where: math.laneIndices .== IntVector(repeating: IntVector.Scalar(truncatingIfNeeded: y - c)))
            } else {
                others += e
            }
            c += lanes
        }
        if whole < classes {
            let e = math.exp(nonPositive: (z.loadPartialVector(at: whole, count: classes - whole, padding: -.infinity) as Vector) - topVector)
            out?.storePartialVector(e, at: whole, count: classes - whole)
            others += e.replacing(with: math.zero, where: math.laneIndices .== IntVector(repeating: IntVector.Scalar(truncatingIfNeeded: y - whole)))
        }
        return others.laneTotal
    }

    /// Scales a stored row of exponentials into its gradient.
    @inline(__always)
    func scale(_ row: UnsafeMutablePointer<Scalar>, classes: Int, by coefficient: Scalar, label y: Int, atLabel: Scalar) {
        guard coefficient.isFinite else {
            // The position's weight times the reduction's scale overflowed: a class whose
            // exponential underflowed to 0 gets 0, not 0·∞ = NaN (the rare path).
            for c in 0..<classes { row[c] = row[c] == 0 ? 0 : row[c] * coefficient }
            row[y] = atLabel
            return
        }
        let lanes = Vector.scalarCount
        let whole = classes - classes % lanes
        let factor = Vector(repeating: coefficient)
        var c = 0
        while c < whole {
            row.storeVector((row.loadVector(at: c) as Vector) * factor, at: c)
            c += lanes
        }
        for k in whole..<classes { row[k] *= coefficient }
        row[y] = atLabel
    }
}
