/// A failure to read, decode, convert or write a NumPy array.
///
/// The ``description`` is one line that names the file and the problem, for example
/// `X.npy: truncated: header says 1200 bytes of data, file has 800`, so a command-line tool can
/// print it as is.
public struct NumPyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file the error is about, as the caller spelled it, or the `source` name given for
    /// in-memory data.
    public var path: String
    /// What went wrong.
    public var reason: Reason

    /// Creates an error about `path`.
    ///
    /// - Parameters:
    ///   - path: The file the error is about, or a name for in-memory data.
    ///   - reason: What went wrong.
    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// `path: problem`.
    public var description: String { "\(path): \(reason)" }

    /// What went wrong, without the file name.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// The file could not be opened or read; the payload is the system's message.
        case cannotRead(String)
        /// The file could not be created, written or renamed into place; the payload is the
        /// system's message.
        case cannotWrite(String)
        /// The file does not start with `\x93NUMPY`.
        case badMagic
        /// The format version is not 1.0, 2.0 or 3.0.
        case unsupportedVersion(major: UInt8, minor: UInt8)
        /// The file ends before the end of its header: the header needs `expected` bytes from the
        /// start of the file, the file has `available`.
        case truncatedHeader(expected: Int, available: Int)
        /// The file ends before the end of its data: the header says `expected` bytes of data
        /// follow it, the file has `available`.
        case truncatedData(expected: Int, available: Int)
        /// The header is not a dictionary with valid `descr`, `fortran_order` and `shape` entries.
        case malformedHeader(String)
        /// The element type is not one this library reads (complex, structured, strings, objects,
        /// dates, ...); the payload is the `descr` as written in the header.
        case unsupportedDType(String)
        /// A dimension of the shape (written as a Python tuple) is negative.
        case negativeDimension(shape: String)
        /// The shape (written as a Python tuple) holds more elements, or bytes, than `Int` can count.
        case shapeOverflow(shape: String)
        /// The header for an array of this many axes would exceed the 4 GiB a `.npy` header can hold.
        case headerTooLong(rank: Int)
        /// Elements given for writing do not fill the shape.
        case countMismatch(shape: [Int], count: Int)
        /// Integers were asked for, but the array holds floating-point numbers.
        case notInteger(NumPyDType)
        /// An element does not fit in the requested integer type. `index` is the element's flat,
        /// row-major offset and `coordinates` its index along each axis.
        case valueOutOfRange(value: String, index: Int, coordinates: [Int], type: String)

        public var description: String {
            switch self {
            case .cannotRead(let message):
                return "cannot read: \(message)"
            case .cannotWrite(let message):
                return "cannot write: \(message)"
            case .badMagic:
                return "not a NumPy file (bad magic)"
            case .unsupportedVersion(let major, let minor):
                return "unsupported format version \(major).\(minor) (supported: 1.0, 2.0, 3.0)"
            case .truncatedHeader(let expected, let available):
                return "truncated: header needs \(expected) bytes, file has \(available)"
            case .truncatedData(let expected, let available):
                return "truncated: header says \(expected) bytes of data, file has \(available)"
            case .malformedHeader(let detail):
                return "malformed header: \(detail)"
            case .unsupportedDType(let descr):
                return "unsupported dtype \(descr)"
            case .negativeDimension(let shape):
                return "invalid shape \(shape): negative dimension"
            case .shapeOverflow(let shape):
                return "invalid shape \(shape): too many elements"
            case .headerTooLong(let rank):
                return "a header for \(rank) axes is too long for the .npy format"
            case .countMismatch(let shape, let count):
                let needed = shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue })
                return "shape \(PythonSyntax.abbreviated(PythonSyntax.tuple(shape))) holds \(needed) elements, but \(count) were given"
            case .notInteger(let dtype):
                return "holds \(dtype) values, not integers"
            case .valueOutOfRange(let value, let index, let coordinates, let type):
                let position = coordinates.count > 1
                    ? " (position [\(coordinates.map(String.init).joined(separator: ", "))])" : ""
                return "value \(value) at index \(index)\(position) does not fit in \(type)"
            }
        }
    }
}
