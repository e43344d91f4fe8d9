import FocalNumPy
import Foundation
import Testing

/// A 64 MiB file goes through the memory-mapped reader intact and quickly.
@Suite("Large files")
struct LargeFileTests {
    @Test("64 MiB of float32 round-trips")
    func sixtyFourMebibytes() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("big.npy")
        let count = 16 << 20  // 16 Mi floats = 64 MiB.
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = Float(index % 1_000_003) - 0.5 }
            initialized = count
        }
        try NumPyArray.write(values, shape: [4096, 4096], to: url)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size == 128 + count * 4)

        let array = try NumPyArray(contentsOf: url)
        #expect(array.shape == [4096, 4096])
        #expect(array.count == count)
        let loaded = array.elements(as: Float.self)
        #expect(loaded.count == count)
        #expect(loaded.first == -0.5)
        #expect(loaded[1_000_003] == -0.5)
        #expect(loaded[count - 1] == Float((count - 1) % 1_000_003) - 0.5)
        #expect(loaded == values)
        // Pages released after the first copy are read again from the file.
        #expect(array.elements(as: Float.self) == values)
        let doubles = array.elements(as: Double.self)
        #expect(doubles.count == count)
        #expect(doubles[count - 1] == Double(values[count - 1]) && doubles[12_345_678] == Double(values[12_345_678]))
    }

    @Test("A Fortran-order file spanning many pages reads correctly, twice")
    func fortranFile() throws {
        // A (150, 3, 100) float64 array, 352 KiB, element (i, j, k) = i + 1000 j + 10000 k.
        let (rows, middle, columns) = (150, 3, 100)
        var stored: [Double] = []
        stored.reserveCapacity(rows * middle * columns)
        for k in 0..<columns { for j in 0..<middle { for i in 0..<rows { stored.append(Double(i + 1000 * j + 10000 * k)) } } }
        var expected: [Double] = []
        expected.reserveCapacity(stored.count)
        for i in 0..<rows { for j in 0..<middle { for k in 0..<columns { expected.append(Double(i + 1000 * j + 10000 * k)) } } }
        let directory = TemporaryDirectory()
        let url = directory.write(
            NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': True, 'shape': (150, 3, 100), }", payload: NPYBytes.pack(stored)),
            to: "fortran.npy")
        let array = try NumPyArray(contentsOf: url)
        #expect(array.elements(as: Double.self) == expected)
        #expect(array.elements(as: Double.self) == expected)
        #expect(array.elements(as: Float.self) == expected.map { Float($0) })
    }
}
