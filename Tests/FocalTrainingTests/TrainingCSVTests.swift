import Foundation
@testable import FocalTraining
import Testing

@Suite("Training: CSV data")
struct TrainingCSVTests {
    func table(_ text: String) throws -> CSVTable { try CSVTable(text: text, fileName: "d.csv") }

    @Test("Reads features and integer labels; the label column defaults to the last")
    func basic() throws {
        let data = try Dataset(table: table("x1,x2,label\n1,2.5,0\n-3,4e2,1\n0.5,6,1\n"))
        #expect(data.featureNames == ["x1", "x2"])
        #expect(data.classNames == ["0", "1"])
        #expect(data.features == [1, 2.5, -3, 400, 0.5, 6])
        #expect(data.labels == [0, 1, 1])
        #expect(data.lineNumbers == [2, 3, 4])
    }

    @Test("A label column chosen by name, anywhere; string labels sorted, integer labels numeric")
    func labelColumn() throws {
        let data = try Dataset(table: table("kind,x1,x2\ncat,1,2\ndog,3,4\nbird,5,6\n"), labelColumn: "kind")
        #expect(data.featureNames == ["x1", "x2"])
        #expect(data.classNames == ["bird", "cat", "dog"])
        #expect(data.labels == [1, 2, 0])
        let numeric = try Dataset(table: table("x,y\n1,10\n2,9\n3,10\n4,2\n"))
        #expect(numeric.classNames == ["2", "9", "10"])
        #expect(numeric.labels == [2, 1, 2, 0])
    }

    @Test("Quoted fields, doubled quotes, CRLF, a BOM and no final newline")
    func quoting() throws {
        let data = try Dataset(table: table("\u{FEFF}\"x,1\",\"la\"\"bel\"\r\n\"1.5\",\"a,b\"\r\n2,c"))
        #expect(data.featureNames == ["x,1"])
        #expect(data.classNames == ["a,b", "c"])
        #expect(data.features == [1.5, 2])
    }

    @Test("Line numbers count the lines inside quoted fields and blank lines")
    func lineNumbers() throws {
        let text = "x,label\n1,\"multi\nline\nlabel\"\n\n2,b\nzz,b\n"
        expectDataError(.nonNumeric(file: "d.csv", line: 7, column: "x", value: "zz")) {
            _ = try Dataset(table: try table(text))
        }
        #expect(try table(text).lineNumbers == [2, 6, 7])
    }

    @Test("Wrong field counts name the line")
    func fieldCount() {
        expectDataError(.wrongFieldCount(file: "d.csv", line: 3, count: 2, expected: 3)) {
            _ = try Dataset(table: try table("a,b,label\n1,2,0\n3,1\n4,5,1\n"))
        }
        expectDataError(.wrongFieldCount(file: "d.csv", line: 2, count: 4, expected: 3)) {
            _ = try Dataset(table: try table("a,b,label\n1,2,0,9\n"))
        }
    }

    @Test("Empty files, header-only files and files of blank lines")
    func empty() {
        expectDataError(.emptyFile(file: "d.csv")) { _ = try table("") }
        expectDataError(.emptyFile(file: "d.csv")) { _ = try table("\n\n") }
        expectDataError(.noRows(file: "d.csv")) { _ = try table("a,label\n") }
    }

    @Test("A single class is an error naming the column")
    func singleClass() {
        expectDataError(.singleClass(file: "d.csv", column: "label", value: "1")) {
            _ = try Dataset(table: try table("a,label\n1,1\n2,1\n"))
        }
    }

