import FocalNumPy
import Foundation
import Testing

/// The three format versions, and the many ways a valid header dictionary can be spelled.
@Suite("Headers")
struct HeaderTests {
    /// The float64 payload [1, 2, 3, 4, 5, 6] used by most headers below.
    static let payload = NPYBytes.pack([1.0, 2, 3, 4, 5, 6])

    @Test("Version 1.0: 2-byte header length")
    func version1() throws {
        let data = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", payload: Self.payload)
        #expect(data[8] == 118 && data[9] == 0)  // 10 + 118 = 128: aligned to 64.
        let array = try NumPyArray(npyData: data)
        #expect(array.shape == [2, 3])
        #expect(array.elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("Version 2.0: 4-byte header length")
    func version2() throws {
        let data = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }", version: (2, 0), payload: Self.payload)
        #expect(Array(data[8..<12]) == [116, 0, 0, 0])
        let array = try NumPyArray(npyData: data)
        #expect(array.shape == [3, 2])
        #expect(array.elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("Version 2.0 with a header longer than 65,535 bytes")
    func longVersion2() throws {
        let padding = String(repeating: " ", count: 70_000)
        let data = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (6,),\(padding)}", version: (2, 0), payload: Self.payload)
        #expect(try NumPyArray(npyData: data).elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("Version 3.0: UTF-8 header")
    func version3() throws {
        // An extra key carrying non-Latin-1 text: only version 3.0 can hold it; it is ignored.
        let data = NPYBytes.file(
            header: "{'descr': '<f8', 'note': 'λ → ∞ 😀', 'fortran_order': False, 'shape': (6,), }",
            version: (3, 0), payload: Self.payload)
        let array = try NumPyArray(npyData: data)
        #expect(array.shape == [6])
        #expect(array.elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("Version 1.0 headers are Latin-1, so any byte is accepted in an ignored string")
    func latin1() throws {
        var data = NPYBytes.file(header: "{'descr': '<f8', 'note': '?', 'fortran_order': False, 'shape': (6,), }", payload: Self.payload)
        let question = try #require(data.firstIndex(of: UInt8(ascii: "?")))
        data[question] = 0xE9  // 'é' in Latin-1, invalid on its own in UTF-8.
        #expect(try NumPyArray(npyData: data).count == 6)
    }

    @Test("Equivalent spellings of a header", arguments: [
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }",
        "{'shape': (2, 3), 'fortran_order': False, 'descr': '<f8'}",
        "{'fortran_order':False,'descr':'<f8','shape':(2,3)}",
        "{  'descr' :  '<f8' ,\n 'fortran_order' : False ,\t'shape' : ( 2 , 3 , ) , }",
        "{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (2, 3)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }",
        "{u'descr': u'<f8', u'fortran_order': False, u'shape': (2L, 3L)}",
        "{'descr': '<f8', 'fortran_order': False, 'shape': [2, 3]}",
        "{'descr': 'f8', 'fortran_order': False, 'shape': (2, 3), }",
        "{'descr': '=f8', 'fortran_order': False, 'shape': (2, 3), }",
    ])
    func spellings(header: String) throws {
        let array = try NumPyArray(npyData: NPYBytes.file(header: header, payload: Self.payload))
        #expect(array.dtype == .float64)
        #expect(array.shape == [2, 3])
        #expect(array.elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("One-element shapes with and without the tuple comma")
    func oneElementShapes() throws {
        let tuple = try NumPyArray(npyData: NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", payload: Self.payload))
        #expect(tuple.shape == [6])
        // `(6)` is the integer 6 in Python, not a tuple: NumPy refuses it, and so does FocalNumPy.
        let error = #expect(throws: NumPyError.self) {
            try NumPyArray(npyData: NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (6), }", payload: Self.payload))
        }
        #expect(error?.reason == .malformedHeader("shape is not a tuple of integers: 6"))
    }

    @Test("The data need not be aligned, and the header need not end in a newline")
    func unaligned() throws {
        for terminator in ["\n", "", " "] {
            let data = NPYBytes.file(
                header: "{'descr': '<f8', 'fortran_order': False, 'shape': (6,)}",
                payload: Self.payload, aligned: false, terminator: terminator)
            #expect(try NumPyArray(npyData: data).elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
        }
    }

    @Test("Bytes after the data are ignored, as NumPy does")
    func trailingBytes() throws {
        let data = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }", payload: Self.payload + [1, 2, 3])
        #expect(try NumPyArray(npyData: data).elements(as: Double.self) == [1, 2, 3, 4, 5])
    }

    @Test("Data that is a slice of a larger buffer")
    func slicedData() throws {
        let file = NPYBytes.file(header: "{'descr': '<f8', 'fortran_order': False, 'shape': (6,), }", payload: Self.payload)
        let padded = Data([1, 2, 3]) + file + Data([4, 5])
        let slice = padded[3..<(3 + file.count)]
        #expect(try NumPyArray(npyData: slice).elements(as: Double.self) == [1, 2, 3, 4, 5, 6])
    }

    @Test("Writing switches to version 2.0 when the header is too long for 1.0")
    func writesVersion2WhenNeeded() throws {
        let directory = TemporaryDirectory()
        let url = directory.file("wide.npy")
        let shape = [Int](repeating: 1, count: 22_000)  // "1, " × 22,000 > 65,535 bytes.
        try NumPyArray.write([Float(4.5)], shape: shape, to: url)
        let bytes = try Data(contentsOf: url)
        #expect(bytes[6] == 2 && bytes[7] == 0)
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        #expect((12 + headerLength) % 64 == 0)
        #expect(bytes.count == 12 + headerLength + 4)
        let array = try NumPyArray(contentsOf: url)
        #expect(array.shape == shape)
        #expect(array.elements(as: Float.self) == [4.5])

        let small = directory.file("small.npy")
        try NumPyArray.write([Float(4.5)], shape: [1], to: small)
        #expect(try Data(contentsOf: small)[6] == 1)
    }
}
