/// The `descr` entry of a header: an element type and the byte order it is stored in.
struct TypeDescriptor: Equatable, Sendable {
    var dtype: NumPyDType
    /// Whether multi-byte elements are stored most significant byte first.
    var isBigEndian: Bool

    init(dtype: NumPyDType, isBigEndian: Bool) {
        self.dtype = dtype
        self.isBigEndian = isBigEndian && dtype.byteCount > 1
    }

    /// Whether this machine stores multi-byte numbers most significant byte first.
    static var hostIsBigEndian: Bool {
        #if _endian(big)
        return true
        #else
        return false
        #endif
    }

    /// Parses a simple descriptor such as `<f4`, `>i8`, `|u1`, `=f8` or `f4` (no byte-order
    /// character means native order, like `=`). Returns `nil` for anything else.
    init?(descr: String) {
        var scalars = Substring(descr)
        var isBigEndian = Self.hostIsBigEndian
        switch scalars.first {
        case "<": isBigEndian = false; scalars.removeFirst()
        case ">": isBigEndian = true; scalars.removeFirst()
        case "|", "=": scalars.removeFirst()
        default: break
        }
        guard let dtype = Self.dtypes[String(scalars)] else { return nil }
        self.init(dtype: dtype, isBigEndian: isBigEndian)
    }

    private static let dtypes: [String: NumPyDType] = {
        var table: [String: NumPyDType] = ["?": .bool]
        for dtype in NumPyDType.allCases { table[dtype.typeCode] = dtype }
        return table
    }()

    /// The descriptor as NumPy writes it: `|` for one-byte types, else `<` or `>`.
    var descr: String {
        let order = dtype.byteCount == 1 ? "|" : (isBigEndian ? ">" : "<")
        return order + dtype.typeCode
    }
}
