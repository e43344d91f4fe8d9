@testable import FocalCLI
import FocalTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The outputs of the commands, of every kind, through the one writer (issue #15 item 3). Only
/// temporary files, symlinks and FIFOs made here are written, never a real device.
@Suite("Command outputs: files, symlinks, FIFOs, stdout, failures, missing folders")
struct OutputKindsCommandTests {
    func fileType(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & S_IFMT
    }

    func text(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    @Test("A new file, and an existing file that keeps its mode bits")
    func regularFiles() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let out = directory.appendingPathComponent("c.svg").path
            #expect(FocalRunner.inProcess(["curves", "--out", out]).status == 0)
            #expect(try text(out).contains("<svg"))
            try Data("old".utf8).write(to: URL(fileURLWithPath: out))
            #expect(chmod(out, 0o604) == 0)
            #expect(FocalRunner.inProcess(["curves", "-o", out]).status == 0)
            #expect(try text(out).contains("<svg"))
            #expect(try FileManager.default.attributesOfItem(atPath: out)[.posixPermissions] as? Int == 0o604)
            #expect(CLITestPaths.contents(of: directory) == ["c.svg"])
        }
    }

    @Test("A symlink is kept; the file it points to is written")
    func symlinkOutput() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let target = directory.appendingPathComponent("target.svg").path
            let link = directory.appendingPathComponent("link.svg").path
            try Data("old".utf8).write(to: URL(fileURLWithPath: target))
            #expect(symlink("target.svg", link) == 0)
            let run = FocalRunner.inProcess(["curves", "--out", link])
            #expect(run.status == 0, "\(run)")
            #expect(fileType(link) == S_IFLNK)
            #expect(try text(target).contains("<svg"))
            #expect(CLITestPaths.contents(of: directory) == ["link.svg", "target.svg"])
        }
    }

    @Test("A FIFO is written in place and is still a FIFO afterwards")
    func fifoOutput() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let fifo = directory.appendingPathComponent("pipe.svg").path
            #expect(mkfifo(fifo, 0o600) == 0)
            let reader = FIFOReader(path: fifo)
            let run = FocalRunner.inProcess(["curves", "--out", fifo])
            #expect(run.status == 0, "\(run)")
            let svg = reader.wait()
            #expect(svg.hasSuffix("</svg>\n") && svg.contains("<svg"))
            #expect(fileType(fifo) == S_IFIFO)
            #expect(CLITestPaths.contents(of: directory) == ["pipe.svg"])
        }
    }

    @Test("'-' writes to stdout; the command's own text goes to stderr", .enabled(if: FocalRunner.executable != nil))
    func standardOutput() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let run = try FocalRunner.subprocess(["curves", "-o", "-"], in: directory)
            #expect(run.status == 0, "\(run)")
            #expect(run.standardOutput.contains("<svg") && run.standardOutput.hasSuffix("</svg>\n"))
            #expect(run.standardError == "wrote -\n")
            #expect(CLITestPaths.contents(of: directory).isEmpty)

            try LossErrorTests.writeFixtures(in: directory)
            let (loss, bytes) = try FocalRunner.subprocessBytes(
                ["loss", "--kind", "softmax", "--x", "x.npy", "--labels", "y.npy", "--gradient", "-"], in: directory)
            #expect(loss.status == 0, "\(loss)")
            #expect(bytes.starts(with: [0x93] + Array("NUMPY".utf8)))
            #expect(Double(loss.standardError.trimmingCharacters(in: .newlines)) != nil, "\(loss)")
        }
    }

    @Test("A failing write (file size limit) leaves the old file byte for byte and no temporary file",
          .enabled(if: FocalRunner.executable != nil))
    func failingWrite() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let old = Data("the old figure\n".utf8)
            try old.write(to: directory.appendingPathComponent("figure.svg"))
            // Ignoring SIGXFSZ makes the write beyond the 1-block limit fail with EFBIG instead of killing focal.
            let run = try FocalRunner.shell("trap '' XFSZ; ulimit -f 1; exec \"$FOCAL\" curves --out figure.svg", in: directory)
            #expect(run.status == 1, "\(run)")
            #expect(run.standardError.hasPrefix("Error: --out figure.svg: cannot write: File too large"), "\(run)")
            #expect(try Data(contentsOf: directory.appendingPathComponent("figure.svg")) == old)
            #expect(CLITestPaths.contents(of: directory) == ["figure.svg"])
        }
    }

    @Test("A missing folder is refused before any training: at once, nothing written")
    func missingFolderBeforeTraining() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("train.csv", rows: 2000)
        let out = fixture.path("missing-dir/m.json")
        // A million epochs of an MLP: only a refusal before training returns within the limit.
        let command = try Train.parse([data, "--label", "kind", "--model", "mlp:64,64", "--epochs", "1000000", "--out", out])
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: CLIError.self) { _ = try command.train(progress: nil) }
        #expect(clock.now - start < .seconds(5))
        #expect(error?.description == "--out \(out): cannot write: the folder '\(fixture.path("missing-dir"))' does not exist")
        #expect(try fixture.files() == ["train.csv"])

        let predict = try Predict.parse([data, data, "--out", fixture.path("none/p.csv")])
        let refused = #expect(throws: CLIError.self) { try predict.run() }
        #expect(refused?.description.hasPrefix("--out \(fixture.path("none/p.csv")): cannot write: the folder") == true)

        let demo = FocalRunner.inProcess(["curves", "--out", "no-such-folder/c.svg"])
        #expect(demo.standardError == "Error: --out no-such-folder/c.svg: cannot write: the folder 'no-such-folder' does not exist\n")
    }

    @Test("The 'output names an input' refusal still holds, and '-' is never taken for a file")
    func outputOverInput() throws {
        let fixture = try TrainCommandFixture()
        defer { fixture.cleanUp() }
        let data = try fixture.binaryCSV("train.csv")
        #expect(throws: (any Error).self) { _ = try Train.parse([data, "--out", data]) }
        _ = try Train.parse(["-", "--out", "-"])
    }
}

