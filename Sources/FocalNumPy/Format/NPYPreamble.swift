/// The fixed start of a `.npy` file: magic string, format version and header length, followed by
/// the header text.
///
/// | version | header length field | header encoding |
/// | ------- | ------------------- | --------------- |
/// | 1.0     | 2 bytes, little-endian | Latin-1 |
/// | 2.0     | 4 bytes, little-endian | Latin-1 |
/// | 3.0     | 4 bytes, little-endian | UTF-8   |
enum NPYPreamble {
    /// `\x93NUMPY`.
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    /// The alignment `numpy.save` gives the start of the data.
    static let alignment = 64

    /// The header of a file, and where its data starts.
    struct Parsed {
        var header: NPYHeader
        var dataOffset: Int
    }

    /// Reads and checks the preamble and header at the start of `bytes`.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(NPYFormatError) -> Parsed {
        let available = bytes.count
        guard available >= magic.count, bytes.prefix(magic.count).elementsEqual(magic) else {
            // A file cut short inside the magic is still recognisably a NumPy file.
            if available < magic.count, available > 0, bytes.elementsEqual(magic.prefix(available)) {
                throw NPYFormatError(.truncatedHeader(expected: magic.count + 2, available: available))
            }
            throw NPYFormatError(.badMagic)
        }
        guard available >= magic.count + 2 else {
            throw NPYFormatError(.truncatedHeader(expected: magic.count + 2, available: available))
        }
        let major = bytes[6], minor = bytes[7]
        let lengthSize: Int
        switch (major, minor) {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default: throw NPYFormatError(.unsupportedVersion(major: major, minor: minor))
        }
        let headerStart = 8 + lengthSize
        guard available >= headerStart else {
            throw NPYFormatError(.truncatedHeader(expected: headerStart, available: available))
        }
        var headerLength = 0
        for index in (8..<headerStart).reversed() {
            headerLength = headerLength << 8 | Int(bytes[index])
        }
        let headerEnd = headerStart + headerLength
        guard available >= headerEnd else {
            throw NPYFormatError(.truncatedHeader(expected: headerEnd, available: available))
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: bytes[headerStart..<headerEnd])
        let text: String
        if major == 3 {
            guard let decoded = String(validating: headerBytes, as: UTF8.self) else {
                throw NPYFormatError(.malformedHeader("header is not valid UTF-8"))
            }
            text = decoded
        } else {
            // Latin-1: every byte is the Unicode scalar of the same value.
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: headerBytes.map { Unicode.Scalar($0) })
            text = String(scalars)
        }
        return Parsed(header: try NPYHeader(text: text), dataOffset: headerEnd)
    }

    /// The bytes `numpy.save` writes before the data of an array with `header`: version 1.0, or
    /// 2.0 if the header is too long for a 2-byte length; padded with spaces and a final newline
    /// so that the data starts at a multiple of ``alignment``. Returns `nil` for a header too long
    /// even for a 4-byte length (billions of dimensions).
    static func encode(_ header: NPYHeader) -> [UInt8]? {
        let text = Array(header.text.utf8)  // ASCII: descriptors and digits only.
        for (major, lengthSize) in [(UInt8(1), 2), (UInt8(2), 4)] {
            let unpadded = magic.count + 2 + lengthSize + text.count + 1
            let padding = alignment - unpadded % alignment
            let headerLength = text.count + padding + 1
            guard headerLength < 1 << (8 * lengthSize) else { continue }
            var bytes = magic + [major, 0]
            for shift in stride(from: 0, to: 8 * lengthSize, by: 8) {
                bytes.append(UInt8(truncatingIfNeeded: headerLength >> shift))
            }
            bytes += text
            bytes += repeatElement(UInt8(ascii: " "), count: padding)
            bytes.append(UInt8(ascii: "\n"))
            return bytes
        }
        return nil
    }
}
