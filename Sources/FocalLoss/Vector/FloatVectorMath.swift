/// Polynomial `exp`, `log` and `log1p` for eight `Float` lanes at a time (sixteen in a build
/// that defines `FOCAL_WIDE_VECTORS`, for AVX-512 hosts: see ``FloatLanes``).
///
/// Accuracy (float64 evaluation of the polynomials, `scripts/fit_polynomials.py`): `exp` 1.0e-8
/// relative on the reduced range, `log1p`/`log` 2.0e-8; in `Float` arithmetic the results are
/// within a few ulp. The code follows the team notes `shared/notes/swift-simd.md` (not in the
/// repository): constants are whole vectors built once, rounding uses the `1.5·2^23` add-and-subtract trick with bit casts, and
/// products go through ``multiplyAdd(_:_:_:)``, fused only where the target has FMA.
struct FloatVectorMath: VectorMath {
    typealias Vector = FloatLanes
    static let significandBits: Int32 = 23

    // exp
    let log2e = Vector(repeating: 1.442_695_04)
    let minusLn2High = Vector(repeating: -0.693_359_375)  // exactly representable, 9 bits
    let minusLn2Low = Vector(repeating: 2.121_944_40e-4)
    let roundingMagic = Vector(repeating: 12_582_912)  // 1.5 · 2^23
    let roundingMagicBits = IntVector(repeating: 0x4B40_0000)  // its bit pattern
    let expMinimum = Vector(repeating: -104)
    let p0 = Vector(repeating: 5.000_000_013e-1)
    let p1 = Vector(repeating: 1.666_657_700e-1)
    let p2 = Vector(repeating: 4.166_646_493e-2)
    let p3 = Vector(repeating: 8.363_175_566e-3)
    let p4 = Vector(repeating: 1.393_364_642e-3)
    let exponentBias = IntVector(repeating: 127)
    let biasMinusMagic = IntVector(repeating: 127 &- 0x4B40_0000)  // n + 127 from the bits of n + 1.5·2^23
    let normalResultFloor = Vector(repeating: -87)  // x >= -87 has n >= -126
    // log1p / log
    let q0 = Vector(repeating: 3.333_334_025e-1)
    let q1 = Vector(repeating: 2.000_212_766e-1)
    let q2 = Vector(repeating: 1.414_980_774e-1)
    let q3 = Vector(repeating: 1.325_848_305e-1)
    let mantissaMask = IntVector(repeating: 0x007F_FFFF)
    let sqrtHalfBits = IntVector(repeating: 0x3F35_04F3)  // bit pattern of sqrt(1/2)
    let ln2 = Vector(repeating: 0.693_147_18)
    let significandScale = Vector(repeating: 8_388_608)  // 2^23
    let smallestNormal = Vector(repeating: Float.leastNormalMagnitude)
    let one = Vector(repeating: 1)
    let greatestFinite = Vector(repeating: .greatestFiniteMagnitude)
    let magnitudeMask = IntVector(repeating: 0x7FFF_FFFF)  // clears the sign bit
    let two = Vector(repeating: 2)
    let zero = Vector(repeating: 0)
    /// `[0, 1, 2, ...]`.
    let laneIndices = makeLaneIndices()

    /// `e^x` for `x <= 0`; below -104 the result is 0, and subnormal results keep their precision.
    @inline(__always)
    func exp(nonPositive x: Vector) -> Vector {
        let (r, shifted) = reducedExponent(x)
        let polynomial = multiplyAdd(r, multiplyAdd(r, multiplyAdd(r, multiplyAdd(r, p4, p3), p2), p1), p0)
        return scaled(multiplyAdd(r * r, polynomial, r) + one, byTwoToThe: shifted, of: x)
    }

    /// `log(1 + x)` for `0 <= x <= 1`, as `2·atanh(x / (2 + x))`.
    @inline(__always)
    func log1p(unit x: Vector) -> Vector {
        let s = x / (two + x)
        return atanhSeries(s)
    }

    /// `log(1 + x)` for `0 <= x <= 1`; the caller's `1 / (1 + x)` is not needed.
    @inline(__always)
    func log1p(unit x: Vector, inverseOfOnePlus _: Vector) -> Vector {
        log1p(unit: x)
    }

    /// `2·atanh(s) = log((1 + s) / (1 - s))` for `|s| <= 1/3`.
    @inline(__always)
    func atanhSeries(_ s: Vector) -> Vector {
        let s2 = s * s
        let polynomial = multiplyAdd(s2, multiplyAdd(s2, multiplyAdd(s2, q3, q2), q1), q0)
        return (s + s) * multiplyAdd(s2, polynomial, one)
    }

    /// `log(x)` for `x > 0` (subnormals included); `x = 0` gives a large negative finite value,
    /// which callers turn into 0 through `exp`.
    @inline(__always)
    func log(positive x: Vector) -> Vector {
        let (k, f) = split(x)
        let s = (f - one) / (f + one)
        return multiplyAdd(k, ln2, atanhSeries(s))
    }
}

#if FOCAL_WIDE_VECTORS
/// The `Float` kernels' vector: sixteen lanes, one 512-bit register, for a host build on a CPU
/// with AVX-512 (`-Xswiftc -DFOCAL_WIDE_VECTORS` with `-target-cpu native`); on a CPU without it
/// each vector takes two 256-bit registers.
typealias FloatLanes = SIMD16<Float>
#else
/// The `Float` kernels' vector: eight lanes, one 256-bit AVX register (two SSE registers in the
/// portable build).
typealias FloatLanes = SIMD8<Float>
#endif
