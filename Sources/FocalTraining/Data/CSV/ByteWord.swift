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

    /// `0x80` in each byte of `word` that is zero, `0` in the others (exactly: no borrow
    /// crosses from one byte to the next).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word) & 0x8080_8080_8080_8080
    }

    /// Whether one of the eight bytes of `word` is below `limit` (at most 128); bytes of 128 and
    /// above never count. It may also answer `true` for a byte of `limit` after a smaller one,
    /// never `false` wrongly: a quick test before an exact one.
    @inline(__always)
    static func hasByteBelow(_ word: UInt64, _ limit: UInt8) -> Bool {
        (word &- repeated(limit)) & ~word & 0x8080_8080_8080_8080 != 0
    }

    /// The number of bytes of a ``zeroBytes(_:)`` mask that are set (without a `popcnt`
    /// instruction, which the default x86-64 target lacks).
    @inline(__always)
    static func countMarked(_ mask: UInt64) -> Int {
        Int(truncatingIfNeeded: ((mask >> 7) &* 0x0101_0101_0101_0101) >> 56)
    }

    /// The marked bytes of two ``zeroBytes(_:)`` masks (their lanes summed first: at most 16).
    @inline(__always)
    static func countMarked(_ first: UInt64, _ second: UInt64) -> Int {
        Int(truncatingIfNeeded: (((first >> 7) &+ (second >> 7)) &* 0x0101_0101_0101_0101) >> 56)
    }
}
