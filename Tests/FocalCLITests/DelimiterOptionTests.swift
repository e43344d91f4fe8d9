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
