@testable import FocalCLI
import Foundation

extension FocalRunner {
    /// Runs the built executable with `arguments` in `directory`, `input` piped to its stdin.
    static func subprocess(_ arguments: [String], in directory: URL, standardInput input: Data) throws -> CLIRun {
        guard let executable else { throw CLIRunError("no built focal executable under .build/") }
        return try run(executable, arguments, in: directory, standardInput: input).0
    }

    /// Runs the built executable with `arguments` in `directory`; also returns stdout's bytes as
    /// they came (for binary output such as a `.npy` file).
    static func subprocessBytes(_ arguments: [String], in directory: URL) throws -> (CLIRun, Data) {
        guard let executable else { throw CLIRunError("no built focal executable under .build/") }
        return try run(executable, arguments, in: directory, standardInput: Data())
    }

    /// Runs `script` with `/bin/sh -c`, `$FOCAL` naming the built executable.
    static func shell(_ script: String, in directory: URL) throws -> CLIRun {
        guard let executable else { throw CLIRunError("no built focal executable under .build/") }
        var environment = ProcessInfo.processInfo.environment
        environment["FOCAL"] = executable.path
        return try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script], in: directory, standardInput: Data(),
                       environment: environment).0
    }

    private static func run(
        _ executable: URL, _ arguments: [String], in directory: URL, standardInput input: Data,
        environment: [String: String]? = nil
    ) throws -> (CLIRun, Data) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let stdin = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = stdin
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Feed stdin on another thread while the pipes are drained here: no side can block the other.
        let feeder = Thread {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        feeder.start()
        let errors = ErrorDrain(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.wait()
        process.waitUntilExit()
        let run = CLIRun(status: process.terminationStatus, standardOutput: String(decoding: stdout, as: UTF8.self),
                         standardError: String(decoding: stderr, as: UTF8.self))
        return (run, stdout)
    }
}

/// Reads a pipe to its end on a thread of its own.
private final class ErrorDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
