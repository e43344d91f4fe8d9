import FocalNumPy
import Foundation
import FuzzSupport

/// One run: the bytes are a `.npy` file. The reader must throw a `NumPyError` or return an array
/// whose elements read in every precision and which writes back to a file that reads as the same
/// array (shape, dtype and every value's bits).
func fuzzNumPy(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: count) } ?? Data()
    guard let array = try? NumPyArray(npyData: bytes, source: "fuzz.npy") else { return 0 }
    fuzzCheck(array.count == array.shape.reduce(1, *), "count \(array.count) is not the product of \(array.shape)")
    let doubles = array.elements(as: Double.self)
    let floats = array.elements(as: Float.self)
    fuzzCheck(doubles.count == array.count && floats.count == array.count, "element counts differ from \(array.count)")
    if !array.dtype.isFloatingPoint {
        if let wide = try? array.integers(as: Int64.self) {
            for (index, value) in wide.enumerated() where array.dtype != .uint64 {
                fuzzCheck(Double(value) == doubles[index], "integer \(value) reads as \(doubles[index]) at \(index)")
            }
        }
        _ = try? array.integers(as: UInt8.self)
    } else {
        // Floating-point elements never read as integers.
        fuzzCheck((try? array.integers(as: Int.self)) == nil, "floating-point \(array.dtype) read as integers")
    }
    guard let written = try? array.npyData() else { return 0 }
    let reread: NumPyArray
    do {
        reread = try NumPyArray(npyData: written, source: "fuzz-rewritten.npy")
    } catch {
        fuzzFailure("the rewritten file does not read: \(error)")
    }
    fuzzCheck(reread.shape == array.shape && reread.dtype == array.dtype, "round trip changed \(array.shape) \(array.dtype)")
    for (index, (a, b)) in zip(doubles, reread.elements(as: Double.self)).enumerated() {
        fuzzCheck(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "round trip changed element \(index): \(a) -> \(b)")
    }
    return 0
}
