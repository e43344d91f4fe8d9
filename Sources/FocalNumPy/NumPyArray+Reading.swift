import Foundation

extension NumPyArray {
    /// Reads a `.npy` file (format version 1.0, 2.0 or 3.0).
    ///
    /// The file is memory-mapped, not copied: the array refers to the mapped bytes, and the only
    /// copy is the one the accessors make when converting to a Swift array, which release the
    /// mapped pages once copied. So reading a 1 GiB file and taking its elements in its own
    /// precision peaks at about 1 GiB of resident memory. The mapping lives as long as the array
    /// (or any copy of it). Files that cannot be mapped (pipes, devices) are read into memory.
    ///
    /// Elements may be stored in either byte order and in C or Fortran order; the accessors return
    /// them native-endian and row-major. Bytes after the data are ignored, as NumPy does.
    ///
    /// - Parameter url: A file URL.
    /// - Throws: ``NumPyError`` naming `url.relativePath` if the file cannot be read, is not a
    ///   `.npy` file, is truncated, has a malformed header or holds an unsupported element type.
    public init(contentsOf url: URL) throws(NumPyError) {
        let displayPath = url.relativePath
        let file = try MappedFile.contents(ofFile: url.path, displayPath: displayPath)
        try self.init(npyData: file.data, source: displayPath, mappedRegion: file.region)
    }

    /// Reads a `.npy` file at a file-system path, as ``init(contentsOf:)`` does. Errors name
    /// `path` as given.
    ///
    /// - Parameter path: The file's path, absolute or relative to the current directory.
    /// - Throws: ``NumPyError`` naming `path` if the file cannot be read, is not a `.npy` file, is
    ///   truncated, has a malformed header or holds an unsupported element type.
    public init(contentsOfFile path: String) throws(NumPyError) {
        let file = try MappedFile.contents(ofFile: path, displayPath: path)
        try self.init(npyData: file.data, source: path, mappedRegion: file.region)
    }

    /// Decodes the bytes of a `.npy` file held in memory. The array shares `data`'s storage.
    ///
    /// - Parameters:
    ///   - data: The complete file contents.
    ///   - source: The name to use in error messages, such as the path the bytes came from.
    /// - Throws: ``NumPyError`` naming `source`, as ``init(contentsOf:)`` does.
    public init(npyData data: Data, source: String = "<data>") throws(NumPyError) {
        try self.init(npyData: data, source: source, mappedRegion: nil)
    }

    /// Decodes `data`, which is a private file mapping at `mappedRegion` if that is not `nil`.
    private init(npyData data: Data, source: String, mappedRegion: MappedFile.Region?) throws(NumPyError) {
        let parsed = data.withUnsafeBytes { raw in
            Result { () throws(NPYFormatError) in try NPYPreamble.parse(raw) }
        }
        let preamble: NPYPreamble.Parsed
        do {
            preamble = try parsed.get()
        } catch {
            throw NumPyError(path: source, reason: error.reason)
        }
        let available = data.count - preamble.dataOffset
        let needed = preamble.header.byteCount
        guard available >= needed else {
            throw NumPyError(path: source, reason: .truncatedData(expected: needed, available: available))
        }
        let start = data.startIndex + preamble.dataOffset
        self.init(header: preamble.header, bytes: data[start..<(start + needed)], source: source, mappedRegion: mappedRegion)
    }
}
