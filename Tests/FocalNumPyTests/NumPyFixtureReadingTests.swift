import FocalNumPy
import Foundation
import Testing

/// Files written by NumPy itself (see scripts/make_npy_fixtures.py) read back as the values NumPy
/// was given.
@Suite("Reading files written by NumPy")
struct NumPyFixtureReadingTests {
    @Test("Every fixture has the dtype, shape and values NumPy wrote", arguments: NumPyFixtures.readable)
    func readsFixture(_ fixture: ReadableFixture) throws {
        let array = try NumPyArray(npyData: fixture.bytes, source: fixture.name)
        #expect(array.dtype == fixture.dtype)
        #expect(array.shape == fixture.shape)
        #expect(array.count == fixture.shape.reduce(1, *))
        switch fixture.values {
        case .floating(let expected):
            let doubles = array.elements(as: Double.self)
            #expect(doubles.count == expected.count)
            for (actual, wanted) in zip(doubles, expected) {
                #expect(actual.bitPattern == wanted.bitPattern || (actual.isNaN && wanted.isNaN), "\(actual) != \(wanted)")
            }
            if fixture.dtype != .float64 {
                // float16 and float32 values are exact in Float: no rounding on the way out.
                #expect(array.elements(as: Float.self).map(Double.init).map(\.bitPattern) == expected.map(\.bitPattern))
            }
            #expect(throws: NumPyError(path: fixture.name, reason: .notInteger(fixture.dtype))) {
                try array.integers(as: Int.self)
            }
        case .signed(let expected):
            #expect(try array.integers(as: Int64.self) == expected)
            #expect(try array.integers(as: Int.self) == expected.map(Int.init))
        case .unsigned(let expected):
            #expect(try array.integers(as: UInt64.self) == expected)
        case .boolean(let expected):
            #expect(try array.integers(as: UInt8.self) == expected.map { $0 ? 1 : 0 })
            #expect(array.elements(as: Float.self) == expected.map { $0 ? 1 : 0 })
        }
    }

    @Test("Fixtures read the same from a file as from memory", arguments: NumPyFixtures.readable.prefix(4))
    func readsFixtureFromFile(_ fixture: ReadableFixture) throws {
        let directory = TemporaryDirectory()
        let url = directory.write(fixture.bytes, to: "\(fixture.name).npy")
        let fromFile = try NumPyArray(contentsOf: url)
        let fromPath = try NumPyArray(contentsOfFile: url.path)
        let fromMemory = try NumPyArray(npyData: fixture.bytes)
        #expect(fromFile.shape == fromMemory.shape)
        #expect(fromFile.elements(as: Double.self).map(\.bitPattern) == fromMemory.elements(as: Double.self).map(\.bitPattern))
        #expect(fromPath.elements(as: Double.self).map(\.bitPattern) == fromMemory.elements(as: Double.self).map(\.bitPattern))
        #expect(fromFile.source == url.path)
        #expect(fromPath.source == url.path)
    }

    @Test("Unsupported NumPy dtypes are refused, naming the descr", arguments: NumPyFixtures.unsupported)
    func refusesUnsupported(_ fixture: UnsupportedFixture) {
        let error = #expect(throws: NumPyError.self) {
            try NumPyArray(npyData: fixture.bytes, source: "X.npy")
        }
        #expect(error == NumPyError(path: "X.npy", reason: .unsupportedDType(fixture.descr)))
        #expect(error?.description == "X.npy: unsupported dtype \(fixture.descr)")
    }

    @Test("The complex128 error reads as documented")
    func complexMessage() throws {
        let fixture = try #require(NumPyFixtures.unsupported.first { $0.name == "complex128" })
        let error = #expect(throws: NumPyError.self) { try NumPyArray(npyData: fixture.bytes, source: "X.npy") }
        #expect(error?.description == "X.npy: unsupported dtype '<c16'")
    }
}
