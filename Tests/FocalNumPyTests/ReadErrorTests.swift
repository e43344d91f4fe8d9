import FocalNumPy
import Foundation
import Testing

/// Every way a file can fail to read is a thrown ``NumPyError`` whose one-line description names
/// the file and the problem.
@Suite("Reading errors")
struct ReadErrorTests {
    /// Decodes `data` named `X.npy` and returns the error it must throw.
    private func error(reading data: Data) -> NumPyError? {
        #expect(throws: NumPyError.self) { try NumPyArray(npyData: data, source: "X.npy") }
    }

    private func header(_ text: String, payload: [UInt8] = []) -> Data {
        NPYBytes.file(header: text, payload: payload)
    }

    @Test("A missing file")
    func missingFile() {
        let directory = TemporaryDirectory()
        let url = directory.file("X.npy")
        let error = #expect(throws: NumPyError.self) { try NumPyArray(contentsOf: url) }
        #expect(error == NumPyError(path: url.path, reason: .cannotRead("No such file or directory")))
        #expect(error?.description == "\(url.path): cannot read: No such file or directory")
        let relative = #expect(throws: NumPyError.self) { try NumPyArray(contentsOfFile: "no/such/X.npy") }
        #expect(relative?.description == "no/such/X.npy: cannot read: No such file or directory")
    }

    @Test("A relative URL is named as given")
    func relativeURL() {
        let url = URL(fileURLWithPath: "no-such-dir/X.npy")
        let error = #expect(throws: NumPyError.self) { try NumPyArray(contentsOf: url) }
        #expect(error?.description == "no-such-dir/X.npy: cannot read: No such file or directory")
    }

    @Test("A directory")
    func directory() {
        let directory = TemporaryDirectory()
        let error = #expect(throws: NumPyError.self) { try NumPyArray(contentsOfFile: directory.url.path) }
        #expect(error?.reason == .cannotRead("Is a directory"))
    }

    @Test("An empty file and a file that is not NumPy")
    func badMagic() throws {
        let directory = TemporaryDirectory()
        let empty = directory.write(Data(), to: "empty.npy")
        #expect(throws: NumPyError(path: empty.path, reason: .badMagic)) { try NumPyArray(contentsOf: empty) }
        let text = directory.write(Data("a,b\n1,2\n".utf8), to: "X.npy")
        let error = #expect(throws: NumPyError.self) { try NumPyArray(contentsOfFile: text.path) }
        #expect(error?.description == "\(text.path): not a NumPy file (bad magic)")
        #expect(self.error(reading: Data([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x58, 1, 0, 0, 0]))?.reason == .badMagic)
        // A .npz (zip) archive is not a .npy file either.
        #expect(self.error(reading: Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 0, 0]))?.reason == .badMagic)
    }

    @Test("Unsupported format versions", arguments: [(UInt8(0), UInt8(0)), (1, 1), (4, 0), (2, 1), (255, 255)])
    func unsupportedVersion(major: UInt8, minor: UInt8) {
        var data = header("{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }")
        data[6] = major
        data[7] = minor
        let error = error(reading: data)
        #expect(error?.reason == .unsupportedVersion(major: major, minor: minor))
        #expect(error?.description == "X.npy: unsupported format version \(major).\(minor) (supported: 1.0, 2.0, 3.0)")
    }

