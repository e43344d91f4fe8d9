/// A Swift type with the same bits as one NumPy element type, loadable from unaligned storage in
/// either byte order.
protocol StoredScalar: BitwiseCopyable {
    /// The element at `index` of the packed elements starting at `base`, byte-swapped first if
    /// `isSwapped`.
    static func load(from base: UnsafeRawPointer, at index: Int, isSwapped: Bool) -> Self
}

extension StoredScalar where Self: FixedWidthInteger {
    @inline(__always)
    static func load(from base: UnsafeRawPointer, at index: Int, isSwapped: Bool) -> Self {
        let value = base.loadUnaligned(fromByteOffset: index &* MemoryLayout<Self>.size, as: Self.self)
        return isSwapped ? value.byteSwapped : value
    }
}

extension Int8: StoredScalar {}
extension Int16: StoredScalar {}
extension Int32: StoredScalar {}
extension Int64: StoredScalar {}
extension UInt8: StoredScalar {}
extension UInt16: StoredScalar {}
extension UInt32: StoredScalar {}
extension UInt64: StoredScalar {}

extension Float: StoredScalar {
    @inline(__always)
    static func load(from base: UnsafeRawPointer, at index: Int, isSwapped: Bool) -> Self {
        Float(bitPattern: UInt32.load(from: base, at: index, isSwapped: isSwapped))
    }
}

extension Double: StoredScalar {
    @inline(__always)
    static func load(from base: UnsafeRawPointer, at index: Int, isSwapped: Bool) -> Self {
        Double(bitPattern: UInt64.load(from: base, at: index, isSwapped: isSwapped))
    }
}

extension Bool: StoredScalar {
    /// Any nonzero byte is `true`, as in NumPy.
    @inline(__always)
    static func load(from base: UnsafeRawPointer, at index: Int, isSwapped: Bool) -> Self {
        base.load(fromByteOffset: index, as: UInt8.self) != 0
    }
}

/// IEEE 754 half precision (binary16) bits, decoded without `Float16`, which some platforms
/// (macOS on x86-64) lack.
enum HalfPrecision {
    /// The `Float` with the same value as the half-precision number with these bits (exact:
    /// every half-precision value, NaN payloads included, is representable).
    static func float(fromBits bits: UInt16) -> Float {
        let sign: UInt32 = UInt32(bits & 0x8000) << 16
        let exponent = Int(bits >> 10 & 0x1F)
        let fraction = UInt32(bits & 0x3FF)
        switch exponent {
        case 0x1F:  // Infinity or NaN.
            return Float(bitPattern: sign | 0x7F80_0000 | fraction << 13)
        case 0:  // Zero or subnormal: fraction × 2⁻²⁴.
            let magnitude = Float(fraction) * 0x1p-24
            return sign == 0 ? magnitude : -magnitude
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | fraction << 13)
        }
    }
}
