import Foundation

extension NumPyArray {
    /// Writes elements to a `.npy` file, atomically.
    ///
    /// The file is what `numpy.save` writes for the same array: format version 1.0 (2.0 if the
    /// header needs more than 65,535 bytes), native byte order (little-endian on x86-64 and
    /// ARM64), C order, data aligned to 64 bytes. The elements are written straight from
    /// `elements`' storage, without an intermediate copy.
    ///
    /// The bytes go to a temporary file in the destination's directory, which is renamed over
    /// `url` only once complete; on failure no file is left behind and an existing file at `url`
    /// is unchanged.
    ///
    /// - Parameters:
    ///   - elements: The elements in row-major order, last axis varying fastest.
    ///   - shape: The extent of each axis; `[]` for a scalar (one element).
    ///   - url: The destination file URL.
    /// - Throws: ``NumPyError`` naming `url.relativePath` if the shape is invalid, `elements`
    ///   does not hold exactly as many elements as the shape, or the file cannot be written.
    public static func write<Element: NumPyElement>(_ elements: [Element], shape: [Int], to url: URL) throws(NumPyError) {
        let displayPath = url.relativePath
        let header = try header(for: Element.self, shape: shape, count: elements.count, path: displayPath)
        try write(header: header, to: url, displayPath: displayPath) { (file: inout NPYFileOutput) throws(NumPyError) in
            let written = elements.withUnsafeBytes { bytes in
                Result { () throws(NumPyError) in try file.append(bytes) }
            }
            try written.get()
        }
    }

    /// Writes this array to a `.npy` file, atomically, as ``write(_:shape:to:)`` does.
    ///
    /// The bytes are written as stored: an array read from a big-endian or Fortran-order file is
    /// written back in that layout, which NumPy reads as the same array.
    ///
    /// - Parameter url: The file URL to write; an existing file is replaced.
    /// - Throws: ``NumPyError`` naming `url.relativePath` if the file cannot be written.
    public func write(to url: URL) throws(NumPyError) {
        try Self.write(header: header, to: url, displayPath: url.relativePath) { (file: inout NPYFileOutput) throws(NumPyError) in
            let written = bytes.withUnsafeBytes { bytes in
                Result { () throws(NumPyError) in try file.append(bytes) }
            }
            try written.get()
        }
    }

    /// The complete `.npy` file for this array, as ``write(to:)`` would write it.
    ///
    /// - Returns: The header and the data, ready to be stored.
    /// - Throws: ``NumPyError`` only for a header too long for any format version (hundreds of
    ///   millions of axes).
    public func npyData() throws(NumPyError) -> Data {
        try Data(Self.preamble(for: header, path: source)) + bytes
    }

    /// The preamble and header for `header`, or an error naming `path` if it is too long.
    private static func preamble(for header: NPYHeader, path: String) throws(NumPyError) -> [UInt8] {
        guard let preamble = NPYPreamble.encode(header) else {
            throw NumPyError(path: path, reason: .headerTooLong(rank: header.shape.count))
        }
        return preamble
    }

    private static func write(
        header: NPYHeader, to url: URL, displayPath: String,
        data: (inout NPYFileOutput) throws(NumPyError) -> Void
    ) throws(NumPyError) {
        let preamble = try preamble(for: header, path: displayPath)
        var file = try NPYFileOutput(path: url.path, displayPath: displayPath)
        let written = preamble.withUnsafeBytes { bytes in
            Result { () throws(NumPyError) in try file.append(bytes) }
        }
        try written.get()
        try data(&file)
        try file.commit()
    }
}
