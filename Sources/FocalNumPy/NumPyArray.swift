import Foundation

/// An n-dimensional NumPy array: a shape, an element type and the elements' bytes.
///
/// Read one with ``init(contentsOf:)``, then take its elements in row-major (C) order with
/// ``elements(as:)`` (as floating-point numbers) or ``integers(as:)`` (as integers), which convert
/// on the way out. Whatever the file's byte order and memory order, the accessors return
/// native-endian values in row-major order.
///
/// A loaded array keeps the file's bytes memory-mapped rather than copied, so holding a
/// `NumPyArray` of a 1 GiB file costs address space, not memory; the accessors then make the one
/// copy, the Swift array they return, releasing the mapped pages as they go. Reading a 1 GiB
/// `float32` file as `[Float]` thus peaks at about 1 GiB of resident memory.
///
/// `NumPyArray` is a value type and is safe to share between threads. The file must not be
/// modified in place while an array read from it is alive (replacing it, as ``write(to:)`` does,
/// is fine).
public struct NumPyArray: Sendable, CustomStringConvertible {
    /// The file path (or name) the array came from, used in error messages.
    public let source: String
    /// The element type, shape, byte order and memory order of ``bytes``, as checked on creation.
    let header: NPYHeader
    /// Exactly `header.byteCount` bytes of element data; possibly a slice of a memory-mapped file.
    let bytes: Data
    /// The file mapping ``bytes`` lies in, if it was read from a file by mapping it.
    let mappedRegion: MappedFile.Region?

    /// The extent of each axis. Empty for a 0-d array (a scalar, which holds one element).
    public var shape: [Int] { header.shape }

    /// The number of elements: the product of ``shape`` (1 for a scalar).
    public var count: Int { header.count }

    /// The element type.
    public var dtype: NumPyDType { header.descriptor.dtype }

    /// The number of axes (0 for a scalar).
    public var rank: Int { header.shape.count }

    init(header: NPYHeader, bytes: Data, source: String, mappedRegion: MappedFile.Region? = nil) {
        self.header = header
        self.bytes = bytes
        self.source = source
        self.mappedRegion = mappedRegion
    }

    /// Creates an array from elements in row-major order, copying them.
    ///
    /// - Parameters:
    ///   - elements: The elements, last axis varying fastest.
    ///   - shape: The extent of each axis; `[]` for a scalar (one element).
    ///   - source: A name for the array in error messages.
    /// - Throws: ``NumPyError`` if a dimension is negative, the shape overflows, or `elements`
    ///   does not hold exactly as many elements as the shape.
    public init<Element: NumPyElement>(_ elements: [Element], shape: [Int], source: String = "<array>") throws(NumPyError) {
        let header = try Self.header(for: Element.self, shape: shape, count: elements.count, path: source)
        let bytes = elements.withUnsafeBytes { Data($0) }
        self.init(header: header, bytes: bytes, source: source)
    }

    /// The header for `count` elements of type `Element` in native byte order and C order, or an
    /// error naming `path` if the shape is invalid or does not hold `count` elements.
    static func header<Element: NumPyElement>(for _: Element.Type, shape: [Int], count: Int, path: String) throws(NumPyError) -> NPYHeader {
        let descriptor = TypeDescriptor(dtype: Element.numPyDType, isBigEndian: TypeDescriptor.hostIsBigEndian)
        let header: NPYHeader
        do {
            header = try NPYHeader(descriptor: descriptor, isFortranOrder: false, shape: shape)
        } catch {
            throw NumPyError(path: path, reason: error.reason)
        }
        guard header.count == count else {
            throw NumPyError(path: path, reason: .countMismatch(shape: shape, count: count))
        }
        return header
    }

    /// For example `float32 array of shape (2, 3) from X.npy`.
    public var description: String {
        "\(dtype) array of shape \(PythonSyntax.tuple(shape)) from \(source)"
    }
}
