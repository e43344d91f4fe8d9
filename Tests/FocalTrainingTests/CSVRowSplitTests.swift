import FocalTestSupport
import Foundation
@testable import FocalTraining
import Testing

/// Rows without quotes are kept as byte ranges and split at delimiters when read; their numbers
/// are parsed in one pass per row. Checked against fields and values the tests work out from the
/// text they write, and against the same tables with every field quoted (read by the state machine).
@Suite("CSV: rows split at delimiters")
struct CSVRowSplitTests {
    /// A numeral of one of the shapes CSV writers use, or an adversarial one.
    func numeral(_ generator: inout SplitMix64) -> String {
        switch Int.random(in: 0..<9, using: &generator) {
        case 0: return "\(Double.random(in: -3...3, using: &generator))"  // shortest round trip
        case 1: return String(format: "%.17g", Double.random(in: -1e6...1e6, using: &generator))
        case 2: return String(format: "%.20e", Double.random(in: -1...1, using: &generator))  // 21 digits
        case 3: return "\(Int.random(in: -100_000...100_000, using: &generator))"
        case 4: return String(format: "%.9e", Double.random(in: 1e-310...1e-300, using: &generator))  // subnormal
        case 5: return ["5.", ".5", "+.25", "-0", "0.000", "1e5", "1E-5", "000123.4500", "-3.4028234663852886e38"].randomElement(using: &generator)!
        case 6: return "0.000000000000000000000012345678901234567890123"  // leading zeros past 19 digits
        case 7: return "12345678901234567890.5"  // more than 19 integer digits
        default: return String(format: "%.3f", Double.random(in: -1000...1000, using: &generator))
        }
    }

    @Test("Fields of rows without quotes: leading blanks dropped, trailing ones kept, empty fields, every delimiter")
    func fields() throws {
        var generator = SplitMix64(seed: 1501)
        for round in 0..<200 {
            let delimiter = CSVDelimiter.allCases[round % 4]
            let blanks = delimiter == .tab ? [" ", "  "] : [" ", "\t", " \t "]
            let pool = ["1.5", "x", "", "NA", "a b", "-2e3", "aéb"]
            let columns = Int.random(in: 2...12, using: &generator)
            var text = (0..<columns).map { "c\($0)" }.joined(separator: delimiter.rawValue) + "\n"
            var expected: [[String]] = []
            for _ in 0..<Int.random(in: 1...30, using: &generator) {
                var written: [String] = []
                var fields: [String] = []
                for _ in 0..<columns {
                    let value = pool.randomElement(using: &generator)!
                    let before = Bool.random(using: &generator) ? blanks.randomElement(using: &generator)! : ""
                    let after = Int.random(in: 0..<4, using: &generator) == 0 ? " " : ""
                    written.append(before + value + after)
                    fields.append(String((before + value + after).drop { $0 == " " || ($0 == "\t" && delimiter != .tab) }))
                }
                text += written.joined(separator: delimiter.rawValue) + (Bool.random(using: &generator) ? "\r\n" : "\n")
                expected.append(fields)
            }
            let table = try CSVTable(text: text, fileName: "f.csv", delimiter: delimiter)
            #expect(table.rowCount == expected.count, "round \(round)")
            guard table.rowCount == expected.count else { continue }
            for (row, fields) in expected.enumerated() {
                #expect(table.fieldCount(row: row) == fields.count)
                #expect((0..<fields.count).map { table.field(row: row, column: $0) } == fields, "round \(round), row \(row)")
            }
            #expect(table.rows == expected)
        }
    }

    @Test("Blank lines of spaces and tabs are dropped; CRLF and a lone CR end lines; lines are counted")
    func blankLinesAndLineBreaks() throws {
        let table = try CSVTable(text: "a,b\r\n1,2\r\n  \t \r\n3,4\r5, 6\n\n", fileName: "b.csv")
        #expect(table.rows == [["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(table.lineNumbers == [2, 4, 5])
        #expect(try table.features(columns: [1, 0], missingValues: .reject) == [2, 1, 4, 3, 6, 5])
    }