    @Test("A file cut inside the preamble or header")
    func truncatedHeader() {
        let full = header("{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }")  // 128 bytes.
        #expect(error(reading: full.prefix(3))?.reason == .truncatedHeader(expected: 8, available: 3))
        #expect(error(reading: full.prefix(6))?.reason == .truncatedHeader(expected: 8, available: 6))
        #expect(error(reading: full.prefix(9))?.reason == .truncatedHeader(expected: 10, available: 9))
        let cut = error(reading: full.prefix(60))
        #expect(cut?.reason == .truncatedHeader(expected: 128, available: 60))
        #expect(cut?.description == "X.npy: truncated: header needs 128 bytes, file has 60")
        let version2 = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (0,), }", version: (2, 0))
        #expect(error(reading: version2.prefix(11))?.reason == .truncatedHeader(expected: 12, available: 11))
        // A header length far beyond the file.
        var huge = Data(full)
        huge[8] = 0xFF
        huge[9] = 0xFF
        #expect(error(reading: huge)?.reason == .truncatedHeader(expected: 10 + 65_535, available: 128))
    }

    @Test("A file cut inside the data")
    func truncatedData() {
        let payload = [UInt8](repeating: 0, count: 800)
        let data = header("{'descr': '<f4', 'fortran_order': False, 'shape': (10, 30), }", payload: payload)
        let error = error(reading: data)
        #expect(error?.reason == .truncatedData(expected: 1200, available: 800))
        #expect(error?.description == "X.npy: truncated: header says 1200 bytes of data, file has 800")
    }

    @Test("A truncated file on disk")
    func truncatedFile() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("X.npy")
        try NumPyArray.write([Double](repeating: 1, count: 100), shape: [100], to: url)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 1).write(to: url)
        let error = #expect(throws: NumPyError.self) { try NumPyArray(contentsOf: url) }
        #expect(error?.reason == .truncatedData(expected: 800, available: 799))
    }

    @Test("Headers that are not a valid dictionary", arguments: [
        ("['descr', '<f8']", "not a dictionary: ['descr', '<f8']"),
        ("{'descr': '<f8', 'fortran_order': False}", "missing key 'shape'"),
        ("{'descr': '<f8', 'shape': (1,)}", "missing key 'fortran_order'"),
        ("{'fortran_order': False, 'shape': (1,)}", "missing key 'descr'"),
        ("{}", "missing key 'descr'"),
        ("", "unexpected end of header at offset 54"),
        ("{'descr': '<f8', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}", "key 'descr' appears twice"),
        ("{1: '<f8', 'fortran_order': False, 'shape': (1,)}", "key 1 is not a string"),
        ("{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", "fortran_order is not True or False: 0"),
        ("{'descr': '<f8', 'fortran_order': 'False', 'shape': (1,)}", "fortran_order is not True or False: 'False'"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': 1}", "shape is not a tuple of integers: 1"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1, 'a')}", "shape is not a tuple of integers: (1, 'a')"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (2.5,)}", "unsupported number syntax '.' at offset 52"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (None,)}", "shape is not a tuple of integers: (None,)"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': ((1,),)}", "shape is not a tuple of integers: ((1,),)"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)", "expected ',' or '}' but found end of header at offset 118"),
        ("{'descr': '<f8' 'fortran_order': False, 'shape': (1,)}", "expected ',' or '}' but found \"'\" at offset 16"),
        ("{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}", "expected ',' or '}' but found 'f' at offset 17"),
        ("{'descr': '<f8', 'fortran_order': false, 'shape': (1,)}", "unexpected name 'false' at offset 34"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,)} x", "unexpected 'x' after the dictionary at offset 56"),
        ("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x': [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}",
         "nesting deeper than 32 at offset 93"),
    ])
    func malformedHeader(text: String, detail: String) {
        let error = error(reading: header(text, payload: NPYBytes.pack([1.0])))
        #expect(error?.reason == .malformedHeader(detail))
        #expect(error?.description == "X.npy: malformed header: \(detail)")
    }

    @Test("A version 3.0 header that is not UTF-8")
    func invalidUTF8() {
        var data = NPYBytes.file(header: "{'descr': '<f8', 'note': '?', 'fortran_order': False, 'shape': (0,), }", version: (3, 0))
        data[data.firstIndex(of: UInt8(ascii: "?"))!] = 0xFF
        #expect(error(reading: data)?.reason == .malformedHeader("header is not valid UTF-8"))
    }

    @Test("Unsupported dtypes are named", arguments: [
        ("'<c16'", "'<c16'"),
        ("'<f16'", "'<f16'"),
        ("'|O'", "'|O'"),
        ("'<U5'", "'<U5'"),
        ("'|S3'", "'|S3'"),
        ("'|V8'", "'|V8'"),
        ("'<M8[ns]'", "'<M8[ns]'"),
        ("'<f3'", "'<f3'"),
        ("'<i'", "'<i'"),
        ("''", "''"),
        ("[('x', '<f4'), ('y', '<f4')]", "[('x', '<f4'), ('y', '<f4')]"),
        ("('<f4', (2,))", "('<f4', (2,))"),
        ("4", "4"),
    ])
    func unsupportedDType(descr: String, named: String) {
        let error = error(reading: header("{'descr': \(descr), 'fortran_order': False, 'shape': (1,), }", payload: NPYBytes.pack([1.0, 2])))
        #expect(error?.reason == .unsupportedDType(named))
        #expect(error?.description == "X.npy: unsupported dtype \(named)")
    }

    @Test("Negative dimensions")
    func negativeDimensions() {
        let error = error(reading: header("{'descr': '<f8', 'fortran_order': False, 'shape': (2, -3), }"))
        #expect(error?.reason == .negativeDimension(shape: "(2, -3)"))
        #expect(error?.description == "X.npy: invalid shape (2, -3): negative dimension")
        #expect(self.error(reading: header("{'descr': '<f8', 'fortran_order': False, 'shape': (-1,), }"))?.reason == .negativeDimension(shape: "(-1,)"))
        #expect(self.error(reading: header("{'descr': '<f8', 'fortran_order': False, 'shape': (0, -1), }"))?.reason == .negativeDimension(shape: "(0, -1)"))
        #expect(self.error(reading: header("{'descr': '<f8', 'fortran_order': False, 'shape': (-99999999999999999999,), }"))?.reason
            == .negativeDimension(shape: "(-99999999999999999999,)"))
    }

    @Test("Shapes whose element or byte count overflows")
    func overflow() {
        let product = error(reading: header("{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"))
        #expect(product?.reason == .shapeOverflow(shape: "(4294967296, 4294967296)"))
        #expect(product?.description == "X.npy: invalid shape (4294967296, 4294967296): too many elements")
        // 2^61 elements fit in Int, but 2^61 × 8 bytes do not.
        #expect(error(reading: header("{'descr': '<f8', 'fortran_order': False, 'shape': (2305843009213693952,), }"))?.reason
            == .shapeOverflow(shape: "(2305843009213693952,)"))
        // Too many digits for Int at all.
        #expect(error(reading: header("{'descr': '<u1', 'fortran_order': False, 'shape': (99999999999999999999,), }"))?.reason
            == .shapeOverflow(shape: "(99999999999999999999,)"))
        // Fits, but the file is far too short.
        #expect(error(reading: header("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }"))?.reason
            == .truncatedData(expected: 8_000_000_000_000, available: 0))
    }
}
