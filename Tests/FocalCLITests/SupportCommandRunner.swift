import ArgumentParser
@testable import FocalCLI
import Foundation

/// What running `focal` produced: exit status, stdout and stderr.
struct CLIRun: CustomStringConvertible {
    var status: Int32
    var standardOutput: String
    var standardError: String

    var description: String { "status \(status), stdout \(standardOutput.debugDescription), stderr \(standardError.debugDescription)" }
}

/// Running `focal` commands in the test process, or as the built executable.
enum FocalRunner {
    /// Parses `arguments` as `focal` would and runs the command in-process, returning what the
    /// executable would print and its exit status (as ArgumentParser computes them).
    static func inProcess(_ arguments: [String]) -> CLIRun {
        do {
            let command = try Focal.parseAsRoot(arguments)
            let output: CommandOutput
            switch command {
            case let loss as LossCommand: output = try loss.execute()
            case let curves as Curves: output = try curves.execute()
            default: fatalError("FocalRunner runs loss and curves only, not \(type(of: command))")
            }
            return CLIRun(status: 0, standardOutput: output.standardOutput, standardError: "")
        } catch {
            return CLIRun(status: Focal.exitCode(for: error).rawValue, standardOutput: "",
                          standardError: Focal.fullMessage(for: error) + "\n")
        }
    }

    /// The built `focal` executable (`.build/debug/focal` under the package root), if present.
    static let executable: URL? = {
        for configuration in ["debug", "release"] {
            let url = CLITestPaths.packageRoot.appendingPathComponent(".build/\(configuration)/focal")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }()

    /// Runs the built executable with `arguments` in `directory`.
    static func subprocess(_ arguments: [String], in directory: URL) throws -> CLIRun {
        guard let executable else { throw CLIRunError("no built focal executable under .build/") }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, standardOutput: String(decoding: stdout, as: UTF8.self),
                      standardError: String(decoding: stderr, as: UTF8.self))
    }

    struct CLIRunError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
