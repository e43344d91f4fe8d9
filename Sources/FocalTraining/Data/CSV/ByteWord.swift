/// Eight bytes read as one `UInt64`, to look for a byte in all of them at once.
enum ByteWord {
    /// `byte` in each of the eight bytes.
    @inline(__always)
    static func repeated(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// Whether one of the eight bytes of `word` is zero (so `word ^ repeated(b)` finds `b`).
    @inline(__always)
    static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0
    }
}