    @Test("Non-numeric, infinite and overflowing values name line and column")
    func nonNumeric() {
        expectDataError(.nonNumeric(file: "d.csv", line: 3, column: "b", value: "abc")) {
            _ = try Dataset(table: try table("a,b,label\n1,2,0\n3,abc,1\n"))
        }
        expectDataError(.nonNumeric(file: "d.csv", line: 2, column: "a", value: "inf")) {
            _ = try Dataset(table: try table("a,label\ninf,0\n1,1\n"))
        }
        expectDataError(.nonNumeric(file: "d.csv", line: 2, column: "a", value: "1e40")) {
            _ = try Dataset(table: try table("a,label\n1e40,0\n1,1\n"))
        }
        // Issue 19.8: a finite Double outside Float's range is named as such, not "not a finite number".
        let outside = DataError.nonNumeric(file: "d.csv", line: 2, column: "a", value: "1e308").description
        #expect(outside == "d.csv:2: column 'a': '1e308' is outside the range of Float (magnitudes up to 3.4028235e+38)")
        let hex = DataError.nonNumeric(file: "d.csv", line: 2, column: "a", value: "0x10").description
        #expect(hex == "d.csv:2: column 'a': '0x10' is not a finite number")
    }

    @Test("A number field is the whole field: NUL bytes and hexadecimal are errors (issue 19.3)")
    func wholeFieldNumbers() throws {
        for field in ["1\u{0}.5", "0.5\u{0}abc", "0x10", "0x1p3", "1.5x", "1..5e"] {
            expectDataError(.nonNumeric(file: "d.csv", line: 2, column: "a", value: field)) {
                _ = try Dataset(table: try table("a,label\n\(field),0\n1,1\n"))
            }
        }
        let data = try Dataset(table: table("a,label\n-1.5e-3,0\n+2E2,1\n.5,1\n7.,0\n"))
        #expect(data.features == [-0.0015, 200, 0.5, 7])
    }

    @Test("Missing values: an error by default, NaN with imputation; a missing label is always an error")
    func missing() throws {
        let text = "a,b,label\n1,,0\n3,NA,1\n5,6,1\n"
        expectDataError(.missingValue(file: "d.csv", line: 2, column: "b")) { _ = try Dataset(table: try table(text)) }
        let data = try Dataset(table: table(text), missingValues: .imputeTrainingMean)
        #expect(data.features[1].isNaN && data.features[3].isNaN && data.features[5] == 6)
        expectDataError(.missingLabel(file: "d.csv", line: 3, column: "label")) {
            _ = try Dataset(table: try table("a,label\n1,0\n2,\n3,1\n"))
        }
    }

    @Test("Unknown, duplicate and feature-less columns")
    func columns() {
        expectDataError(.missingColumn(file: "d.csv", column: "y", header: ["a", "label"])) {
            _ = try Dataset(table: try table("a,label\n1,0\n2,1\n"), labelColumn: "y")
        }
        expectDataError(.duplicateColumn(file: "d.csv", column: "a")) {
            _ = try Dataset(table: try table("a,a,label\n1,2,0\n2,3,1\n"))
        }
        expectDataError(.noFeatures(file: "d.csv")) { _ = try Dataset(table: try table("label\n0\n1\n")) }
    }

    @Test("A stray quote is a malformed-CSV error with its line")
    func malformed() throws {
        do {
            _ = try table("a,label\n1,0\n\"2\"x,1\n")
            Issue.record("expected an error")
        } catch let error as DataError {
            guard case .malformed(let file, let line, _) = error else { Issue.record("got \(error)"); return }
            #expect(file == "d.csv" && line == 3)
        }
    }

