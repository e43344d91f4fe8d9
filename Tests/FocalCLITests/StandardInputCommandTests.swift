@testable import FocalCLI
import Foundation
import Testing

/// `-` as a CSV input: all of stdin, named `stdin` in messages (issue #15 item 4).
@Suite("Inputs from stdin ('-')", .enabled(if: FocalRunner.executable != nil, "no built focal executable under .build/"))
struct StandardInputCommandTests {
    @Test("train, predict and evaluate read the CSV from a pipe")
    func pipedCSV() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let csv = try Data(contentsOf: URL(fileURLWithPath: fixture.binaryCSV("train.csv")))
        let trained = try FocalRunner.subprocess(
            ["train", "-", "--label", "kind", "--epochs", "5", "--out", "m.json"], in: fixture.folder, standardInput: csv)
        #expect(trained.status == 0, "\(trained)")
        #expect(trained.standardOutput.contains("model written to m.json"))

        let fromFile = try FocalRunner.subprocess(["predict", "m.json", "train.csv"], in: fixture.folder)
        let fromPipe = try FocalRunner.subprocess(["predict", "m.json", "-"], in: fixture.folder, standardInput: csv)
        #expect(fromPipe.status == 0, "\(fromPipe)")
        #expect(fromPipe.standardOutput == fromFile.standardOutput)

        let evaluated = try FocalRunner.subprocess(["evaluate", "m.json", "-"], in: fixture.folder, standardInput: csv)
        #expect(evaluated.status == 0 && evaluated.standardOutput.contains("data stdin"), "\(evaluated)")

        let model = try Data(contentsOf: URL(fileURLWithPath: fixture.path("m.json")))
        let modelFromPipe = try FocalRunner.subprocess(["predict", "-", "train.csv"], in: fixture.folder, standardInput: model)
        #expect(modelFromPipe.standardOutput == fromFile.standardOutput, "\(modelFromPipe)")
    }

    @Test("A bad row read from stdin is named stdin:<line>")
    func messagesNameStdin() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let run = try FocalRunner.subprocess(["train", "-", "--out", "m.json"], in: directory,
                                                 standardInput: Data("a,label\n1,0\nabc,1\n".utf8))
            #expect(run.status == 1)
            #expect(run.standardError == "Error: stdin:3: column 'a': 'abc' is not a finite number\n", "\(run)")
            #expect(CLITestPaths.contents(of: directory).isEmpty)
        }
    }

    @Test("demo --data - and tune - read stdin too")
    func demoAndTune() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let csv = try Data(contentsOf: URL(fileURLWithPath: fixture.binaryCSV("d.csv")))
        let demo = try FocalRunner.subprocess(["demo", "--data", "-", "--label", "kind", "--epochs", "2", "--model", "logistic",
                                               "--out", "d.svg"], in: fixture.folder, standardInput: csv)
        #expect(demo.status == 0 && demo.standardOutput.contains("stdin"), "\(demo)")
        let tune = try FocalRunner.subprocess(["tune", "-", "--label", "kind", "--epochs", "2", "--model", "logistic",
                                               "--gamma", "2", "--alpha", "0.25", "--seeds", "1"], in: fixture.folder, standardInput: csv)
        #expect(tune.status == 0, "\(tune)")
    }

    @Test("Two inputs from stdin at once are refused")
    func twoInputs() throws {
        for command in ["evaluate", "predict"] {
            let error = #expect(throws: (any Error).self) {
                try Focal.parseAsRoot([command, "-", "-"])
            }
            #expect(Focal.exitCode(for: error!).rawValue == 64)
            #expect(Focal.message(for: error!).contains("MODEL and DATA both read standard input"))
        }
    }
}
