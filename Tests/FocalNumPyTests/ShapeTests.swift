import FocalNumPy
import Foundation
import Testing

/// 0-d scalars hold one element; arrays with a zero dimension hold none.
@Suite("Shapes")
struct ShapeTests {
    @Test("A 0-d array: shape () holds one element")
    func scalar() throws {
        let data = NPYBytes.file(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (), }", payload: NPYBytes.pack([Float(-3.5)]))
        let array = try NumPyArray(npyData: data)
        #expect(array.shape == [])
        #expect(array.rank == 0)
        #expect(array.count == 1)
        #expect(array.elements(as: Float.self) == [-3.5])
    }

    @Test("A 0-d array with no data is truncated")
    func scalarWithoutData() {
        let data = NPYBytes.file(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (), }")
        #expect(throws: NumPyError(path: "s.npy", reason: .truncatedData(expected: 4, available: 0))) {
            try NumPyArray(npyData: data, source: "s.npy")
        }
    }

    @Test("Zero-size arrays", arguments: [("(0,)", [0]), ("(2, 0)", [2, 0]), ("(0, 5)", [0, 5]), ("(3, 0, 4)", [3, 0, 4])])
    func empty(shapeText: String, shape: [Int]) throws {
        let data = NPYBytes.file(header: "{'descr': '<i8', 'fortran_order': False, 'shape': \(shapeText), }")
        let array = try NumPyArray(npyData: data)
        #expect(array.shape == shape)
        #expect(array.count == 0)
        #expect(try array.integers(as: Int.self) == [])
        #expect(array.elements(as: Double.self) == [])
    }

    @Test("A huge dimension times zero is an empty array, not an overflow")
    func hugeButEmpty() throws {
        let data = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (9223372036854775807, 4, 0), }")
        let array = try NumPyArray(npyData: data)
        #expect(array.count == 0)
        #expect(array.shape == [Int.max, 4, 0])
    }

    @Test("Writing checks the shape against the number of elements")
    func writeCountMismatch() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("out.npy")
        #expect(throws: NumPyError(path: url.path, reason: .countMismatch(shape: [2, 3], count: 5))) {
            try NumPyArray.write([Float](repeating: 0, count: 5), shape: [2, 3], to: url)
        }
        #expect(throws: NumPyError(path: url.path, reason: .countMismatch(shape: [], count: 0))) {
            try NumPyArray.write([Double](), shape: [], to: url)
        }
        #expect(throws: NumPyError(path: url.path, reason: .countMismatch(shape: [0], count: 1))) {
            try NumPyArray.write([Int32(1)], shape: [0], to: url)
        }
        #expect(directory.contents == [])
        let error = #expect(throws: NumPyError.self) { try NumPyArray([1.0, 2], shape: [3], source: "G.npy") }
        #expect(error?.description == "G.npy: shape (3,) holds 3 elements, but 2 were given")
    }

    @Test("Writing refuses negative and overflowing shapes")
    func writeBadShapes() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("out.npy")
        #expect(throws: NumPyError(path: url.path, reason: .negativeDimension(shape: "(-2, -3)"))) {
            try NumPyArray.write([Float](repeating: 0, count: 6), shape: [-2, -3], to: url)
        }
        #expect(throws: NumPyError(path: url.path, reason: .shapeOverflow(shape: "(4294967296, 4294967296)"))) {
            try NumPyArray.write([Float](), shape: [1 << 32, 1 << 32], to: url)
        }
        #expect(directory.contents == [])
    }

    @Test("Errors about very long shapes stay on one short line")
    func longShapes() throws {
        let shape = [-1] + [Int](repeating: 1000, count: 200)
        let error = #expect(throws: NumPyError.self) { try NumPyArray([Float](), shape: shape, source: "G.npy") }
        #expect(error?.description == "G.npy: invalid shape (-1, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, ...: negative dimension")
    }
}
