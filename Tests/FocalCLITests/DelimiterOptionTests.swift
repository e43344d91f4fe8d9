import ArgumentParser
@testable import FocalCLI
import FocalTraining
import Foundation
import Testing

@Suite("CLI: --delimiter on the commands that read CSV")
struct DelimiterOptionTests {
    @Test("--delimiter takes , ; tab | (and their names) on train, evaluate, predict, demo and tune")
    func values() throws {
        #expect(CSVDelimiter(argument: ",") == .comma && CSVDelimiter(argument: "comma") == .comma)
        #expect(CSVDelimiter(argument: ";") == .semicolon && CSVDelimiter(argument: "\t") == .tab)
        #expect(CSVDelimiter(argument: "tab") == .tab && CSVDelimiter(argument: "|") == .pipe)
        #expect(CSVDelimiter(argument: ":") == nil && CSVDelimiter(argument: ",,") == nil)
        #expect(try Train.parse(["d.csv", "--out", "m.json", "--delimiter", ";"]).reading.delimiter == .semicolon)
        #expect(try Train.parse(["d.csv", "--out", "m.json"]).reading.delimiter == nil)
        #expect(try Evaluate.parse(["m.json", "d.csv", "--delimiter", "tab"]).reading.delimiter == .tab)
        #expect(try Predict.parse(["m.json", "d.csv", "--delimiter", "|"]).reading.delimiter == .pipe)
        #expect(try Demo.parse(["--data", "d.csv", "--delimiter", ","]).reading.delimiter == .comma)
        #expect(try Tune.parse(["d.csv", "--delimiter", ";"]).reading.delimiter == .semicolon)
        #expect(throws: (any Error).self) { _ = try Train.parse(["d.csv", "--out", "m.json", "--delimiter", ":"]) }
    }

    @Test("A semicolon file trains detected or named; a wrong --delimiter suggests the right one")
    func trainsAndSuggests() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let comma = try String(contentsOfFile: fixture.binaryCSV("c.csv"), encoding: .utf8)
        let semicolon = try fixture.write("s.csv", comma.replacingOccurrences(of: ",", with: ";"))
        let model = fixture.path("m.json")
        for extra in [[], ["--delimiter", ";"]] {
            let (trained, _) = try Train.parse([semicolon, "--label", "kind", "--epochs", "1", "--out", model] + extra).train(progress: nil)
            #expect(trained.featureNames == ["a", "b"])
        }
        do {
            _ = try Train.parse([semicolon, "--epochs", "1", "--out", model, "--delimiter", ","]).train(progress: nil)
            Issue.record("expected an error")
        } catch {
            #expect(Train.message(for: error)
                == "\(semicolon): the header is a single column 'a;b;kind' when split at ','; it holds ';' (pass --delimiter ';')")
        }
    }
}

@Suite("CLI: loading progress")
struct LoadingProgressTests {
    @Test("The loading line: bytes read, then bytes parsed and rows; cleared at the end")
    func line() {
        #expect(LoadingProgress.line("d.csv", CSVReadingProgress(stage: .reading, bytes: 12_000_000, totalBytes: 118_240_000, rows: 0))
            == "loading d.csv: read 12.0/118.2 MB")
        #expect(LoadingProgress.line("d.csv", CSVReadingProgress(stage: .parsing, bytes: 60_060_000, totalBytes: 118_240_000, rows: 101_532))
            == "loading d.csv: parsed 60.1/118.2 MB, 101532 rows")
        final class Written: @unchecked Sendable { var text = "" }
        let written = Written()
        let display = LoadingProgress(name: "d.csv", write: { written.text += $0 })
        display.handle(CSVReadingProgress(stage: .reading, bytes: 1, totalBytes: 2, rows: 0))
        display.handle(CSVReadingProgress(stage: .reading, bytes: 2, totalBytes: 2, rows: 0))  // within 0.1 s: not drawn
        display.finish()
        #expect(written.text == "\r\u{1B}[2Kloading d.csv: read 0.0/0.0 MB\r\u{1B}[2K")
    }

    @Test("evaluate and predict take --quiet")
    func quiet() throws {
        #expect(try Evaluate.parse(["m.json", "d.csv", "--quiet"]).progressOutput.quiet)
        #expect(try Predict.parse(["m.json", "d.csv", "--quiet"]).progressOutput.quiet)
    }
}
