/// A vector of `Float` or `Double` lanes as the vector kernels use it.
///
/// The kernels are generic over their lane type, so that one body serves `Float` and `Double`.
/// SIMD comparisons must then be requirements: in generic code Swift otherwise picks the
/// lane-by-lane fallback of `.<` and friends (an order of magnitude slower, as ``ScanVector``
/// notes), whereas a requirement's witness is the vector type's concrete operator. The arithmetic
/// operators need no such care: theirs are the generic ones for concrete types too.
protocol LaneVector: SIMD
where Scalar: FocalScalar, MaskStorage: LaneIntegers, MaskStorage.MaskStorage == MaskStorage {
    static func .== (a: Self, b: Self) -> SIMDMask<MaskStorage>
    static func .!= (a: Self, b: Self) -> SIMDMask<MaskStorage>
    static func .< (a: Self, b: Self) -> SIMDMask<MaskStorage>
    static func .<= (a: Self, b: Self) -> SIMDMask<MaskStorage>
    static func .> (a: Self, b: Self) -> SIMDMask<MaskStorage>
    static func .>= (a: Self, b: Self) -> SIMDMask<MaskStorage>
    /// `a · b + c`, fused where the target has FMA (see ``multiplyAdd(_:_:_:)``).
    static func multiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self
    /// The sum of the lanes by a tree of pairwise sums (lane `i` with lane `i + n/2`, and so on).
    var laneTotal: Scalar { get }
    /// The largest lane, by the same tree of pairwise maxima.
    var laneMaximum: Scalar { get }
}

/// The integer lanes of the same width as a ``LaneVector``'s (its masks and bit patterns).
protocol LaneIntegers: SIMD where Scalar: FixedWidthInteger & SignedInteger {
    static func .== (a: Self, b: Self) -> SIMDMask<MaskStorage>
}

// Eight `Float` lanes and four `Double` lanes: 32 bytes, one AVX register (a type conforms to a
// protocol only once, so the two precisions need different vector types). Sixteen `Float` lanes,
// 64 bytes, for the wide build (``FloatLanes``).
extension SIMD8: LaneVector where Scalar == Float {}
extension SIMD8: LaneIntegers where Scalar == Int32 {}
extension SIMD16: LaneVector where Scalar == Float {
    // The first level of the trees as one operation on the two halves: lane by lane, sixteen
    // lanes took a chain of 15 masked permutes per reduction (once per row in the softmax rows).
    @inline(__always)
    var laneTotal: Float { (lowHalf + highHalf).laneTotal }

    @inline(__always)
    var laneMaximum: Float { lowHalf.replacing(with: highHalf, where: highHalf .> lowHalf).laneMaximum }
}
extension SIMD16: LaneIntegers where Scalar == Int32 {}
extension SIMD4: LaneVector where Scalar == Double {}
extension SIMD4: LaneIntegers where Scalar == Int64 {}

/// Whether every lane of `mask` is set, for the 32-byte masks of the lane types (eight `Int32`
/// or four `Int64` lanes) and the 64-byte ones of sixteen `Int32` lanes: the words of the mask
/// ANDed, where the standard library's `all` is a lane reduction that generic code may call out
/// of line (it did in ``VectorMath``'s `exp`). The size test is resolved when the function is
/// specialised.
@inline(__always)
func allLanes<Storage>(_ mask: SIMDMask<Storage>) -> Bool {
    if MemoryLayout<SIMDMask<Storage>>.size == 64 {
        let words = unsafeBitCast(mask, to: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64).self)
        return words.0 & words.1 & words.2 & words.3 & words.4 & words.5 & words.6 & words.7 == .max
    }
    let words = unsafeBitCast(mask, to: (UInt64, UInt64, UInt64, UInt64).self)
    return words.0 & words.1 & words.2 & words.3 == .max
}

/// `a · b + c` for a vector of lanes, as one fused multiply-add instruction where the target has
/// one, and as a multiply and an add where it has not.
@_transparent
func multiplyAdd<V: LaneVector>(_ a: V, _ b: V, _ c: V) -> V {
    V.multiplyAdd(a, b, c)
}

extension LaneVector {
    /// The sum of the lanes, in `Double`.
    @inline(__always)
    var laneSum: Double {
        var total = 0.0
        for lane in 0..<scalarCount { total += Double(self[lane]) }
        return total
    }

    /// The sum of the lanes in their own type, by a tree of pairwise sums (lane `i` with lane
    /// `i + n/2`, and so on down).
    @inline(__always)
    var laneTotal: Scalar {
        var v = self
        var width = scalarCount / 2
        while width > 0 {
            for lane in 0..<width { v[lane] = v[lane] + v[lane + width] }
            width /= 2
        }
        return v[0]
    }

    /// The largest lane (by a tree of pairwise maxima).
    @inline(__always)
    var laneMaximum: Scalar {
        var v = self
        var width = scalarCount / 2
        while width > 0 {
            for lane in 0..<width where v[lane + width] > v[lane] { v[lane] = v[lane + width] }
            width /= 2
        }
        return v[0]
    }
}

/// Whether any lane of `mask` is set, for the 32-byte masks of the lane types and the 64-byte
/// masks of the 16-lane `Float` vectors: the words of the mask ORed (see ``allLanes(_:)``).
@inline(__always)
func anyLane<Storage>(_ mask: SIMDMask<Storage>) -> Bool {
    if MemoryLayout<SIMDMask<Storage>>.size == 64 {
        let words = unsafeBitCast(mask, to: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64).self)
        return words.0 | words.1 | words.2 | words.3 | words.4 | words.5 | words.6 | words.7 != 0
    }
    let words = unsafeBitCast(mask, to: (UInt64, UInt64, UInt64, UInt64).self)
    return words.0 | words.1 | words.2 | words.3 != 0
}