    @Test("Files that cannot be read or are not UTF-8")
    func unreadable() throws {
        let folder = try TrainingTemporaryFolder()
        defer { folder.cleanUp() }
        let missing = folder.url.appendingPathComponent("nope.csv")
        #expect(throws: DataError.self) { _ = try CSVTable(contentsOf: missing) }
        let latin1 = folder.url.appendingPathComponent("latin1.csv")
        try Data([0x61, 0x2C, 0x62, 0x0A, 0xE9, 0x2C, 0x31, 0x0A]).write(to: latin1)
        #expect(throws: DataError.unreadable(
            file: latin1.path, reason: "line 2, column 1 (byte 0xE9): the file is not UTF-8 text (save it as UTF-8)")) {
            _ = try CSVTable(contentsOf: latin1)
        }
        // After multi-byte characters, the column counts bytes.
        #expect(CSVTable.invalidUTF8Reason(Data("a,é\nxé,".utf8) + [0xFF]) == "line 2, column 5 (byte 0xFF): the file is not UTF-8 text (save it as UTF-8)")
    }

    @Test("With a model's schema: columns by name in any order, unknown classes rejected")
    func schema() throws {
        let data = try Dataset(table: table("b,label,a,extra\n2,yes,1,z\n4,no,3,z\n"), featureNames: ["a", "b"],
                               labelColumn: "label", classNames: ["no", "yes"])
        #expect(data.features == [1, 2, 3, 4])
        #expect(data.labels == [1, 0])
        expectDataError(.unknownClass(file: "d.csv", line: 3, column: "label", value: "maybe", known: ["no", "yes"])) {
            _ = try Dataset(table: try table("a,label\n1,no\n2,maybe\n"), featureNames: ["a"], labelColumn: "label",
                            classNames: ["no", "yes"])
        }
        expectDataError(.unknownColumn(file: "d.csv", column: "b", role: .modelFeature, header: ["a", "label"])) {
            _ = try Dataset(table: try table("a,label\n1,no\n"), featureNames: ["a", "b"], labelColumn: "label",
                            classNames: ["no", "yes"])
        }
    }

    @Test("Parsing in pieces on several threads gives the rows and line numbers of one piece")
    func pieces() throws {
        var text = "x,\"la,bel\"\r\n"
        for row in 0..<500 {
            switch row % 7 {
            case 0: text += "\(row),\"multi\nline \"\"quoted\"\"\nlabel\"\n"
            case 3: text += "\n\(row),b\r\n"
            default: text += "\(row),\"c,\(row % 3)\"\n"
            }
        }
        let whole = try CSVTable.parse(text, fileName: "d.csv", pieces: 1)
        for pieces in [2, 3, 8] {
            #expect(!CSVTable.recordBoundaries(text, pieces: pieces).isEmpty)
            let split = try CSVTable.parse(text, fileName: "d.csv", pieces: pieces)
            #expect(split.rows == whole.rows, "\(pieces) pieces")
            #expect(split.lines == whole.lines, "\(pieces) pieces")
        }
        #expect(whole.rows.count == 501)
        #expect(whole.lines.last == text.filter { $0 == "\n" || $0 == "\r\n" }.count)
        // A malformed row in a later piece is reported at its line, as by one piece.
        let bad = text + "9,\"x\"y\n"
        for pieces in [1, 3] {
            #expect(throws: DataError.malformed(file: "d.csv", line: whole.lines.last! + 1, reason: "bad quoting (Can't have non-quote here: y)")) {
                _ = try CSVTable.parse(bad, fileName: "d.csv", pieces: pieces)
            }
        }
    }
}

@Suite("Training: values in messages")
struct DataErrorValueTests {
    @Test("Values are quoted with control characters escaped and long ones cut (issue 19.8)")
    func quotedValues() {
        #expect(DataError.quoted("abc") == "'abc'")
        #expect(DataError.quoted("1\n2\r\n3\t\u{0}\u{1}") == "'1\\n2\\r\\n3\\t\\0\\u{1}'")
        let long = String(repeating: "x", count: 1_000_000)
        #expect(DataError.quoted(long) == "'" + String(repeating: "x", count: 40) + "…' (1000000 characters)")
        #expect(DataError.quoted(String(repeating: "y", count: 40)) == "'" + String(repeating: "y", count: 40) + "'")
        let message = DataError.nonNumeric(file: "d.csv", line: 2, column: "a", value: "1\n" + long).description
        #expect(!message.contains("\n") && message.count < 200, "\(message.prefix(300))")
    }
}
