import FocalNumPy
import Foundation
import Testing

/// Big-endian data is byte-swapped on load; `|`, `=` and no order character mean native order.
@Suite("Byte order")
struct ByteOrderTests {
    private func load(_ descr: String, shape: String, payload: [UInt8]) throws -> NumPyArray {
        try NumPyArray(npyData: NPYBytes.file(header: "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }", payload: payload))
    }

    @Test("Big-endian float32")
    func float32() throws {
        // 1.5 is 0x3FC00000: stored big-endian, its first byte is 0x3F.
        let payload: [UInt8] = [0x3F, 0xC0, 0, 0, 0xC0, 0, 0, 0, 0x7F, 0x80, 0, 0, 0x00, 0, 0, 0x01]
        let array = try load(">f4", shape: "(4,)", payload: payload)
        #expect(array.dtype == .float32)
        #expect(array.elements(as: Float.self) == [1.5, -2, .infinity, .leastNonzeroMagnitude])
        #expect(array.elements(as: Double.self) == [1.5, -2, .infinity, Double(Float.leastNonzeroMagnitude)])
    }

    @Test("Big-endian float64")
    func float64() throws {
        let values: [Double] = [0.1, -1e308, -0.0, .pi]
        let array = try load(">f8", shape: "(2, 2)", payload: NPYBytes.pack(values, bigEndian: true))
        #expect(array.elements(as: Double.self).map(\.bitPattern) == values.map(\.bitPattern))
        #expect(array.elements(as: Float.self) == values.map(Float.init))
    }

    @Test("Big-endian int32")
    func int32() throws {
        // 0x01020304 = 16909060; 0xFFFFFFFE = -2.
        let payload: [UInt8] = [1, 2, 3, 4, 0xFF, 0xFF, 0xFF, 0xFE, 0x80, 0, 0, 0]
        let array = try load(">i4", shape: "(3,)", payload: payload)
        #expect(try array.integers(as: Int32.self) == [16_909_060, -2, .min])
        #expect(try array.integers(as: Int.self) == [16_909_060, -2, -2_147_483_648])
        #expect(array.elements(as: Double.self) == [16_909_060, -2, -2_147_483_648])
    }

    @Test("Big-endian int16, uint16, int64, uint64 and float16")
    func otherWidths() throws {
        #expect(try load(">i2", shape: "(2,)", payload: [0x01, 0x02, 0xFF, 0xFE]).integers(as: Int.self) == [258, -2])
        #expect(try load(">u2", shape: "(2,)", payload: [0x01, 0x02, 0xFF, 0xFE]).integers(as: Int.self) == [258, 65_534])
        #expect(try load(">i8", shape: "(1,)", payload: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFD]).integers(as: Int64.self) == [-3])
        #expect(try load(">u8", shape: "(1,)", payload: [1, 2, 3, 4, 5, 6, 7, 8]).integers(as: UInt64.self) == [0x0102_0304_0506_0708])
        // float16 1.0 is 0x3C00, -2.0 is 0xC000.
        #expect(try load(">f2", shape: "(2,)", payload: [0x3C, 0x00, 0xC0, 0x00]).elements(as: Float.self) == [1, -2])
    }

    @Test("One-byte types in any byte order")
    func oneByte() throws {
        for descr in ["|u1", "<u1", ">u1", "=u1", "u1"] {
            #expect(try load(descr, shape: "(3,)", payload: [0, 128, 255]).integers(as: Int.self) == [0, 128, 255])
        }
        for descr in ["|i1", ">i1"] {
            #expect(try load(descr, shape: "(3,)", payload: [0, 128, 255]).integers(as: Int.self) == [0, -128, -1])
        }
        for descr in ["|b1", "?", ">b1"] {
            let array = try load(descr, shape: "(3,)", payload: [0, 1, 2])
            #expect(array.dtype == .bool)
            #expect(try array.integers(as: Int.self) == [0, 1, 1])  // Any nonzero byte is true.
        }
    }

    @Test("Native order is little-endian here")
    func native() throws {
        let values: [Float] = [1.5, -2]
        for descr in ["=f4", "f4", "<f4", "|f4"] {
            #expect(try load(descr, shape: "(2,)", payload: NPYBytes.pack(values)).elements(as: Float.self) == values)
        }
    }
}
