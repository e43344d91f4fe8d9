import FocalNumPy
import Foundation
import Testing

/// FocalNumPy writes the very bytes `numpy.save` writes for the same array.
@Suite("Writing what NumPy writes")
struct NumPyFixtureWritingTests {
    @Test("Written files match numpy.save byte for byte", arguments: NumPyFixtures.written)
    func matchesNumPy(_ fixture: WrittenFixture) throws {
        let directory = TemporaryDirectory()
        let url = directory.file("\(fixture.name).npy")
        try Self.write(fixture, to: url)
        let written = try Data(contentsOf: url)
        #expect(Self.headerText(written) == Self.headerText(fixture.bytes))
        #expect(written == fixture.bytes)
    }

    @Test("npyData() matches numpy.save byte for byte", arguments: NumPyFixtures.written)
    func inMemoryMatchesNumPy(_ fixture: WrittenFixture) throws {
        let array = try Self.array(fixture)
        #expect(try array.npyData() == fixture.bytes)
    }

    /// The header dictionary and its padding, for a readable comparison.
    private static func headerText(_ bytes: Data) -> String {
        String(decoding: bytes.dropFirst(10).prefix { $0 != 0x0A }, as: UTF8.self)
    }

    /// The fixture's values as the Swift element type of its dtype.
    private static func array(_ fixture: WrittenFixture) throws -> NumPyArray {
        switch (fixture.dtype, fixture.values) {
        case (.float32, .floating(let values)): return try NumPyArray(values.map(Float.init), shape: fixture.shape)
        case (.float64, .floating(let values)): return try NumPyArray(values, shape: fixture.shape)
        case (.int64, .signed(let values)): return try NumPyArray(values, shape: fixture.shape)
        case (.int32, .signed(let values)): return try NumPyArray(values.map { Int32($0) }, shape: fixture.shape)
        case (.uint8, .unsigned(let values)): return try NumPyArray(values.map { UInt8($0) }, shape: fixture.shape)
        case (.bool, .boolean(let values)): return try NumPyArray(values, shape: fixture.shape)
        default: Issue.record("no Swift type for \(fixture.name)"); return try NumPyArray([UInt8](), shape: [0])
        }
    }

    private static func write(_ fixture: WrittenFixture, to url: URL) throws {
        switch (fixture.dtype, fixture.values) {
        case (.float32, .floating(let values)): try NumPyArray.write(values.map(Float.init), shape: fixture.shape, to: url)
        case (.float64, .floating(let values)): try NumPyArray.write(values, shape: fixture.shape, to: url)
        case (.int64, .signed(let values)): try NumPyArray.write(values, shape: fixture.shape, to: url)
        case (.int32, .signed(let values)): try NumPyArray.write(values.map { Int32($0) }, shape: fixture.shape, to: url)
        case (.uint8, .unsigned(let values)): try NumPyArray.write(values.map { UInt8($0) }, shape: fixture.shape, to: url)
        case (.bool, .boolean(let values)): try NumPyArray.write(values, shape: fixture.shape, to: url)
        default: Issue.record("no Swift type for \(fixture.name)")
        }
    }
}
