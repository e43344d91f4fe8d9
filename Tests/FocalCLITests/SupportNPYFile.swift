import Foundation

/// A minimal, independent `.npy` encoder and decoder for the CLI tests, so that the files the
/// tests feed to `focal` (every format version, byte order and memory order) and the checks of
/// what it writes do not rely on the code under test.
enum TestNPY {
    /// The bytes of a `.npy` file.
    ///
    /// - Parameters:
    ///   - values: The elements in row-major (C) order.
    ///   - shape: The shape.
    ///   - descr: The type descriptor: `<f4`, `>f8`, `<i8`, `|u1`, `<i4`, `<f2`, `|b1`, ...
    ///   - version: The format version, 1, 2 or 3.
    ///   - fortranOrder: Whether to store the elements column-major (the header says so).
    static func encode(_ values: [Double], shape: [Int], descr: String, version: UInt8 = 1, fortranOrder: Bool = false) -> Data {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': \(fortranOrder ? "True" : "False"), 'shape': \(shapeText), }"
        let lengthBytes = version == 1 ? 2 : 4
        let prefix = 6 + 2 + lengthBytes
        while (prefix + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93]) + Data("NUMPY".utf8) + Data([version, 0])
        let length = header.utf8.count
        if version == 1 {
            data += Data([UInt8(length & 0xFF), UInt8(length >> 8)])
        } else {
            data += Data((0..<4).map { UInt8((length >> (8 * $0)) & 0xFF) })
        }
        data += Data(header.utf8)
        let ordered = fortranOrder ? columnMajor(values, shape: shape) : values
        for value in ordered { data += bytes(of: value, descr: descr) }
        return data
    }

    /// Writes `encode(...)` to `url`.
    static func write(_ values: [Double], shape: [Int], descr: String, to url: URL, version: UInt8 = 1, fortranOrder: Bool = false) throws {
        try encode(values, shape: shape, descr: descr, version: version, fortranOrder: fortranOrder).write(to: url)
    }

    /// One element's bytes.
    static func bytes(of value: Double, descr: String) -> Data {
        let bigEndian = descr.hasPrefix(">")
        let code = descr.dropFirst()
        var raw: [UInt8]
        switch code {
        case "f8": raw = withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
        case "f4": raw = withUnsafeBytes(of: Float(value).bitPattern.littleEndian) { Array($0) }
        case "f2": raw = withUnsafeBytes(of: Float16(value).bitPattern.littleEndian) { Array($0) }
        case "i8": raw = withUnsafeBytes(of: Int64(value).littleEndian) { Array($0) }
        case "i4": raw = withUnsafeBytes(of: Int32(value).littleEndian) { Array($0) }
        case "i2": raw = withUnsafeBytes(of: Int16(value).littleEndian) { Array($0) }
        case "i1": raw = [UInt8(bitPattern: Int8(value))]
        case "u1", "b1": raw = [UInt8(value)]
        case "u2": raw = withUnsafeBytes(of: UInt16(value).littleEndian) { Array($0) }
        default: fatalError("TestNPY: unsupported descr \(descr)")
        }
        if bigEndian { raw.reverse() }
        return Data(raw)
    }

    /// Row-major values reordered column-major.
    static func columnMajor(_ values: [Double], shape: [Int]) -> [Double] {
        guard shape.count > 1 else { return values }
        var strides = [Int](repeating: 1, count: shape.count)
        for axis in stride(from: shape.count - 2, through: 0, by: -1) { strides[axis] = strides[axis + 1] * shape[axis + 1] }
        var result = [Double]()
        result.reserveCapacity(values.count)
        var index = [Int](repeating: 0, count: shape.count)
        for _ in 0..<values.count {
            result.append(values[zip(index, strides).map(*).reduce(0, +)])
            for axis in 0..<shape.count {  // first axis fastest
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
            }
        }
        return result
    }

    /// A decoded little-endian float file, as `focal` writes them.
    struct Decoded {
        var descr: String
        var shape: [Int]
        var values: [Double]
    }

    /// Decodes a version 1 `.npy` file of little-endian `f2`, `f4` or `f8` elements in C order.
    static func read(_ url: URL) throws -> Decoded {
        let data = try Data(contentsOf: url)
        let bytes = [UInt8](data)
        guard bytes.count >= 10, bytes[0] == 0x93, String(decoding: bytes[1...5], as: UTF8.self) == "NUMPY" else {
            throw DecodeError("\(url.lastPathComponent): not a .npy file")
        }
        let major = bytes[6]
        let (length, start) = major == 1
            ? (Int(bytes[8]) | Int(bytes[9]) << 8, 10)
            : ((0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }, 12)
        let header = String(decoding: bytes[start..<(start + length)], as: UTF8.self)
        guard let descr = header.firstMatch(of: /'descr': '([^']*)'/)?.1,
              let shapeText = header.firstMatch(of: /'shape': \(([^)]*)\)/)?.1 else {
            throw DecodeError("\(url.lastPathComponent): malformed header \(header)")
        }
        guard header.contains("'fortran_order': False") else { throw DecodeError("unexpected Fortran order") }
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        let count = shape.reduce(1, *)
        let payload = Array(bytes[(start + length)...])
        var values = [Double]()
        switch descr {
        case "<f8":
            for i in 0..<count { values.append(Double(bitPattern: le(payload, i * 8, 8))) }
        case "<f4":
            for i in 0..<count { values.append(Double(Float(bitPattern: UInt32(le(payload, i * 4, 4))))) }
        case "<f2":
            for i in 0..<count { values.append(Double(Float16(bitPattern: UInt16(le(payload, i * 2, 2))))) }
        default:
            throw DecodeError("\(url.lastPathComponent): unexpected descr \(descr)")
        }
        guard payload.count == count * (descr == "<f8" ? 8 : descr == "<f4" ? 4 : 2) else {
            throw DecodeError("\(url.lastPathComponent): \(payload.count) data bytes for \(count) elements")
        }
        return Decoded(descr: String(descr), shape: shape, values: values)
    }

    private static func le(_ bytes: [UInt8], _ offset: Int, _ width: Int) -> UInt64 {
        (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    struct DecodeError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
