import FocalNumPy
import Foundation
import Testing

/// The typed accessors convert on the way out, and refuse what does not fit.
@Suite("Element conversion")
struct ConversionTests {
    private func array<Element: NumPyElement>(_ values: [Element], shape: [Int]? = nil) throws -> NumPyArray {
        try NumPyArray(values, shape: shape ?? [values.count], source: "A.npy")
    }

    @Test("dtype properties")
    func dtypes() {
        let floating: Set<NumPyDType> = [.float16, .float32, .float64]
        let signed: Set<NumPyDType> = [.int8, .int16, .int32, .int64]
        let unsigned: Set<NumPyDType> = [.uint8, .uint16, .uint32, .uint64]
        for dtype in NumPyDType.allCases {
            #expect(dtype.isFloatingPoint == floating.contains(dtype))
            #expect(dtype.isSignedInteger == signed.contains(dtype))
            #expect(dtype.isInteger == (signed.contains(dtype) || unsigned.contains(dtype)))
        }
        #expect(NumPyDType.allCases.map(\.typeCode) == ["b1", "i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8", "f2", "f4", "f8"])
        #expect(NumPyDType.allCases.map(\.byteCount) == [1, 1, 2, 4, 8, 1, 2, 4, 8, 2, 4, 8])
        #expect(NumPyDType.float32.description == "float32")
    }

    @Test("float64 to Float rounds to nearest and overflows to infinity")
    func narrowing() throws {
        let values = try array([0.1, 1e300, -1e300, 1e-50, .nan])
        let floats = values.elements(as: Float.self)
        #expect(floats[0] == Float(0.1))
        #expect(floats[1] == .infinity && floats[2] == -.infinity)
        #expect(floats[3] == 0)
        #expect(floats[4].isNaN)
    }

    @Test("Integers convert to floating point")
    func integersToFloatingPoint() throws {
        #expect(try array([Int8(-128), 127]).elements(as: Float.self) == [-128, 127])
        #expect(try array([UInt64.max]).elements(as: Double.self) == [18_446_744_073_709_551_616])
        #expect(try array([Int64(1 << 53 + 1)]).elements(as: Double.self) == [9_007_199_254_740_992])  // Rounds.
    }

    @Test("Integers convert between widths when they fit")
    func integerWidths() throws {
        #expect(try array([Int8(-5), 5]).integers(as: Int.self) == [-5, 5])
        #expect(try array([UInt32.max]).integers(as: Int64.self) == [4_294_967_295])
        #expect(try array([Int64(-1), 255]).integers(as: Int16.self) == [-1, 255])
        #expect(try array([UInt8(200)]).integers(as: Int32.self) == [200])
        #expect(try array([Int32(65_535)]).integers(as: UInt16.self) == [65_535])
        #expect(try array([Int64.max]).integers(as: UInt64.self) == [UInt64(Int64.max)])
    }

    @Test("A value that does not fit is reported with its index")
    func outOfRange() throws {
        let negative = #expect(throws: NumPyError.self) { try array([Int32(3), 0, -1]).integers(as: UInt.self) }
        #expect(negative == NumPyError(path: "A.npy", reason: .valueOutOfRange(value: "-1", index: 2, coordinates: [2], type: "UInt")))
        #expect(negative?.description == "A.npy: value -1 at index 2 does not fit in UInt")

        let tooBig = #expect(throws: NumPyError.self) { try array([UInt64.max, 0], shape: [1, 2]).integers(as: Int64.self) }
        #expect(tooBig?.description == "A.npy: value 18446744073709551615 at index 0 (position [0, 0]) does not fit in Int64")

        let matrix = try array([Int64(1), 2, 3, 4, 5, 1 << 40], shape: [3, 2])
        let wide = #expect(throws: NumPyError.self) { try matrix.integers(as: Int32.self) }
        #expect(wide?.reason == .valueOutOfRange(value: "1099511627776", index: 5, coordinates: [2, 1], type: "Int32"))
        #expect(try matrix.integers(as: Int.self) == [1, 2, 3, 4, 5, 1 << 40])
    }

    @Test("Floating-point arrays are not integers")
    func floatsAreNotIntegers() throws {
        let half = try NumPyArray(npyData: NPYBytes.file(header: "{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }", payload: [0, 0x3C]), source: "A.npy")
        for values in [try array([Float(1), 2]), try array([1.0, 2.0]), half] {
            let error = #expect(throws: NumPyError.self) { try values.integers(as: Int.self) }
            #expect(error == NumPyError(path: "A.npy", reason: .notInteger(values.dtype)))
        }
        let error = #expect(throws: NumPyError.self) { try array([Float(1)]).integers(as: Int64.self) }
        #expect(error?.description == "A.npy: holds float32 values, not integers")
    }

    @Test("Booleans are 0 and 1")
    func booleans() throws {
        let flags = try array([true, false, true])
        #expect(try flags.integers(as: Int8.self) == [1, 0, 1])
        #expect(flags.elements(as: Double.self) == [1, 0, 1])
    }

    @Test("Conversion to a type without a fast path")
    func genericTypes() throws {
        #expect(try array([Int16(-3), 4]).integers(as: Int8.self) == [-3, 4])
        #expect(try array([UInt16(7)]).integers(as: UInt16.self) == [7])
    }

    #if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
    @Test("Every float16 bit pattern decodes as Swift's Float16 does")
    func everyHalf() throws {
        let patterns = (0...UInt16.max).map { $0 }
        let data = NPYBytes.file(header: "{'descr': '<f2', 'fortran_order': False, 'shape': (65536,), }", payload: NPYBytes.pack(patterns))
        let everyHalf = try NumPyArray(npyData: data)
        let floats = everyHalf.elements(as: Float.self)
        let halves = everyHalf.elements(as: Float16.self)
        var mismatches = 0
        for (index, pattern) in patterns.enumerated() {
            let reference = Float16(bitPattern: pattern)
            if reference.isNaN {
                if !floats[index].isNaN || !halves[index].isNaN { mismatches += 1 }
            } else if floats[index].bitPattern != Float(reference).bitPattern || halves[index].bitPattern != pattern {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        #expect(try array([Int32(-7)]).elements(as: Float16.self) == [-7])
        #expect(try array([Float(1.5)]).elements(as: Float16.self) == [1.5])
    }
    #endif
}
