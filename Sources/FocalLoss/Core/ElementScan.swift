/// The vectorised scans behind ``Validation``.
///
/// SIMD comparisons must be written on concrete vector types: in generic code Swift picks the
/// lane-by-lane fallback of `.<` and friends, which is an order of magnitude slower. So `Float`
/// and `Double` each have their own scan, 64 elements per step, and only a block that fails is
/// searched element by element.
enum ElementScan {
    enum Failure { case nonFinite, outsideUnitInterval, negativeOrNonFinite }

    /// The index of the first element of `values` that shows `failure`, or `nil`.
    static func first<Scalar: FocalScalar>(_ failure: Failure, in values: UnsafeBufferPointer<Scalar>) -> Int? {
        guard let base = values.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let blockEnd: Int
        if Scalar.self == Float.self {
            blockEnd = scanFloat(failure, raw.assumingMemoryBound(to: Float.self), values.count)
        } else if Scalar.self == Double.self {
            blockEnd = scanDouble(failure, raw.assumingMemoryBound(to: Double.self), values.count)
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

    /// The length of the leading run of whole 64-element blocks that all pass.
    static func scanFloat(_ failure: Failure, _ base: UnsafePointer<Float>, _ count: Int) -> Int {
        typealias V = SIMD16<Float>
        let zero = V(repeating: 0), one = V(repeating: 1)
        var offset = 0
        while offset + 64 <= count {
            var good = true
            for k in 0..<4 {
                let v = UnsafeRawPointer(base + offset + 16 * k).loadUnaligned(as: V.self)
                switch failure {
                case .nonFinite: good = good && all((v - v) .== zero)
                case .outsideUnitInterval: good = good && all((v .>= zero) .& (v .<= one))
                case .negativeOrNonFinite: good = good && all((v .>= zero) .& ((v - v) .== zero))
                }
            }
            if !good { return offset }
            offset += 64
        }
        return offset
    }

    /// The length of the leading run of whole 64-element blocks that all pass.
    static func scanDouble(_ failure: Failure, _ base: UnsafePointer<Double>, _ count: Int) -> Int {
        typealias V = SIMD8<Double>
        let zero = V(repeating: 0), one = V(repeating: 1)
        var offset = 0
        while offset + 64 <= count {
            var good = true
            for k in 0..<8 {
                let v = UnsafeRawPointer(base + offset + 8 * k).loadUnaligned(as: V.self)
                switch failure {
                case .nonFinite: good = good && all((v - v) .== zero)
                case .outsideUnitInterval: good = good && all((v .>= zero) .& (v .<= one))
                case .negativeOrNonFinite: good = good && all((v .>= zero) .& ((v - v) .== zero))
                }
            }
            if !good { return offset }
            offset += 64
        }
        return offset
    }
}
