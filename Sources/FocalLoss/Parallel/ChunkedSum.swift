import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// How many threads the kernels may use.
public enum FocalThreading {
    /// The number of threads a loss uses when it is not told otherwise: the number of active
    /// processors.
    public static var defaultThreadCount: Int { max(1, activeProcessorCount()) }

    /// Below this many elements (sigmoid) or values (softmax, counting every class) a call runs
    /// on the calling thread:
    /// waking a second thread costs more than it saves on inputs this small (about 20 µs of
    /// work), so a 4096 x 1 input always takes the single-threaded path.
    public static let parallelThreshold = 1 << 16
}

/// The number of processors, without importing Foundation into the kernels.
func activeProcessorCount() -> Int {
    #if canImport(Glibc)
    return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    #else
    return 1
    #endif
}

/// A sum over `0..<count` split into a fixed set of chunks that does not depend on the number
/// of threads, so the result is bit-identical whatever `threads` is. Callers decide whether an
/// input is large enough for threads (see ``FocalThreading/parallelThreshold``), since only they
/// know how much work one item is.
///
/// The chunk boundaries depend only on `count` and `granularity`: at most 64 chunks of at least
/// `granularity` items. Each chunk's partial sum is computed by `body` on one thread, and the
/// partials are added in chunk order. Extra memory: 64 `Double`s.
func chunkedSum(count: Int, granularity: Int, threads: Int, _ body: (Range<Int>) -> Double) -> Double {
    let chunkCount = max(1, min(64, count / max(1, granularity)))
    let bounds = { @Sendable (chunk: Int) -> Int in Int((Int64(count) * Int64(chunk)) / Int64(chunkCount)) }
    let workers = min(max(1, threads), chunkCount)
    if workers == 1 {
        var total = 0.0
        for chunk in 0..<chunkCount { total += body(bounds(chunk)..<bounds(chunk + 1)) }
        return total
    }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: chunkCount) { partials in
        let base = partials.baseAddress!
        nonisolated(unsafe) let shared = base
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let work = body
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var chunk = worker
                while chunk < chunkCount {
                    shared[chunk] = work(bounds(chunk)..<bounds(chunk + 1))
                    chunk += workers
                }
            }
        }
        var total = 0.0
        for chunk in 0..<chunkCount { total += base[chunk] }
        return total
    }
}
