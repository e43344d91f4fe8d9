import Foundation

/// Stops the run as a crash, so that libFuzzer saves the input that broke an invariant.
///
/// A thrown error is an accepted outcome of a fuzz run (the code under test refused the input);
/// a broken promise (a NaN for finite input, a round trip that changes a value, two thread counts
/// that disagree) is a finding.
public func fuzzFailure(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    FileHandle.standardError.write(Data("fuzz invariant broken at \(file):\(line): \(message)\n".utf8))
    abort()
}

/// Checks one invariant of a fuzz run; see ``fuzzFailure(_:file:line:)``.
public func fuzzCheck(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() { fuzzFailure(message(), file: file, line: line) }
}
