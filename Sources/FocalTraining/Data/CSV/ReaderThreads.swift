import Foundation

/// How many threads the CSV reader splits its work across: the processors this process may run
/// on (one when it is pinned to one core, as by `taskset -c 0`), at most eight.
enum ReaderThreads {
    /// The number of threads, from 1 to 8.
    static let count: Int = min(8, max(1, allowedProcessors() ?? ProcessInfo.processInfo.activeProcessorCount))

    /// The processors in this process's affinity mask: the bits of the `Cpus_allowed` line of
    /// `/proc/self/status` (Linux); `nil` where there is none.
    private static func allowedProcessors() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else { return nil }
        var count = 0
        for character in line.dropFirst("Cpus_allowed:".count) {
            if let digit = character.hexDigitValue { count += digit.nonzeroBitCount }
        }
        return count > 0 ? count : nil
    }
}
