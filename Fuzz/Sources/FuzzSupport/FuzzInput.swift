/// The fuzzer's bytes, read front to back as the choices of one run.
///
/// Every read succeeds: past the end, reads return zero, so each byte string is a valid run and
/// libFuzzer's mutations (insert, erase, flip) move smoothly between runs.
public struct FuzzInput {
    private let bytes: [UInt8]
    private var position = 0

    /// Wraps the bytes libFuzzer passes to `LLVMFuzzerTestOneInput`.
    public init(_ data: UnsafePointer<UInt8>?, count: Int) {
        bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    }

    /// Wraps bytes held in an array (for replaying an input in a test or a debugger).
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Whether every byte has been read.
    public var isExhausted: Bool { position >= bytes.count }

    /// The bytes not yet read.
    public var remaining: ArraySlice<UInt8> { bytes[min(position, bytes.count)...] }

    /// The next byte (0 past the end).
    public mutating func byte() -> UInt8 {
        defer { position += 1 }
        return position < bytes.count ? bytes[position] : 0
    }

    /// The next byte as a choice among `count` options, `0 ..< count`.
    public mutating func choice(_ count: Int) -> Int {
        Int(byte()) % count
    }

    /// The next byte as a flag.
    public mutating func flag() -> Bool {
        byte() & 1 == 1
    }

    /// The next four bytes, little-endian.
    public mutating func uint32() -> UInt32 {
        (0..<4).reduce(0) { value, shift in value | UInt32(byte()) << (8 * UInt32(shift)) }
    }

    /// A `Float` from the next bytes: the first byte picks a value from a table of edges, a
    /// moderate value, or (when `rawBits`) any bit pattern: NaN, infinities, subnormals.
    public mutating func float(edges: [Float], rawBits: Bool = false) -> Float {
        switch choice(4) {
        case 0 where rawBits: return Float(bitPattern: uint32())
        case 0, 1: return edges[choice(edges.count)]
        default:
            // -32 ... 32 in steps of 1/4, and sometimes scaled by a power of two.
            let moderate = (Float(Int(byte())) - 128) / 4
            return flag() ? moderate : moderate * Float(sign: .plus, exponent: Int(byte() % 64) - 32, significand: 1)
        }
    }
}
