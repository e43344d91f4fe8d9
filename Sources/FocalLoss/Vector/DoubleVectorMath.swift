/// Polynomial `exp`, `log` and `log1p` for four `Double` lanes at a time: the forms of
/// ``FloatVectorMath`` with polynomials fitted for `Double` (`scripts/fit_polynomials.py`).
///
/// Accuracy of the polynomials on their reduced ranges (40-digit evaluation of the coefficients
/// as rounded to `Double`): `exp` 1.3e-17 relative, `log` 1.6e-18; in `Double` arithmetic the
/// results are within a few ulp. `log1p` is `log(1 + x)` plus the rounding error of `1 + x`
/// divided by it, so it keeps its precision for tiny `x` without a series of its own.
struct DoubleVectorMath: VectorMath {
    typealias Vector = SIMD4<Double>
    static let significandBits: Int64 = 52

    // exp
    let log2e = Vector(repeating: 1.442_695_040_888_963_4)
    let minusLn2High = Vector(repeating: -6.931_471_803_691_238_164_90e-1)  // 32 significant bits: n·it is exact
    let minusLn2Low = Vector(repeating: -1.908_214_929_270_587_700_02e-10)
    let roundingMagic = Vector(repeating: 6_755_399_441_055_744)  // 1.5 · 2^52
    let roundingMagicBits = IntVector(repeating: 0x4338_0000_0000_0000)  // its bit pattern
    let expMinimum = Vector(repeating: -746)  // e^-746 rounds to 0
    let p0 = Vector(repeating: 5.000_000_000_000_012_21e-1)
    let p1 = Vector(repeating: 1.666_666_666_666_648_26e-1)
    let p2 = Vector(repeating: 4.166_666_666_651_620_14e-2)
    let p3 = Vector(repeating: 8.333_333_333_451_528_60e-3)
    let p4 = Vector(repeating: 1.388_888_894_671_330_52e-3)
    let p5 = Vector(repeating: 1.984_126_959_697_103_81e-4)
    let p6 = Vector(repeating: 2.480_149_030_763_859_78e-5)
    let p7 = Vector(repeating: 2.755_750_736_197_554_30e-6)
    let p8 = Vector(repeating: 2.763_114_015_020_175_45e-7)
    let p9 = Vector(repeating: 2.502_463_926_631_103_46e-8)
    let exponentBias = IntVector(repeating: 1023)
    let biasMinusMagic = IntVector(repeating: 1023 &- 0x4338_0000_0000_0000)  // n + 1023 from the bits of n + 1.5·2^52
    let normalResultFloor = Vector(repeating: -708)  // x >= -708 has n >= -1022
    // log1p / log
    let q0 = Vector(repeating: 3.333_333_333_333_362_57e-1)
    let q1 = Vector(repeating: 1.999_999_999_973_453_01e-1)
    let q2 = Vector(repeating: 1.428_571_436_560_956_98e-1)
    let q3 = Vector(repeating: 1.111_109_982_354_075_71e-1)
    let q4 = Vector(repeating: 9.091_755_763_193_287_71e-2)
    let q5 = Vector(repeating: 7.657_668_652_635_989_11e-2)
    let q6 = Vector(repeating: 7.391_811_039_442_763_85e-2)
    let mantissaMask = IntVector(repeating: 0x000F_FFFF_FFFF_FFFF)
    let sqrtHalfBits = IntVector(repeating: 0x3FE6_A09E_667F_3BCD)  // bit pattern of sqrt(1/2)
    let ln2High = Vector(repeating: 6.931_471_803_691_238_164_90e-1)
    let ln2Low = Vector(repeating: 1.908_214_929_270_587_700_02e-10)
    let significandScale = Vector(repeating: 4_503_599_627_370_496)  // 2^52
    let smallestNormal = Vector(repeating: Double.leastNormalMagnitude)
    let one = Vector(repeating: 1)
    let greatestFinite = Vector(repeating: .greatestFiniteMagnitude)
    let magnitudeMask = IntVector(repeating: 0x7FFF_FFFF_FFFF_FFFF)  // clears the sign bit
    let zero = Vector(repeating: 0)
    let laneIndices = makeLaneIndices()

