import ArgumentParser

/// The `--threads` option's one rule, shared by every command that takes it.
enum ThreadCount {
    /// The most threads a command accepts: far above any machine's core count, and small enough
    /// that no input is split into absurdly many chunks or echoed back as a 19-digit count.
    static let maximum = 1024

    /// Throws a usage error unless `threads` (when given) is in `1...maximum`.
    static func validate(_ threads: Int?) throws {
        guard let threads else { return }
        guard (1...maximum).contains(threads) else {
            throw ValidationError("--threads: must be from 1 to \(maximum), got \(threads)")
        }
    }
}
