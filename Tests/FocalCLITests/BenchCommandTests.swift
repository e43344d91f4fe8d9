import ArgumentParser
@testable import FocalCLI
import Testing

@Suite("focal bench")
struct BenchCommandTests {
    @Test("Times both kernels on a small shape, in both precisions")
    func measures() throws {
        for arguments in [["--kind", "sigmoid", "--shape", "64x8"], ["--kind", "softmax", "--shape", "32x10", "--precision", "double"]] {
            let bench = try Bench.parse(arguments + ["--runs", "3", "--threads", "1"])
            let result = try bench.precision == .float ? bench.measure(Float.self, bench.parsedShape())
                : bench.measure(Double.self, bench.parsedShape())
            #expect(result.threads == 1)
            #expect(result.forward.median > 0 && result.forwardBackward.median > 0)
            #expect(result.forward.min <= result.forward.median && result.forward.median <= result.forward.max)
            // The CPU-time figures: positive and ordered.
            for timing in [result.forward, result.forwardBackward] {
                #expect(timing.cpuMin > 0 && timing.cpuMin <= timing.cpuMedian)
            }
        }
    }

    @Test("--precision half times the Float16 entry points", arguments: ["sigmoid", "softmax"])
    func measuresHalf(kind: String) throws {
        let bench = try Bench.parse(["--kind", kind, "--shape", "32x10", "--precision", "half", "--runs", "3", "--threads", "1"])
        let result = try bench.measureHalf(bench.parsedShape())
        #expect(result.forward.median > 0 && result.forwardBackward.median > 0)
    }

    @Test("Bad options are usage errors naming the option", arguments: [
        (["--shape", "12xx4"], "--shape"), (["--shape", "0x4"], "--shape"), (["--kind", "softmax", "--shape", "100"], "--shape"),
        (["--runs", "0"], "--runs"), (["--threads", "0"], "--threads"), (["--gamma", "-1"], "--gamma"),
        // Issue 19.2: shapes whose size overflows, or that would not fit in memory, before any allocation.
        (["--shape", "4294967296x4294967296"], "--shape"), (["--shape", "1000000000x80"], "--shape"),
        (["--shape", "1000000000x80", "--precision", "double"], "--shape"),
        // Issue 19.8: an absurd thread count is rejected, not echoed.
        (["--threads", "9223372036854775807"], "--threads: must be from 1 to 1024"), (["--threads", "1025"], "--threads"),
        (["--unchecked", "--precision", "half"], "--unchecked"),
    ])
    func badOptions(arguments: [String], option: String) {
        do {
            _ = try Bench.parse(arguments)
            Issue.record("\(arguments) should be rejected")
        } catch {
            let message = Bench.message(for: error)
            #expect(message.contains(option), "\(message)")
            #expect(Bench.exitCode(for: error) == .validationFailure)
        }
    }
}
