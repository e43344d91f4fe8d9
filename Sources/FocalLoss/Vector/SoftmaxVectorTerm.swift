/// What a member of the softmax focal-loss family adds to the focal loss of a vector of positions
/// with hard labels, in ``SoftmaxVectorTail``: the row and column kernels are generic over it, so
/// each variant's loop is specialised and the focal loss's own adds nothing.
///
/// With a hard label `y`, `1 - p_t = 1 - p_y`, so a variant's term depends on the position through
/// `p_y` alone, and its gradient has the focal loss's shape: `G·p_c` off the label and `-G·(1 -
/// p_y)` at it, for one factor `G` per position. The term only changes that factor and adds to
/// the loss.
protocol SoftmaxVectorTerm {
    associatedtype Math: VectorMath
    typealias Vector = Math.Vector

    /// The focal loss's parts, with the term added.
    ///
    /// - Parameters:
    ///   - halfLoss: Half the focal loss times the position weight, `w·a_y·(1 - p_y)^γ·(-log p_y) / 2`.
    ///   - gradientFactor: The focal loss's `G` before the position's scale, `a_y·(1 - p_y)^γ·(1 +
    ///     γ·p_y·(-log p_y) / (1 - p_y))`.
    ///   - p: `p_y`.
    ///   - u: `1 - p_y`, found without cancellation.
    ///   - factor: `(1 - p_y)^γ`.
    ///   - lossWeights: The position weights `w`.
    /// - Returns: Half the weighted loss and `G` before the scale, with the term's parts added.
    func adding(
        toHalfLoss halfLoss: Vector, gradientFactor: Vector, p: Vector, u: Vector, factor: Vector, lossWeights: Vector
    ) -> (halfLoss: Vector, gradientFactor: Vector)
}

/// The softmax focal loss itself: nothing added.
struct SoftmaxFocalVectorTerm<Math: VectorMath>: SoftmaxVectorTerm {
    @_transparent
    func adding(
        toHalfLoss halfLoss: Vector, gradientFactor: Vector, p _: Vector, u _: Vector, factor _: Vector, lossWeights _: Vector
    ) -> (halfLoss: Vector, gradientFactor: Vector) {
        (halfLoss, gradientFactor)
    }
}

/// Poly-1's polynomial term for hard labels (see `SoftmaxPolyTerm`): `ε (1 - p_y)^(γ+1)`, not
/// class-weighted, whose derivative in `z_c` is `ε (γ + 1) (1 - p_y)^γ · p_y · p_c` off the label
/// and `-ε (γ + 1) (1 - p_y)^γ · p_y · (1 - p_y)` at it: `ε (γ + 1) (1 - p_y)^γ p_y` added to `G`.
struct SoftmaxPoly1VectorTerm<Math: VectorMath>: SoftmaxVectorTerm {
    /// `ε / 2` (the loss is carried in halves).
    let halfEpsilon: Vector
    /// `ε (γ + 1)`.
    let gradientEpsilon: Vector

    init(gamma: Math.Scalar, epsilon: Math.Scalar) {
        halfEpsilon = Vector(repeating: epsilon / 2)
        gradientEpsilon = Vector(repeating: epsilon * (gamma + 1))
    }

    @_transparent
    func adding(
        toHalfLoss halfLoss: Vector, gradientFactor: Vector, p: Vector, u: Vector, factor: Vector, lossWeights: Vector
    ) -> (halfLoss: Vector, gradientFactor: Vector) {
        (multiplyAdd(lossWeights * halfEpsilon * factor, u, halfLoss), multiplyAdd(gradientEpsilon * factor, p, gradientFactor))
    }
}
