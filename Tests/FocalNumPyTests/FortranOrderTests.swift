import FocalNumPy
import Foundation
import Testing

/// Column-major (`fortran_order: True`) data comes out in row-major order.
@Suite("Fortran order")
struct FortranOrderTests {
    @Test("2-D: a (2, 3) matrix stored column by column")
    func matrix() throws {
        // [[1, 2, 3],
        //  [4, 5, 6]] stored as columns: 1 4 | 2 5 | 3 6.
        let data = NPYBytes.file(
            header: "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
            payload: NPYBytes.pack([Float(1), 4, 2, 5, 3, 6]))
        let array = try NumPyArray(npyData: data)
        #expect(array.shape == [2, 3])
        #expect(array.elements(as: Float.self) == [1, 2, 3, 4, 5, 6])
        #expect(array.elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("3-D: a (2, 3, 4) array with element (i, j, k) = 100i + 10j + k")
    func cube() throws {
        // Fortran storage: i varies fastest, then j, then k.
        var stored: [Int32] = []
        for k in 0..<4 { for j in 0..<3 { for i in 0..<2 { stored.append(Int32(100 * i + 10 * j + k)) } } }
        var expected: [Int] = []
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { expected.append(100 * i + 10 * j + k) } } }
        let data = NPYBytes.file(
            header: "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3, 4), }",
            payload: NPYBytes.pack(stored))
        let array = try NumPyArray(npyData: data)
        #expect(array.shape == [2, 3, 4])
        #expect(try array.integers(as: Int.self) == expected)
        #expect(try array.integers(as: Int32.self) == expected.map { Int32($0) })
        #expect(array.elements(as: Double.self) == expected.map(Double.init))
    }

    @Test("3-D, big-endian float64")
    func bigEndianCube() throws {
        var stored: [Double] = []
        for k in 0..<2 { for j in 0..<2 { for i in 0..<3 { stored.append(Double(i) + 0.5 * Double(j) + 0.25 * Double(k)) } } }
        var expected: [Double] = []
        for i in 0..<3 { for j in 0..<2 { for k in 0..<2 { expected.append(Double(i) + 0.5 * Double(j) + 0.25 * Double(k)) } } }
        let data = NPYBytes.file(
            header: "{'descr': '>f8', 'fortran_order': True, 'shape': (3, 2, 2), }",
            payload: NPYBytes.pack(stored, bigEndian: true))
        #expect(try NumPyArray(npyData: data).elements(as: Double.self) == expected)
    }

    @Test("Shapes wider than one band of the traversal", arguments: [[3, 70], [70, 3], [3, 5, 70], [33, 2, 3, 65], [1, 1, 40], [40, 1, 1]])
    func wideShapes(shape: [Int]) throws {
        // Element value = its row-major index; storage visits the first axis fastest.
        let count = shape.reduce(1, *)
        var rowMajorStrides = [Int](repeating: 1, count: shape.count)
        for axis in (0..<(shape.count - 1)).reversed() { rowMajorStrides[axis] = rowMajorStrides[axis + 1] * shape[axis + 1] }
        var stored: [Int32] = []
        var coordinates = [Int](repeating: 0, count: shape.count)
        for _ in 0..<count {
            stored.append(Int32(zip(coordinates, rowMajorStrides).map(*).reduce(0, +)))
            for axis in shape.indices {  // Next coordinates, first axis fastest.
                coordinates[axis] += 1
                if coordinates[axis] < shape[axis] { break }
                coordinates[axis] = 0
            }
        }
        let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        let data = NPYBytes.file(header: "{'descr': '<i4', 'fortran_order': True, 'shape': \(shapeText), }", payload: NPYBytes.pack(stored))
        #expect(try NumPyArray(npyData: data).integers(as: Int.self) == Array(0..<count))
    }

    @Test("With several bad elements, the first in row-major order is reported")
    func firstError() throws {
        // [[1, -1, 3],
        //  [-2, 5, 6]]: stored 1 -2 | -1 5 | 3 6; -2 comes first in storage, -1 in row-major order.
        let data = NPYBytes.file(
            header: "{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }",
            payload: NPYBytes.pack([Int64(1), -2, -1, 5, 3, 6]))
        let error = #expect(throws: NumPyError.self) { try NumPyArray(npyData: data, source: "Y.npy").integers(as: UInt32.self) }
        #expect(error?.reason == .valueOutOfRange(value: "-1", index: 1, coordinates: [0, 1], type: "UInt32"))
    }

    @Test("1-D, scalar and empty Fortran arrays are the same as C ones")
    func degenerate() throws {
        let vector = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': True, 'shape': (3,), }", payload: NPYBytes.pack([1.0, 2, 3]))
        #expect(try NumPyArray(npyData: vector).elements(as: Double.self) == [1, 2, 3])
        let scalar = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': True, 'shape': (), }", payload: NPYBytes.pack([7.0]))
        #expect(try NumPyArray(npyData: scalar).elements(as: Double.self) == [7])
        let empty = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 0), }")
        #expect(try NumPyArray(npyData: empty).elements(as: Double.self) == [])
        let column = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 1), }", payload: NPYBytes.pack([1.0, 2, 3]))
        #expect(try NumPyArray(npyData: column).elements(as: Double.self) == [1, 2, 3])
    }

    @Test("An out-of-range element is reported at its row-major position")
    func errorPosition() throws {
        // [[1, 2, 3],
        //  [4, 300, 6]]: 300 is at row-major index 4, position [1, 1]; stored 4th (index 3).
        let data = NPYBytes.file(
            header: "{'descr': '<i2', 'fortran_order': True, 'shape': (2, 3), }",
            payload: NPYBytes.pack([Int16(1), 4, 2, 300, 3, 6]))
        let array = try NumPyArray(npyData: data, source: "Y.npy")
        let error = #expect(throws: NumPyError.self) { try array.integers(as: UInt8.self) }
        #expect(error == NumPyError(path: "Y.npy", reason: .valueOutOfRange(value: "300", index: 4, coordinates: [1, 1], type: "UInt8")))
        #expect(error?.description == "Y.npy: value 300 at index 4 (position [1, 1]) does not fit in UInt8")
    }
}
