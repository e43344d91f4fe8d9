import FocalNumPy
import Foundation
import Testing

/// Writing an array and reading it back gives the same dtype, shape and elements, for every
/// element type.
@Suite("Round trips")
struct RoundTripTests {
    let directory = TemporaryDirectory()

    /// Writes `values`, reads the file back and checks dtype and shape.
    private func roundTrip<Element: NumPyElement>(_ values: [Element], shape: [Int], dtype: NumPyDType) throws -> NumPyArray {
        let url = directory.file("array.npy")
        try NumPyArray.write(values, shape: shape, to: url)
        let array = try NumPyArray(contentsOf: url)
        #expect(array.dtype == dtype)
        #expect(array.shape == shape)
        #expect(array.count == values.count)
        return array
    }

    @Test("float32")
    func float32() throws {
        let values: [Float] = [1.5, -0.0, .infinity, -.infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude, 0.1, -3e-20]
        let array = try roundTrip(values, shape: [2, 4], dtype: .float32)
        #expect(array.elements(as: Float.self).map(\.bitPattern) == values.map(\.bitPattern))
        #expect(array.elements(as: Double.self) == values.map(Double.init))
        let nan = try roundTrip([Float.nan, Float(bitPattern: 0x7FC0_1234)], shape: [2], dtype: .float32)
        #expect(nan.elements(as: Float.self).map(\.bitPattern) == [Float.nan.bitPattern, 0x7FC0_1234])
    }

    @Test("float64")
    func float64() throws {
        let values: [Double] = [0.1, -0.0, .infinity, .greatestFiniteMagnitude, .leastNonzeroMagnitude, -1e-300]
        let array = try roundTrip(values, shape: [3, 1, 2], dtype: .float64)
        #expect(array.elements(as: Double.self).map(\.bitPattern) == values.map(\.bitPattern))
    }

#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    @Test("float16")
    func float16() throws {
        let values: [Float16] = [1, -0.5, 65504, .leastNonzeroMagnitude, .infinity]
        let array = try roundTrip(values, shape: [5], dtype: .float16)
        #expect(array.elements(as: Float16.self) == values)
        #expect(array.elements(as: Double.self) == [1, -0.5, 65504, 0x1p-24, .infinity])
    }
#endif

    @Test("bool")
    func bool() throws {
        let array = try roundTrip([true, false, false, true, true, false], shape: [3, 2], dtype: .bool)
        #expect(try array.integers(as: Int.self) == [1, 0, 0, 1, 1, 0])
        #expect(array.elements(as: Double.self) == [1, 0, 0, 1, 1, 0])
    }

    @Test("Signed integers of every width")
    func signedIntegers() throws {
        let int8 = try roundTrip([Int8.min, -1, 0, 1, .max], shape: [5], dtype: .int8)
        #expect(try int8.integers(as: Int8.self) == [.min, -1, 0, 1, .max])
        let int16 = try roundTrip([Int16.min, -300, 0, .max], shape: [2, 2], dtype: .int16)
        #expect(try int16.integers(as: Int16.self) == [.min, -300, 0, .max])
        let int32 = try roundTrip([Int32.min, -70_000, 0, .max], shape: [4, 1], dtype: .int32)
        #expect(try int32.integers(as: Int32.self) == [.min, -70_000, 0, .max])
        let int64 = try roundTrip([Int64.min, -5_000_000_000, 0, .max], shape: [1, 4], dtype: .int64)
        #expect(try int64.integers(as: Int64.self) == [.min, -5_000_000_000, 0, .max])
        let int = try roundTrip([Int.min, 7, .max], shape: [3], dtype: .int64)
        #expect(try int.integers(as: Int.self) == [.min, 7, .max])
    }

    @Test("Unsigned integers of every width")
    func unsignedIntegers() throws {
        let uint8 = try roundTrip([UInt8(0), 1, 200, .max], shape: [4], dtype: .uint8)
        #expect(try uint8.integers(as: UInt8.self) == [0, 1, 200, .max])
        let uint16 = try roundTrip([UInt16(0), 40_000, .max], shape: [3], dtype: .uint16)
        #expect(try uint16.integers(as: UInt16.self) == [0, 40_000, .max])
        let uint32 = try roundTrip([UInt32(0), 3_000_000_000, .max], shape: [3], dtype: .uint32)
        #expect(try uint32.integers(as: UInt32.self) == [0, 3_000_000_000, .max])
        let uint64 = try roundTrip([UInt64(0), 10_000_000_000_000_000_000, .max], shape: [3], dtype: .uint64)
        #expect(try uint64.integers(as: UInt64.self) == [0, 10_000_000_000_000_000_000, .max])
        let uint = try roundTrip([UInt(0), .max], shape: [2], dtype: .uint64)
        #expect(try uint.integers(as: UInt.self) == [0, .max])
    }

    @Test("Scalars and empty arrays")
    func scalarsAndEmptyArrays() throws {
        let scalar = try roundTrip([2.5], shape: [], dtype: .float64)
        #expect(scalar.rank == 0)
        #expect(scalar.elements(as: Double.self) == [2.5])
        let empty = try roundTrip([Float](), shape: [0], dtype: .float32)
        #expect(empty.elements(as: Float.self) == [])
        let emptyMatrix = try roundTrip([Int64](), shape: [2, 0], dtype: .int64)
        #expect(try emptyMatrix.integers(as: Int.self) == [])
    }

    @Test("A loaded big-endian Fortran-order array is written back as the same array")
    func rewritesLoadedArray() throws {
        // (2, 3) array [[1, 2, 3], [4, 5, 6]] stored column by column, big-endian.
        let source = NPYBytes.file(
            header: "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }",
            payload: NPYBytes.pack([1.0, 4, 2, 5, 3, 6], bigEndian: true))
        let loaded = try NumPyArray(npyData: source)
        let url = directory.file("copy.npy")
        try loaded.write(to: url)
        let copy = try NumPyArray(contentsOf: url)
        #expect(copy.shape == [2, 3])
        #expect(copy.elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("An array built in memory reads back from its npyData()")
    func inMemory() throws {
        let array = try NumPyArray([Int16(-5), 6, 7, 8, 9, 10], shape: [3, 2], source: "labels")
        #expect(array.source == "labels")
        #expect(array.description == "int16 array of shape (3, 2) from labels")
        let data = try array.npyData()
        #expect(data.count % 64 == 12)  // 64-byte aligned header, then 6 × 2 bytes.
        let copy = try NumPyArray(npyData: data)
        #expect(copy.shape == [3, 2])
        #expect(try copy.integers(as: Int.self) == [-5, 6, 7, 8, 9, 10])
    }
}
