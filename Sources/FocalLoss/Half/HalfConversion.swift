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
        var overflowed = false
        var offset = 0
        while offset < whole {
            let value = UnsafeRawPointer(source + offset).loadUnaligned(as: Lanes.self) * factor
            overflowed = overflowed || any(beyondRange(value))
            UnsafeMutableRawPointer(destination + offset).storeBytes(of: narrowed(value), as: SIMD8<UInt16>.self)
            offset += 8
        }
        for index in whole..<count {
            var value = Lanes()
            value[0] = source[index] * scale
            destination[index] = Float16(bitPattern: narrowed(value)[0])
            overflowed = overflowed || beyondRange(value)[0]
        }
        guard overflowed else { return nil }
        return (0..<count).first { destination[$0].isInfinite && source[$0].isFinite }
    }

    /// The index of the first value of `values` that is not finite, or `nil`.
    static func firstNonFinite(_ values: UnsafeBufferPointer<Float16>) -> Int? {
        values.firstIndex { !$0.isFinite }
    }

    /// Eight `Float16` bit patterns as `Float`s.
    @inline(__always)
    static func widened(_ half: SIMD8<UInt16>) -> Lanes {
        #if FOCAL_F16C
        return Lanes(unsafeBitCast(half, to: SIMD8<Float16>.self))
        #else
        let h = Bits(truncatingIfNeeded: half)
        let sign = (h & 0x8000) &<< 16
        let magnitude = h & 0x7FFF
        let shifted = magnitude &<< 13
        // A normal half's exponent moves from bias 15 to bias 127; infinity and NaN to 255.
        let normal = shifted &+ Bits(repeating: 112 << 23)
        let bits = normal.replacing(with: shifted &+ Bits(repeating: 224 << 23), where: magnitude .>= Bits(repeating: 0x7C00))
        // A subnormal half m·2^-24: 2^-14·(1 + m/1024) - 2^-14, both exact.
        let subnormal = unsafeBitCast(shifted &+ Bits(repeating: 113 << 23), to: Lanes.self) - Lanes(repeating: 0x1p-14)
        let value = unsafeBitCast(bits, to: Lanes.self)
            .replacing(with: subnormal, where: magnitude .< Bits(repeating: 0x0400))
        return unsafeBitCast(unsafeBitCast(value, to: Bits.self) | sign, to: Lanes.self)
        #endif
    }

    /// Eight `Float`s rounded to nearest `Float16` (ties to even) as bit patterns; beyond the
    /// range, ±infinity; NaN stays NaN.
    @inline(__always)
    static func narrowed(_ value: Lanes) -> SIMD8<UInt16> {
        #if FOCAL_F16C
        return unsafeBitCast(SIMD8<Float16>(value), to: SIMD8<UInt16>.self)
        #else
        let bits = unsafeBitCast(value, to: Bits.self)
        let sign = (bits &>> 16) & 0x8000
        let magnitude = bits & 0x7FFF_FFFF
        // Normal results: rebias the exponent, round the 13 bits dropped to nearest even.
        let odd = (magnitude &>> 13) & 1
        let normal = (magnitude &+ Bits(repeating: (15 - 127) << 23 + 0xFFF) &+ odd) &>> 13
        // Subnormal results (below 2^-14): adding 0.5 puts the half's mantissa in the low bits,
        // rounded to nearest even by the addition itself.
        let magic = Bits(repeating: 126 << 23)
        let subnormal = unsafeBitCast(
            unsafeBitCast(magnitude, to: Lanes.self) + unsafeBitCast(magic, to: Lanes.self), to: Bits.self) &- magic
        var result = normal.replacing(with: subnormal, where: magnitude .< Bits(repeating: 113 << 23))
        // 65520 and above round to infinity; NaN stays a (quiet) NaN.
        result = result.replacing(with: Bits(repeating: 0x7C00), where: magnitude .>= Bits(repeating: 0x4780_0000))
        result = result.replacing(with: Bits(repeating: 0x7E00), where: magnitude .> Bits(repeating: 0x7F80_0000))
        return SIMD8<UInt16>(truncatingIfNeeded: result | sign)
        #endif
    }

    /// The lanes whose finite value rounds to a `Float16` infinity (magnitude 65520 or more).
    @inline(__always)
    static func beyondRange(_ value: Lanes) -> SIMDMask<Bits> {
        let magnitude = unsafeBitCast(value, to: Bits.self) & 0x7FFF_FFFF
        return (magnitude .>= Bits(repeating: 0x477F_F000)) .& (magnitude .< Bits(repeating: 0x7F80_0000))
    }
}
