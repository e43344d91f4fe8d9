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

    // The constants of the range reductions, which only the lane type tells apart.
    /// The bits of the significand (23, 52).
    static var significandBits: IntVector.Scalar { get }
    var log2e: Vector { get }
    /// `-ln 2` in two parts, the first with few enough bits that `n·` it is exact.
    var minusLn2High: Vector { get }
    var minusLn2Low: Vector { get }
    /// `1.5·2^significandBits`, and its bit pattern.
    var roundingMagic: Vector { get }
    var roundingMagicBits: IntVector { get }
    /// Where `exp` is 0 (the argument is clamped to it).
    var expMinimum: Vector { get }
    var exponentBias: IntVector { get }
    /// The exponent bias minus ``roundingMagicBits``: `n + bias` from the bits of `n + magic`.
    var biasMinusMagic: IntVector { get }
    /// The `x` above which every `2^round(x / ln 2)` is a normal number.
    var normalResultFloor: Vector { get }
    var mantissaMask: IntVector { get }
    /// The bit pattern of `sqrt(1/2)`.
    var sqrtHalfBits: IntVector { get }
    var smallestNormal: Vector { get }
    /// `2^significandBits`.
    var significandScale: Vector { get }

    /// `e^x` for `x <= 0`, 0 below the type's range; subnormal results keep their precision.
    func exp(nonPositive x: Vector) -> Vector
    /// ``exp(nonPositive:)`` evaluated for a short dependency chain rather than the fewest
    /// operations, for a kernel whose next steps all wait on it (the sigmoid's logistic).
    func expShortChain(nonPositive x: Vector) -> Vector
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
    /// ``exp(nonPositive:)`` itself, where a conformance has no shorter chain (`Float`'s
    /// polynomial has five terms).
    @inline(__always)
    func expShortChain(nonPositive x: Vector) -> Vector {
        exp(nonPositive: x)
    }

    /// `x = n·ln 2 + r`, `|r| <= ln 2 / 2`, for `x` clamped below at ``expMinimum``: `r`, and
    /// `n + 1.5·2^significandBits`, whose low bits hold `n` (rounding by the magic number, no
    /// conversion call).
    @inline(__always)
    func reducedExponent(_ x: Vector) -> (r: Vector, shifted: Vector) {
        let clamped = x.replacing(with: expMinimum, where: x .< expMinimum)
        let shifted = multiplyAdd(clamped, log2e, roundingMagic)
        let n = shifted - roundingMagic  // round(x / ln 2)
        return (multiplyAdd(n, minusLn2Low, multiplyAdd(n, minusLn2High, clamped)), shifted)
    }

    /// `expR · 2^n` for the `shifted` of ``reducedExponent(_:)``. Subnormal results keep their
    /// precision: when a lane's `2^n` is below the normal range the scale is applied in two halves.
    @inline(__always)
    func scaled(_ expR: Vector, byTwoToThe shifted: Vector, of x: Vector) -> Vector {
        let shiftedBits = unsafeBitCast(shifted, to: IntVector.self)
        let shift = Self.significandBits
        if allLanes(x .>= normalResultFloor) {
            // Every 2^n is a normal number: one scale (the common case, a well-predicted branch).
            return expR * unsafeBitCast((shiftedBits &+ biasMinusMagic) &<< shift, to: Vector.self)
        }
        let nInt = shiftedBits &- roundingMagicBits
        let half = nInt &>> 1
        let scaleA = unsafeBitCast((half &+ exponentBias) &<< shift, to: Vector.self)
        let scaleB = unsafeBitCast((nInt &- half &+ exponentBias) &<< shift, to: Vector.self)
        return expR * scaleA * scaleB
    }

    /// `x = 2^k · f` with `f` in `[sqrt(1/2), sqrt(2))`, for `x > 0` (subnormals included; `x = 0`
    /// gives a large negative `k`), with `k` as a vector of the lane type.
    @inline(__always)
    func split(_ x: Vector) -> (k: Vector, f: Vector) {
        let isSubnormal = x .< smallestNormal
        let scaled = x.replacing(with: x * significandScale, where: isSubnormal)
        let offset = IntVector().replacing(with: IntVector(repeating: Self.significandBits), where: isSubnormal)
        return split(bits: unsafeBitCast(scaled, to: IntVector.self), exponentOffset: offset)
    }

    /// ``split(_:)`` for the bits of a normal number, less `exponentOffset` in `k`.
    @inline(__always)
    func split(bits: IntVector, exponentOffset: IntVector) -> (k: Vector, f: Vector) {
        let shiftedBits = bits &- sqrtHalfBits
        let k = (shiftedBits &>> Self.significandBits) &- exponentOffset
        let f = unsafeBitCast((shiftedBits & mantissaMask) &+ sqrtHalfBits, to: Vector.self)
        // k as a lane value by the magic-number trick (|k| is small): no generic conversion call.
        return (unsafeBitCast(k &+ roundingMagicBits, to: Vector.self) - roundingMagic, f)
    }

    /// `[0, 1, 2, ...]`.
    static func makeLaneIndices() -> IntVector {
        var indices = IntVector()
        for lane in 0..<IntVector.scalarCount { indices[lane] = IntVector.Scalar(lane) }
        return indices
    }
}
