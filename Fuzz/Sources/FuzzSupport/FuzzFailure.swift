import Foundation

/// Stops the run as a crash, so that libFuzzer saves the input that broke an invariant.
///
/// A thrown error is an accepted outcome of a fuzz run (the code under test refused the input);
/// a broken promise (a NaN for finite input, a round trip that changes a value, two thread counts
/// that disagree) is a finding.
public func fuzzFailure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    FileHandle.standardError.write(Data("fuzz invariant broken at \(file):\(line): \(message)\n".utf8))
    if let context = FuzzContext.current {
        FileHandle.standardError.write(Data("the input: \(context())\n".utf8))
    }
    abort()
}

/// Checks one invariant of a fuzz run; see ``fuzzFailure(_:file:line:)``.
public func fuzzCheck(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() { fuzzFailure(message(), file: file, line: line) }
}

/// What the current run is working on, described for a report when an invariant breaks.
public enum FuzzContext {
    /// Describes the run's input (set by a target at the start of each run; `nil` for none).
    nonisolated(unsafe) public static var current: (() -> String)?
}
