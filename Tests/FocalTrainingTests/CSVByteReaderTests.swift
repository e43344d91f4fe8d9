import FocalTestSupport
import Foundation
@testable import FocalTraining
import Testing

@Suite("CSV: the byte-level reader")
struct CSVByteReaderTests {
    /// A numeral as a CSV writer might spell it.
    func numeral(_ generator: inout SplitMix64) -> String {
        let value: Double
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: value = Double(Int.random(in: -1000...1000, using: &generator))
        case 1: value = Double.random(in: -1...1, using: &generator)
        case 2: value = Double.random(in: -1e30...1e30, using: &generator)
        default: value = Double.random(in: -1e-30...1e-30, using: &generator)
        }
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return "\(value)"
        case 1: return String(format: "%.9g", value)
        case 2: return String(format: "%.17e", value)
        default: return String(format: "%.3f", value)
        }
    }

    @Test("Random tables with random quoting, delimiters, line endings and blank lines read back to the same numbers")
    func roundTrip() throws {
        var generator = SplitMix64(seed: 151)
        for round in 0..<300 {
            let delimiter = CSVDelimiter.allCases[round % 4]
            let lineEnd = Bool.random(using: &generator) ? "\r\n" : "\n"
            let columns = Int.random(in: 1...6, using: &generator)
            let rows = Int.random(in: 2...40, using: &generator)
            func quoted(_ text: String) -> String {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: return "\"" + text + "\""
                case 1: return " " + text
                default: return text
                }
            }
            var text = round % 5 == 0 ? "\u{FEFF}" : ""
            text += ((0..<columns).map { quoted("x\($0)") } + [quoted("label")]).joined(separator: delimiter.rawValue) + lineEnd
            var expected: [Float] = []
            var labels: [String] = []
            for row in 0..<rows {
                var fields: [String] = []
                for _ in 0..<columns {
                    let number = numeral(&generator)
                    expected.append(Float(Double(number)!))
                    fields.append(quoted(number))
                }
                let label = row % 2 == 0 ? "yes" : "no, \"really\"\(lineEnd)not"
                labels.append(label)
                fields.append("\"" + label.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
                text += fields.joined(separator: delimiter.rawValue)
                if row < rows - 1 || Bool.random(using: &generator) { text += lineEnd }
                if Int.random(in: 0..<10, using: &generator) == 0 { text += lineEnd }
            }
            for given in [delimiter, nil] {
                let table = try CSVTable(text: text, fileName: "r.csv", delimiter: given)
                #expect(table.delimiter == delimiter)
                #expect(table.header == (0..<columns).map { "x\($0)" } + ["label"])
                let features = try table.features(columns: Array(0..<columns), missingValues: .reject)
                #expect(features.map(\.bitPattern) == expected.map(\.bitPattern), "round \(round)")
                #expect((0..<table.rowCount).map { table.field(row: $0, column: columns) } == labels)
            }
        }
    }

    /// A table of `rows` rows whose labels hold quoted line breaks, and its numbers.
    func quotedNewlineTable(rows: Int, columns: Int) -> (text: String, numbers: [Float]) {
        var generator = SplitMix64(seed: 152)
        var text = (0..<columns).map { "f\($0)" }.joined(separator: ";") + ";label\r\n"
        var numbers: [Float] = []
        for row in 0..<rows {
            for _ in 0..<columns {
                let number = numeral(&generator)
                numbers.append(Float(Double(number)!))
                text += number + ";"
            }
            text += row % 3 == 0 ? "\"a;\nb\"\"\r\n\"\n" : (row % 3 == 1 ? "b\r\n" : "\"c\"\n\n")
        }
        return (text, numbers)
    }

    @Test("Reading in pieces on several threads gives what one piece gives, with quoted line breaks")
    func pieces() throws {
        let (text, numbers) = quotedNewlineTable(rows: 3000, columns: 5)
        let bytes = Array(text.utf8)
        let whole = try CSVTable.parse(bytes, fileName: "p.csv", delimiter: .semicolon, endsWithLineBreak: true, pieces: 1)
        #expect(whole.rowCount == 3001)
        for pieces in [2, 3, 7, 8] {
            #expect(bytes.withUnsafeBufferPointer { RowSplitter.cuts($0, pieces: pieces) }.count == pieces - 1)
            let split = try CSVTable.parse(bytes, fileName: "p.csv", delimiter: .semicolon, endsWithLineBreak: true, pieces: pieces)
            #expect(split.lines == whole.lines, "\(pieces) pieces")
            #expect((0..<split.rowCount).map(split.strings) == (0..<whole.rowCount).map(whole.strings), "\(pieces) pieces")
        }
        // Line numbers worked out by hand: each row of kind 0 spans three lines, kind 2 is followed by a blank line.
        var line = 2
        var lines: [Int] = []
        for row in 0..<3000 {
            lines.append(line)
            line += [3, 1, 2][row % 3]
        }
        #expect(Array(whole.lines.dropFirst()) == lines)
        // The features of a large table are read in pieces too: the same numbers.
        let table = try CSVTable(text: text, fileName: "p.csv")
        #expect(try table.features(columns: Array(0..<5), missingValues: .reject).map(\.bitPattern) == numbers.map(\.bitPattern))
    }

    @Test("The first bad field in row order is reported when the features are read in pieces")
    func firstErrorInPieces() throws {
        var text = "a,b,label\n"
        for row in 0..<120_000 {
            text += row == 100_000 ? "x,1,0\n" : (row == 70_000 ? "1,,1\n" : "1,2,\(row % 2)\n")
        }
        let table = try CSVTable(text: text, fileName: "e.csv")
        expectDataError(.missingValue(file: "e.csv", line: 70_002, column: "b")) {
            _ = try table.features(columns: [0, 1], missingValues: .reject)
        }
        expectDataError(.nonNumeric(file: "e.csv", line: 100_002, column: "a", value: "x")) {
            _ = try table.features(columns: [0, 1], missingValues: .imputeTrainingMean)
        }
    }

    @Test("The delimiter is the most frequent of , ; tab | outside quotes on the header line; the comma on a tie")
    func detection() throws {
        func detected(_ text: String) -> CSVDelimiter {
            Array(text.utf8).withUnsafeBufferPointer(CSVDelimiter.detected)
        }
        #expect(detected("a;b;c\n1,5;2,5;0\n") == .semicolon)
        #expect(detected("a\tb\tc\n") == .tab)
        #expect(detected("a|b|c\n") == .pipe)
        #expect(detected("\"a;b;c\",d,e\n") == .comma)
        #expect(detected("a;b,c|d\n") == .comma)
        #expect(detected("a;b|c\n") == .comma)
        #expect(detected("abc\n1;2;3\n") == .comma)
        #expect(detected("\n  \n a;b\n") == .semicolon)
        #expect(detected("") == .comma)
        let data = try Dataset(table: CSVTable(text: "x;y;label\n1.5;-2;a\n3;4e1;b\n", fileName: "d.csv"))
        #expect(data.features == [1.5, -2, 3, 40])
        let tabs = try Dataset(table: CSVTable(text: "x\t y\tlabel\n 1\t\"2\"\t0\n3\t4\t1\n", fileName: "d.csv"))
        #expect(tabs.featureNames == ["x", "y"] && tabs.features == [1, 2, 3, 4])
    }

    @Test("A single-column header holding another delimiter is an error suggesting it")
    func singleColumn() {
        expectDataError(.singleColumn(file: "d.csv", header: "a;b;label", delimiter: .comma, suggested: .semicolon)) {
            _ = try CSVTable(text: "a;b;label\n1;2;0\n", fileName: "d.csv", delimiter: .comma)
        }
        let error = DataError.singleColumn(file: "d.csv", header: "a;b;label", delimiter: .comma, suggested: .semicolon)
        #expect(error.description == "d.csv: the header is a single column 'a;b;label' when split at ','; it holds ';' (pass delimiter: .semicolon)")
        let tab = DataError.singleColumn(file: "d.csv", header: "a\tb", delimiter: .pipe, suggested: .tab)
        #expect(tab.description == "d.csv: the header is a single column 'a\\tb' when split at '|'; it holds tab (pass delimiter: .tab)")
        // A single column without another delimiter is still a file without features.
        expectDataError(.noFeatures(file: "d.csv")) { _ = try Dataset(table: try CSVTable(text: "label\n0\n1\n", fileName: "d.csv")) }
    }

    @Test("Malformed quoting names the row's first line and the character, in the byte and character readers")
    func malformed() {
        expectDataError(.malformed(file: "d.csv", line: 2, reason: "bad quoting (Can't have non-quote here: b)")) {
            _ = try CSVTable(text: "a,label\n\"1\nx\"b,0\n", fileName: "d.csv")
        }
        expectDataError(.malformed(file: "d.csv", line: 3, reason: "bad quoting (Can't have non-quote here: ,)")) {
            _ = try CSVTable(text: "a,label\n1,0\n1\",0\n", fileName: "d.csv")
        }
        expectDataError(.malformed(file: "d.csv", line: 3, reason: "bad quoting (Can't have non-quote here: \r\n)")) {
            _ = try CSVTable(text: "a,label\n1,0\r\n1\"\r\n", fileName: "d.csv")
        }
        // A non-ASCII character after the closing quote: read by characters.
        expectDataError(.malformed(file: "d.csv", line: 2, reason: "bad quoting (Can't have non-quote here: é)")) {
            _ = try CSVTable(text: "a,label\n\"1\"é,0\n", fileName: "d.csv")
        }
    }

    @Test("Texts read by characters: blanks before a non-ASCII field, Unicode line breaks as SwiftCSV read them, '\"a\" \"b\"'")
    func characterReader() throws {
        // U+0085 and vertical tab end no row (SwiftCSV's rows end at \n, \r\n and \r only); before
        // a field they are whitespace and dropped.
        let table = try CSVTable(text: "a,label\n1, é\n2,b\u{85}3,\u{0B}\"c\" \"d\"\n", fileName: "d.csv")
        #expect(table.rows == [["1", "é"], ["2", "b\u{85}3", "c\"d"]])
        #expect(table.lineNumbers == [2, 3])
        // A quoted field's lines count every Character.isNewline when it holds a \n (as the old reader counted).
        let spans = try CSVTable(text: "a,label\n\"1\n\u{2028}\",x\n2,y\n", fileName: "d.csv")
        #expect(spans.lineNumbers == [2, 5])
        // Inside a field, non-ASCII text is read by bytes.
        let bytes = try CSVTable(text: "a,label\n1,café\n2,naïve\n", fileName: "d.csv")
        #expect(bytes.rows == [["1", "café"], ["2", "naïve"]])
        #expect(!Array("a,label\n1,café\n".utf8).withUnsafeBufferPointer { CSVTextCheck.needsCharacters($0, delimiter: 44) })
        #expect(Array("a,label\n1, é\n".utf8).withUnsafeBufferPointer { CSVTextCheck.needsCharacters($0, delimiter: 44) })
    }

    @Test("Fields around numbers: spaces trimmed, tabs kept, quoted numbers, missing markers")
    func numericFields() throws {
        let data = try Dataset(table: CSVTable(text: "a,b,label\n\" 1.5 \",2 ,0\n\"3\" , -4,1\n", fileName: "d.csv"))
        #expect(data.features == [1.5, 2, 3, -4])
        expectDataError(.nonNumeric(file: "d.csv", line: 2, column: "a", value: "1\t")) {
            _ = try Dataset(table: try CSVTable(text: "a,label\n1\t,0\n2,1\n", fileName: "d.csv"))
        }
        expectDataError(.nonNumeric(file: "d.csv", line: 2, column: "a", value: "1\"\"")) {
            _ = try Dataset(table: try CSVTable(text: "a,label\n\"1\"\"\"\"\",0\n2,1\n", fileName: "d.csv"))
        }
        let missing = try Dataset(table: CSVTable(text: "a,label\nN/A,0\n null ,1\n?,1\nNaN,0\n", fileName: "d.csv"), missingValues: .imputeTrainingMean)
        #expect(missing.features.allSatisfy { $0.isNaN })
        for outside in ["3.5e38", "3.4028235e38", "-3.4028235e38", "1e309"] {
            expectDataError(.nonNumeric(file: "d.csv", line: 2, column: "a", value: outside)) {
                _ = try Dataset(table: try CSVTable(text: "a,label\n\(outside),0\n2,1\n", fileName: "d.csv"))
            }
        }
        #expect(DataError.nonNumeric(file: "d.csv", line: 2, column: "a", value: "1e309").description
            == "d.csv:2: column 'a': '1e309' is not a finite number")
        // Float.greatestFiniteMagnitude is 3.4028234663852886e38 exactly; 3.4028235e38 as a Double lies above it.
        let edge = try Dataset(table: CSVTable(text: "a,label\n3.4028234663852886e38,0\n1e-50,1\n-0,1\n", fileName: "d.csv"))
        #expect(edge.features[0] == .greatestFiniteMagnitude && edge.features[1] == 0 && edge.features[2].sign == .minus)
    }
}

