/// Polynomial `exp`, `log` and `log1p` for a vector of lanes at a time, written for the fused
/// kernels so that no lane ever calls into libm: ``FloatVectorMath`` and ``DoubleVectorMath``.
///
/// The kernels are generic over this protocol; each conformance brings its lane type, its
/// constants (built once per kernel, as whole vectors) and polynomials fitted for its precision
/// by `scripts/fit_polynomials.py`.
protocol VectorMath {
    associatedtype Vector: LaneVector
    typealias Scalar = Vector.Scalar
    typealias IntVector = Vector.MaskStorage
    typealias Mask = SIMDMask<Vector.MaskStorage>

    init()
    var zero: Vector { get }
    var one: Vector { get }
    var greatestFinite: Vector { get }
    /// Clears the sign bit.
    var magnitudeMask: IntVector { get }
    /// `[0, 1, 2, ...]`.
    var laneIndices: IntVector { get }

    /// `e^x` for `x <= 0`, 0 below the type's range; subnormal results keep their precision.
    func exp(nonPositive x: Vector) -> Vector
    /// `log(1 + x)` for `0 <= x <= 1`.
    func log1p(unit x: Vector) -> Vector
    /// `log(1 + x)` for `0 <= x <= 1`, given `1 / (1 + x)` (which a conformance may use to save a
    /// division).
    func log1p(unit x: Vector, inverseOfOnePlus: Vector) -> Vector
    /// `log(x)` for `x > 0` (subnormals included); `x = 0` gives a large negative finite value,
    /// which callers turn into 0 through `exp`.
    func log(positive x: Vector) -> Vector
}

extension VectorMath {
    /// `[0, 1, 2, ...]`.
    static func makeLaneIndices() -> IntVector {
        var indices = IntVector()
        for lane in 0..<IntVector.scalarCount { indices[lane] = IntVector.Scalar(lane) }
        return indices
    }
}
