@testable import FocalCLI
import Foundation
import Testing

/// An output path that names one of the command's inputs is refused before any work, compared
/// as resolved files: the same path, another spelling of it, or a symlink to it (issue 19.7).
@Suite("Outputs never replace inputs")
struct OutputOverInputTests {
    /// Expects `parse` to fail with a usage error naming both paths, and `file` to be unchanged.
    func expectRefused(_ file: URL, sourceLocation: SourceLocation = #_sourceLocation,
                       _ parse: () throws -> Void, message: (any Error) -> String) throws {
        let before = try Data(contentsOf: file)
        do {
            try parse()
            Issue.record("an output naming an input should be refused", sourceLocation: sourceLocation)
        } catch {
            let text = message(error)
            #expect(text.contains("is the same file as") && text.contains("refusing to overwrite"), "\(text)",
                    sourceLocation: sourceLocation)
        }
        #expect(try Data(contentsOf: file) == before, sourceLocation: sourceLocation)
    }

    @Test("train, predict and demo: --out naming the data or model file")
    func trainingCommands() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("d.csv")
            let model = directory.appendingPathComponent("m.json")
            try Data("a,label\n1,0\n2,1\n".utf8).write(to: data)
            try Data("{}".utf8).write(to: model)
            let link = directory.appendingPathComponent("link.csv")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: data)
            let otherSpelling = directory.appendingPathComponent(".").appendingPathComponent("d.csv").path
            for out in [data.path, otherSpelling, link.path] {
                try expectRefused(data, { _ = try Train.parse([data.path, "--out", out]) }, message: { Train.message(for: $0) })
                try expectRefused(data, { _ = try Predict.parse([model.path, data.path, "--out", out]) },
                                  message: { Predict.message(for: $0) })
                try expectRefused(data, { _ = try Demo.parse(["--data", data.path, "--out", out]) }, message: { Demo.message(for: $0) })
            }
            try expectRefused(model, { _ = try Predict.parse([model.path, data.path, "--out", model.path]) },
                              message: { Predict.message(for: $0) })
            // A new path, or an existing file that is not an input, is fine.
            _ = try Train.parse([data.path, "--out", directory.appendingPathComponent("new.json").path])
            _ = try Predict.parse([model.path, data.path, "--out", directory.appendingPathComponent("p.csv").path])
        }
    }

    @Test("loss: --gradient or --output naming an input file")
    func lossCommand() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let x = directory.appendingPathComponent("x.npy")
            let t = directory.appendingPathComponent("t.npy")
            try TestNPY.write([0.5, -1], shape: [2], descr: "<f8", to: x)
            try TestNPY.write([1, 0], shape: [2], descr: "<f8", to: t)
            let base = ["loss", "--kind", "sigmoid", "--x", x.path, "--targets", t.path]
            for extra in [["--gradient", x.path], ["--gradient", t.path],
                          ["--reduction", "none", "--output", x.path], ["--reduction", "none", "--output", t.path]] {
                let file = extra.last == x.path ? x : t
                try expectRefused(file, { _ = try Focal.parseAsRoot(base + extra) }, message: { Focal.message(for: $0) })
            }
        }
    }
}
