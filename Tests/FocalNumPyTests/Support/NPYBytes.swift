import Foundation

/// Builds `.npy` files byte by byte, independently of FocalNumPy, so tests can describe exactly
/// what a file holds, including files NumPy would never write.
enum NPYBytes {
    /// A complete file: magic, version, header length, `header` (followed by spaces and a newline
    /// up to a 64-byte boundary if `aligned`, else by `terminator` alone), then `payload`.
    static func file(
        header: String, version: (UInt8, UInt8) = (1, 0), payload: [UInt8] = [],
        aligned: Bool = true, terminator: String = "\n"
    ) -> Data {
        var headerBytes = Array(header.utf8)
        let lengthSize = version.0 == 1 ? 2 : 4
        if aligned {
            while (8 + lengthSize + headerBytes.count + 1) % 64 != 0 { headerBytes.append(0x20) }
            headerBytes.append(0x0A)
        } else {
            headerBytes += Array(terminator.utf8)
        }
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version.0, version.1]
        bytes += littleEndian(UInt64(headerBytes.count)).prefix(lengthSize)
        return Data(bytes + headerBytes + payload)
    }

    /// The bytes of `value`, least significant first.
    static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    /// The bytes of `value`, most significant first.
    static func bigEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        littleEndian(value).reversed()
    }

    /// Packs integers in the given byte order.
    static func pack<T: FixedWidthInteger>(_ values: [T], bigEndian big: Bool = false) -> [UInt8] {
        values.flatMap { big ? bigEndian($0) : littleEndian($0) }
    }

    /// Packs `Float`s in the given byte order.
    static func pack(_ values: [Float], bigEndian big: Bool = false) -> [UInt8] {
        pack(values.map(\.bitPattern), bigEndian: big)
    }

    /// Packs `Double`s in the given byte order.
    static func pack(_ values: [Double], bigEndian big: Bool = false) -> [UInt8] {
        pack(values.map(\.bitPattern), bigEndian: big)
    }
}