    /// `e^x` for `x <= 0`; below -746 the result is 0, and subnormal results keep their precision.
    /// Horner's rule: the fewest operations, for loops whose exponentials are independent of
    /// one another (the softmax rows and columns), where the processor overlaps their chains.
    @inline(__always)
    func exp(nonPositive x: Vector) -> Vector {
        let (r, shifted) = reducedExponent(x)
        var polynomial = multiplyAdd(r, p9, p8)
        polynomial = multiplyAdd(r, polynomial, p7)
        polynomial = multiplyAdd(r, polynomial, p6)
        polynomial = multiplyAdd(r, polynomial, p5)
        polynomial = multiplyAdd(r, polynomial, p4)
        polynomial = multiplyAdd(r, polynomial, p3)
        polynomial = multiplyAdd(r, polynomial, p2)
        polynomial = multiplyAdd(r, polynomial, p1)
        polynomial = multiplyAdd(r, polynomial, p0)
        return scaled(multiplyAdd(r * r, polynomial, r) + one, byTwoToThe: shifted, of: x)
    }

    /// ``exp(nonPositive:)`` by Estrin's scheme: the pairs of terms are independent and `r^2`,
    /// `r^4`, `r^8` join them in four steps where Horner's rule chains nine. The sigmoid's
    /// logistic waits on its exponential (then a division, then a log), so there the chain's
    /// latency, not the number of operations, bounds the speed.
    @inline(__always)
    func expShortChain(nonPositive x: Vector) -> Vector {
        let (r, shifted) = reducedExponent(x)
        let r2 = r * r
        let r4 = r2 * r2
        let low = multiplyAdd(r2, multiplyAdd(r, p3, p2), multiplyAdd(r, p1, p0))
        let high = multiplyAdd(r2, multiplyAdd(r, p7, p6), multiplyAdd(r, p5, p4))
        let polynomial = multiplyAdd(r4 * r4, multiplyAdd(r, p9, p8), multiplyAdd(r4, high, low))
        return scaled(multiplyAdd(r2, polynomial, r) + one, byTwoToThe: shifted, of: x)
    }

    /// `log(1 + x)` for `0 <= x <= 1`: `log(u)` for `u = 1 + x` rounded, plus the correction
    /// `(x - (u - 1)) / u` for the rounding (`u - 1` is exact).
    @inline(__always)
    func log1p(unit x: Vector) -> Vector {
        log1p(unit: x, inverseOfOnePlus: one / (one + x))
    }

    /// `log(1 + x)` for `0 <= x <= 1`, given `1 / (1 + x)`: the correction for the rounding of
    /// `1 + x` is multiplied by it rather than divided by `1 + x`.
    @inline(__always)
    func log1p(unit x: Vector, inverseOfOnePlus inverse: Vector) -> Vector {
        let u = one + x
        let (k, f) = split(bits: unsafeBitCast(u, to: IntVector.self), exponentOffset: IntVector())
        return log(k, f) + (x - (u - one)) * inverse
    }

    /// `log(x)` for `x > 0` (subnormals included); `x = 0` gives a large negative finite value.
    @inline(__always)
    func log(positive x: Vector) -> Vector {
        let (k, f) = split(x)
        return log(k, f)
    }

    /// `k·ln 2 + log(f)` for `f` in `[sqrt(1/2), sqrt(2))`.
    @inline(__always)
    private func log(_ k: Vector, _ f: Vector) -> Vector {
        let s = (f - one) / (f + one)
        let s2 = s * s
        // Estrin's scheme, as in expShortChain: three steps after s^2 instead of six (the log
        // waits on a division, and the sigmoid's loss on the log).
        let s4 = s2 * s2
        let low = multiplyAdd(s4, multiplyAdd(s2, q3, q2), multiplyAdd(s2, q1, q0))
        let high = multiplyAdd(s2, multiplyAdd(s2, q6, q5), q4)
        let polynomial = multiplyAdd(s4 * s4, high, low)
        let twoS = s + s
        let logF = multiplyAdd(twoS * s2, polynomial, twoS)
        // k·ln2 in two parts: k·ln2High is exact, so only the small terms round.
        return multiplyAdd(k, ln2High, multiplyAdd(k, ln2Low, logF))
    }
}
