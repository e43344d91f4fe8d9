/// Conversions between `Float16` storage and `Float` arithmetic, eight lanes at a time.
///
/// The portable build has no half-precision instructions (x86-64 before F16C), where
/// `Float(Float16)` is a library call per value; these conversions work on the bits in integer
/// lanes instead, exactly (every `Float16` is a `Float`) and rounding to nearest, ties to even, on
/// the way back. A build that defines `FOCAL_F16C` (`-Xswiftc -DFOCAL_F16C`, with `-target-cpu`
/// a CPU that has F16C) converts with the hardware instructions (`vcvtph2ps`, `vcvtps2ph`)
/// instead.
enum HalfConversion {
    typealias Bits = SIMD8<Int32>
    typealias Lanes = SIMD8<Float>

    /// `count` values widened from `source` into `destination`.
    static func widen(_ source: UnsafePointer<Float16>, into destination: UnsafeMutablePointer<Float>, count: Int) {
        let whole = count - count % 8
        var offset = 0
        while offset < whole {
            let half = UnsafeRawPointer(source + offset).loadUnaligned(as: SIMD8<UInt16>.self)
            UnsafeMutableRawPointer(destination + offset).storeBytes(of: widened(half), as: Lanes.self)
            offset += 8
        }
        if whole < count {
            var half = SIMD8<UInt16>()
            for lane in 0..<(count - whole) { half[lane] = source[whole + lane].bitPattern }
            let values = widened(half)
            for lane in 0..<(count - whole) { destination[whole + lane] = values[lane] }
        }
    }

    /// `count` values `scale · source[i]` rounded once to `Float16` into `destination`.
    ///
    /// - Returns: The index of the first finite value whose scaled value is beyond `Float16`'s
    ///   range (its magnitude rounds to 65520 or more), or `nil`.
    static func narrow(
        _ source: UnsafePointer<Float>, scale: Float, into destination: UnsafeMutablePointer<Float16>, count: Int
    ) -> Int? {
        let whole = count - count % 8
        let factor = Lanes(repeating: scale)
        // The lanes beyond the vector rounding (65520 and more, NaN), ORed over the loop and
        // tested once after it (a lane reduction per vector would cost more than the conversion).
        var large = Bits()
        var offset = 0
        while offset < whole {
            let value = UnsafeRawPointer(source + offset).loadUnaligned(as: Lanes.self) * factor
            large |= largeMagnitudes(value)
            UnsafeMutableRawPointer(destination + offset).storeBytes(of: narrowed(value), as: SIMD8<UInt16>.self)
            offset += 8
        }
        if whole < count {
            var value = Lanes()
            for lane in 0..<(count - whole) { value[lane] = source[whole + lane] * scale }
            large |= largeMagnitudes(value)
            let half = narrowed(value)
            for lane in 0..<(count - whole) { destination[whole + lane] = Float16(bitPattern: half[lane]) }
        }
        guard anyLane(large) else { return nil }
        // Magnitudes of 65520 and more, and NaN, rounded one by one (beyond the vector rounding).
        var overflow: Int?
        for index in 0..<count {
            let value = source[index] * scale
            guard !(value.magnitude < 65520) else { continue }
            destination[index] = Float16(value)
            if overflow == nil, value.isFinite { overflow = index }
        }
        return overflow
    }

    /// The index of the first value of `values` that is not finite, or `nil`.
    static func firstNonFinite(_ values: UnsafeBufferPointer<Float16>) -> Int? {
        values.firstIndex { !$0.isFinite }
    }

    /// Eight `Float16` bit patterns as `Float`s.
    @_transparent
    static func widened(_ half: SIMD8<UInt16>) -> Lanes {
        #if FOCAL_F16C
        return Lanes(unsafeBitCast(half, to: SIMD8<Float16>.self))
        #else
        let h = Bits(truncatingIfNeeded: half)
        let magnitude = h & 0x7FFF
        let sign = (h ^ magnitude) &<< 16
        // The half's exponent and mantissa in a float's places read as its magnitude times
        // 2^-112 (a subnormal half as a subnormal float), so one exact product rebiases them.
        let scaled = unsafeBitCast(magnitude &<< 13, to: Lanes.self) * Lanes(repeating: 0x1p112)
        // Infinity and NaN: the exponent all ones, the mantissa kept.
        let special = Bits().replacing(with: Bits(repeating: 0x7F80_0000), where: magnitude .> Bits(repeating: 0x7BFF))
        return unsafeBitCast(unsafeBitCast(scaled, to: Bits.self) | special | sign, to: Lanes.self)
        #endif
    }

    /// Eight `Float`s rounded to nearest `Float16` (ties to even) as bit patterns, exactly for
    /// magnitudes below 65520; other lanes (infinite once rounded, or NaN) get unspecified bits
    /// in the portable build, which ``narrow(_:scale:into:count:)`` mends.
    @_transparent
    static func narrowed(_ value: Lanes) -> SIMD8<UInt16> {
        #if FOCAL_F16C
        return unsafeBitCast(SIMD8<Float16>(value), to: SIMD8<UInt16>.self)
        #else
        let bits = unsafeBitCast(value, to: Bits.self)
        // Rounding done by a Float addition (after Maratyszcza's FP16 library): 4|v| added to
        // 2^(e + 13), e its exponent (at least 2^-12's, for subnormal halves), leaves the half's
        // exponent and mantissa in the sum's bits, rounded to nearest even by the addition.
        let quadruple = unsafeBitCast(bits & 0x7FFF_FFFF, to: Lanes.self) * Lanes(repeating: 4)
        let exponent = unsafeBitCast(unsafeBitCast(quadruple, to: Bits.self) & 0x7F80_0000, to: Lanes.self)
        let leastExponent = Lanes(repeating: 0x1p-12)
        let bias = leastExponent.replacing(with: exponent, where: exponent .> leastExponent)
        let sum = unsafeBitCast(
            unsafeBitCast(unsafeBitCast(bias, to: Bits.self) &+ Bits(repeating: 13 << 23), to: Lanes.self) + quadruple,
            to: Bits.self)
        let result = ((sum &>> 13) & 0x7C00) &+ (sum & 0x0FFF)
        return SIMD8<UInt16>(truncatingIfNeeded: result | ((bits &>> 16) & 0x8000))
        #endif
    }

    /// The lanes whose magnitude may round to a `Float16` infinity (65520 or more, infinity and
    /// NaN included) as all-ones lanes.
    @_transparent
    static func largeMagnitudes(_ value: Lanes) -> Bits {
        let magnitude = unsafeBitCast(value, to: Bits.self) & 0x7FFF_FFFF
        return Bits().replacing(with: Bits(repeating: -1), where: magnitude .>= Bits(repeating: 0x477F_F000))
    }

    /// Whether any lane of `bits` is not zero (the words ORed, not a lane reduction).
    @_transparent
    static func anyLane(_ bits: Bits) -> Bool {
        let words = unsafeBitCast(bits, to: (UInt64, UInt64, UInt64, UInt64).self)
        return words.0 | words.1 | words.2 | words.3 != 0
    }
}
