import FocalTestSupport
@testable import FocalCLI
import Foundation
import Testing

/// The built `focal` executable, run as a subprocess: what a shell user sees on stdout, stderr
/// and in the exit status. Skipped when `.build/debug/focal` has not been built.
@Suite("focal as a subprocess", .enabled(if: FocalRunner.executable != nil, "no built focal executable under .build/debug or .build/release"))
struct LossProcessTests {
    @Test("focal loss prints the loss; a missing file is one stderr line and status 1")
    func loss() throws {
        let c = try ReferenceCase.named("softmax N,C gamma2 mean")
        try CLITestPaths.withTemporaryDirectory { directory in
            var arguments = try LossReferenceTests.arguments(for: c, precision: .double, in: directory).filter { $0 != "--json" }
            let run = try FocalRunner.subprocess(arguments, in: directory)
            try #require(run.status == 0, "\(run)")
            expectCLIClose(try #require(Double(run.standardOutput.trimmingCharacters(in: .newlines))), c.loss.array[0],
                           rtol: 1e-12, atol: 1e-300, "loss")
            #expect(run.standardError.isEmpty)

            arguments[arguments.firstIndex(of: "--x")! + 1] = "missing.npy"
            let failed = try FocalRunner.subprocess(arguments, in: directory)
            #expect(failed.status == 1)
            #expect(failed.standardOutput.isEmpty)
            #expect(failed.standardError == "Error: --x missing.npy: cannot read: No such file or directory\n", "\(failed)")
        }
    }

    @Test("A bad option value is a usage error: status 64, the message first")
    func usage() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let run = try FocalRunner.subprocess(["loss", "--kind", "softmax", "--x", "x.npy", "--labels", "y.npy", "--gamma", "-1"], in: directory)
            #expect(run.status == 64)
            #expect(run.standardError.hasPrefix("Error: --gamma: value -1 must be finite and >= 0\n"), "\(run)")
        }
    }

    @Test("focal curves --csv and focal --help")
    func curvesAndHelp() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let run = try FocalRunner.subprocess(["curves", "--csv", "--points", "2", "--gamma", "0"], in: directory)
            #expect(run.status == 0, "\(run)")
            #expect(run.standardOutput.hasPrefix("p_t,gamma_0\n0.5,0.6931471805599453\n1.0,"), "\(run)")
            let help = try FocalRunner.subprocess(["--help"], in: directory)
            #expect(help.status == 0 && help.standardOutput.contains("loss") && help.standardOutput.contains("curves"))
            let svg = try FocalRunner.subprocess(["curves"], in: directory)
            #expect(svg.status == 0 && svg.standardOutput == "wrote focal-curves.svg\n", "\(svg)")
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("focal-curves.svg").path))
        }
    }

    @Test("focal --version prints the version from the one place that holds it")
    func version() throws {
        try CLITestPaths.withTemporaryDirectory { directory in
            let run = try FocalRunner.subprocess(["--version"], in: directory)
            #expect(run.status == 0, "\(run)")
            #expect(run.standardOutput == FocalVersion.current + "\n")
            #expect(FocalVersion.current.split(separator: ".").count == 3)
        }
    }
}