    @Test("A vertical tab or form feed in an ASCII file read from bytes still sends it to the character reader")
    func controlCharactersFromData() throws {
        for control in ["\u{0B}", "\u{0C}"] {
            let text = "a,label\n1,\(control)x\n2,y\n" + String(repeating: "3,z\n", count: 20)
            let fromData = try CSVTable(data: Data(text.utf8), fileName: "v.csv")
            #expect(fromData.field(row: 0, column: 1) == "x")
            #expect(fromData.rows == (try CSVTable(text: text, fileName: "v.csv")).rows)
        }
    }

    @Test("Numbers read in one pass per row equal Double(String)'s, in any column order, quoted or not")
    func onePassNumbers() throws {
        var generator = SplitMix64(seed: 1502)
        for round in 0..<120 {
            let delimiter = CSVDelimiter.allCases[round % 4]
            let columns = Int.random(in: 1...8, using: &generator)
            let labelColumn = Int.random(in: 0...columns, using: &generator)
            let rowCount = round % 10 == 0 ? 3000 : Int.random(in: 1...40, using: &generator)
            var header = (0..<columns).map { "x\($0)" }
            header.insert("label", at: labelColumn)
            var plain = header.joined(separator: delimiter.rawValue) + "\n"
            var quoted = plain
            var values: [[Float]] = []
            for row in 0..<rowCount {
                var fields: [String] = []
                var numbers: [Float] = []
                for _ in 0..<columns {
                    let text = numeral(&generator)
                    numbers.append(Float(Double(text)!))
                    let spaces = Int.random(in: 0..<6, using: &generator)
                    fields.append((spaces == 0 ? " " : "") + text + (spaces == 1 ? "  " : ""))
                }
                fields.insert(row % 2 == 0 ? "yes" : "no", at: labelColumn)
                values.append(numbers)
                plain += fields.joined(separator: delimiter.rawValue) + "\n"
                quoted += fields.map { "\"\($0)\"" }.joined(separator: delimiter.rawValue) + "\n"
            }
            let order = Array((0..<columns).shuffled(using: &generator))
            let fileColumns = order.map { $0 < labelColumn ? $0 : $0 + 1 }
            let expected = values.flatMap { numbers in order.map { numbers[$0].bitPattern } }
            for text in [plain, quoted] {
                let table = try CSVTable(text: text, fileName: "n.csv", delimiter: delimiter)
                let read = try table.features(columns: fileColumns, missingValues: .reject)
                #expect(read.map(\.bitPattern) == expected, "round \(round)")
            }
        }
    }

    @Test("A column asked for twice, and the error of the first bad field in the order asked for")
    func repeatedColumnsAndErrorOrder() throws {
        let table = try CSVTable(text: "a,b,c\n1,2,3\nx,1,NA\n", fileName: "o.csv")
        expectDataError(.missingValue(file: "o.csv", line: 3, column: "c")) {
            _ = try table.features(columns: [2, 0], missingValues: .reject)
        }
        expectDataError(.nonNumeric(file: "o.csv", line: 3, column: "a", value: "x")) {
            _ = try table.features(columns: [0, 2], missingValues: .reject)
        }
        let good = try CSVTable(text: "a,b\n1,2\n3,4\n", fileName: "t.csv")
        #expect(try good.features(columns: [1, 1, 0], missingValues: .reject) == [2, 2, 1, 4, 4, 3])
    }

    @Test("A numeral at the start of bytes: Double(String)'s value and where it ends")
    func numeralPrefix() {
        var generator = SplitMix64(seed: 1503)
        var failures: [String] = []
        for _ in 0..<20_000 {
            let text = numeral(&generator)
            let bytes = Array((text + [",7", "\n", " ", "x", ""].randomElement(using: &generator)!).utf8)
            let (value, end) = bytes.withUnsafeBufferPointer { DecimalParser.parse(prefixOf: $0.baseAddress!, count: $0.count) }
            if value?.bitPattern != Double(text)?.bitPattern || end != text.utf8.count {
                failures.append("\(text): \(String(describing: value)) ending at \(end)")
            }
        }
        for (text, end) in [("1e", 2), ("1e+,", 3), ("-", 1), (".", 1), ("+.e1", 2), ("", 0)] {
            let (value, stop) = Array((text + "|").utf8).withUnsafeBufferPointer {
                DecimalParser.parse(prefixOf: $0.baseAddress!, count: $0.count - 1)
            }
            if value != nil || stop != end { failures.append("\(text): \(String(describing: value)) ending at \(stop)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10).joined(separator: "\n"))")
    }
}
