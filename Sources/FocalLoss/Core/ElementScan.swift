/// The vectorised scans behind ``Validation``.
///
/// SIMD comparisons must be written on concrete vector types: in generic code Swift picks the
/// lane-by-lane fallback of `.<` and friends, which is an order of magnitude slower. So the
/// comparisons are requirements of ``ScanVector``, met by each vector type's concrete operators,
/// and one generic loop runs them, 64 elements per step; only a block that fails is searched
/// element by element.
enum ElementScan {
    enum Failure { case nonFinite, outsideUnitInterval, negativeOrNonFinite }

    /// The index of the first element of `values` that shows `failure`, or `nil`.
    static func first<Scalar: FocalScalar>(_ failure: Failure, in values: UnsafeBufferPointer<Scalar>) -> Int? {
        guard let base = values.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let blockEnd: Int
        if Scalar.self == Float.self {
            blockEnd = passingBlocks(failure, raw.assumingMemoryBound(to: Float.self), values.count, SIMD16<Float>.self)
        } else if Scalar.self == Double.self {
            blockEnd = passingBlocks(failure, raw.assumingMemoryBound(to: Double.self), values.count, SIMD8<Double>.self)
        } else {
            blockEnd = 0
        }
        // Elements before `blockEnd` passed; search the rest one by one.
        return values[blockEnd...].firstIndex { !passes(failure, $0) }
    }

    @inline(__always)
    static func passes<Scalar: BinaryFloatingPoint>(_ failure: Failure, _ value: Scalar) -> Bool {
        switch failure {
        case .nonFinite: return value.isFinite
        case .outsideUnitInterval: return value >= 0 && value <= 1
        case .negativeOrNonFinite: return value >= 0 && value.isFinite
        }
    }

    /// The length of the leading run of whole 64-element blocks that all pass, read as vectors
    /// of type `V`.
    @inline(__always)
    static func passingBlocks<V: ScanVector>(
        _ failure: Failure, _ base: UnsafePointer<V.Scalar>, _ count: Int, _: V.Type
    ) -> Int {
        var offset = 0
        while offset + 64 <= count {
            var good = true
            for k in 0..<(64 / V.scalarCount) {
                let v = UnsafeRawPointer(base + offset + V.scalarCount * k).loadUnaligned(as: V.self)
                good = good && v.allPass(failure)
            }
            if !good { return offset }
            offset += 64
        }
        return offset
    }
}

/// A vector type whose lanes ``ElementScan`` checks.
///
/// The comparisons are requirements, so each conforming type's witnesses are its concrete
/// (vector-instruction) operators rather than the lane-by-lane ones of generic `SIMD` code; one
/// generic ``allPass(_:)`` then serves `Float` and `Double` at full speed.
protocol ScanVector: SIMD where Scalar: FloatingPoint {
    static func - (a: Self, b: Self) -> Self
    static func .== (a: Self, b: Self) -> SIMDMask<MaskStorage>
    static func .>= (a: Self, b: Self) -> SIMDMask<MaskStorage>
    static func .<= (a: Self, b: Self) -> SIMDMask<MaskStorage>
}

extension ScanVector {
    /// Whether no lane shows `failure` (`x - x` is 0 exactly for finite `x`).
    @inline(__always)
    func allPass(_ failure: ElementScan.Failure) -> Bool {
        let zero = Self(repeating: 0), one = Self(repeating: 1)
        switch failure {
        case .nonFinite: return all((self - self) .== zero)
        case .outsideUnitInterval: return all((self .>= zero) .& (self .<= one))
        case .negativeOrNonFinite: return all((self .>= zero) .& ((self - self) .== zero))
        }
    }
}

extension SIMD16: ScanVector where Scalar == Float {}
extension SIMD8: ScanVector where Scalar == Double {}
