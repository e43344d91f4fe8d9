import FocalNumPy
import Testing
import Foundation

/// The values a fixture holds, in row-major order, in the widest Swift type of their kind.
enum ExpectedValues: Sendable {
    case floating([Double])
    case signed([Int64])
    case unsigned([UInt64])
    case boolean([Bool])
}

/// Decodes base64 broken over lines, as the generated fixtures are.
func decodeBase64(_ text: String) -> Data {
    Data(base64Encoded: String(text.filter { !$0.isWhitespace }))!
}

/// A `.npy` file written by NumPy, and what it holds.
struct ReadableFixture: Sendable, CustomTestStringConvertible {
    var name: String
    var dtype: NumPyDType
    var shape: [Int]
    var values: ExpectedValues
    var base64: String

    var bytes: Data { decodeBase64(base64) }
    var testDescription: String { name }
}

/// A `.npy` file written by NumPy whose element type FocalNumPy does not support.
struct UnsupportedFixture: Sendable, CustomTestStringConvertible {
    var name: String
    /// The `descr` entry of the header, in Python syntax.
    var descr: String
    var base64: String

    var bytes: Data { decodeBase64(base64) }
    var testDescription: String { name }
}

/// What `numpy.save` wrote for an array.
struct WrittenFixture: Sendable, CustomTestStringConvertible {
    var name: String
    var dtype: NumPyDType
    var shape: [Int]
    var values: ExpectedValues
    var base64: String

    var bytes: Data { decodeBase64(base64) }
    var testDescription: String { name }
}

