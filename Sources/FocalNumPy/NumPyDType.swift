/// The element type of a NumPy array, as named by NumPy (`numpy.dtype(...).name`).
///
/// Only fixed-width numeric types and `bool` are supported. The byte order in which a file stores
/// its elements is not part of the type: big-endian files are decoded transparently.
public enum NumPyDType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// `numpy.bool` (type code `b1`), one byte holding 0 or 1.
    case bool
    /// `numpy.int8` (type code `i1`).
    case int8
    /// `numpy.int16` (type code `i2`).
    case int16
    /// `numpy.int32` (type code `i4`).
    case int32
    /// `numpy.int64` (type code `i8`).
    case int64
    /// `numpy.uint8` (type code `u1`).
    case uint8
    /// `numpy.uint16` (type code `u2`).
    case uint16
    /// `numpy.uint32` (type code `u4`).
    case uint32
    /// `numpy.uint64` (type code `u8`).
    case uint64
    /// `numpy.float16` (type code `f2`), IEEE 754 half precision.
    case float16
    /// `numpy.float32` (type code `f4`), IEEE 754 single precision.
    case float32
    /// `numpy.float64` (type code `f8`), IEEE 754 double precision.
    case float64

    /// The number of bytes one element occupies (NumPy's `itemsize`).
    public var byteCount: Int {
        switch self {
        case .bool, .int8, .uint8: return 1
        case .int16, .uint16, .float16: return 2
        case .int32, .uint32, .float32: return 4
        case .int64, .uint64, .float64: return 8
        }
    }

    /// Whether the elements are IEEE 754 floating-point numbers.
    public var isFloatingPoint: Bool {
        switch self {
        case .float16, .float32, .float64: return true
        default: return false
        }
    }

    /// Whether the elements are signed or unsigned integers (`bool` is not counted as an integer).
    public var isInteger: Bool {
        !isFloatingPoint && self != .bool
    }

    /// Whether the elements are signed integers.
    public var isSignedInteger: Bool {
        switch self {
        case .int8, .int16, .int32, .int64: return true
        default: return false
        }
    }

    /// The type code without a byte-order character, such as `f4` or `u1`.
    public var typeCode: String {
        let kind: String
        if isFloatingPoint {
            kind = "f"
        } else if isSignedInteger {
            kind = "i"
        } else if isInteger {
            kind = "u"
        } else {
            kind = "b"
        }
        return kind + String(byteCount)
    }

    /// NumPy's name for the type, such as `float32`.
    public var description: String { rawValue }
}