@Suite("CSV: reading progress")
struct CSVReadingProgressTests {
    @Test("A file of several MB reports bytes read, then bytes parsed and rows, up to its size and row count")
    func reports() throws {
        let folder = try TrainingTemporaryFolder()
        defer { folder.cleanUp() }
        let url = folder.url.appendingPathComponent("big.csv")
        var text = "a,b,label\n"
        for row in 0..<400_000 { text += "\(row),0.\(row),\(row % 2)\n" }
        try Data(text.utf8).write(to: url)
        final class Events: @unchecked Sendable {
            let lock = NSLock()
            var items: [CSVReadingProgress] = []
        }
        let events = Events()
        let table = try CSVTable(contentsOf: url, progress: { progress in
            events.lock.lock()
            events.items.append(progress)
            events.lock.unlock()
        })
        let size = text.utf8.count
        let reading = events.items.filter { $0.stage == .reading }
        let parsing = events.items.filter { $0.stage == .parsing }
        #expect(reading.count >= 2 && reading.last?.bytes == size)
        #expect(reading.map(\.bytes) == reading.map(\.bytes).sorted())
        #expect(parsing.count >= 2 && parsing.map(\.bytes) == parsing.map(\.bytes).sorted())
        #expect(parsing.last?.bytes == size && parsing.last?.rows == 400_001)
        #expect(events.items.allSatisfy { $0.totalBytes == size })
        #expect(table.rowCount == 400_000)
    }
}
