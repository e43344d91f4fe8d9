import ArgumentParser
import Dispatch
import FocalLoss
import FocalTraining
import Foundation

/// Timing the kernels: the synthetic inputs, the warm-up and the timed calls of `focal bench`.
extension Bench {
    /// The nanoseconds per element of the timed calls of one kind: median, fastest and slowest
    /// in wall-clock time, and the median and fastest in the process's CPU time (which leaves
    /// out the time the call waited for a processor another process held: on a loaded machine a
    /// wall-clock median well above the CPU-time median is the machine's doing, not the kernel's).
    struct Timing { var median: Double; var min: Double; var max: Double; var cpuMedian: Double; var cpuMin: Double }
    /// What one `focal bench` run measured, and on how many threads.
    struct BenchResult { var threads: Int; var forward: Timing; var forwardBackward: Timing }

    /// `1.234 (min 1.200, max 1.500)`.
    func format(_ timing: Timing) -> String {
        String(format: "%.3f (min %.3f, max %.3f)", timing.median, timing.min, timing.max)
    }

    /// Times the loss alone and the loss with its gradient on synthetic inputs of shape `dims`
    /// (seeded, so every run times the same values), after three warm-up calls of each.
    ///
    /// - Throws: A kernel's error, or a `ValidationError` if a loss is not finite.
    func measure<Scalar: FocalScalar>(_: Scalar.Type, _ dims: [Int]) throws -> BenchResult {
        let count = dims.reduce(1, *)
        var rng = SeededGenerator(seed: 42)  // fast and repeatable; the system generator made setup take seconds
        let logits = (0..<count).map { _ in Scalar(Double.random(in: -4...4, using: &rng)) }
        var gradient = [Scalar](repeating: 0, count: count)
        let threadCount = threading.threads ?? FocalThreading.defaultThreadCount
        let forward: () throws -> Scalar
        let forwardBackward: () throws -> Scalar
        switch kind {
        case .sigmoid:
            // 1% positives; the quality-target variants (qfl, vfl) get soft IoU targets for them.
            let soft = family.variant == .qfl || family.variant == .vfl
            let targets = (0..<count).map { _ in
                Double.random(in: 0..<1, using: &rng) < 0.01 ? Scalar(soft ? Double.random(in: 0.1...1, using: &rng) : 1) : 0
            }
            let focal: SigmoidFocalLoss<Scalar> = family.variant == .focal
                ? try SigmoidFocalLoss<Scalar>(gamma: Scalar(gamma ?? 2), alpha: 0.25, threads: threadCount)
                : try family.sigmoidLoss(gamma: gamma, alpha: nil, threads: threadCount)
            forward = { [unchecked] in
                try logits.withUnsafeBufferPointer { x in
                    try targets.withUnsafeBufferPointer { t in
                        unchecked ? try focal.uncheckedLossAndGradient(x, targets: t, gradient: nil)
                            : try focal.loss(x, targets: t)
                    }
                }
            }
            forwardBackward = { [unchecked] in
                try logits.withUnsafeBufferPointer { x in
                    try targets.withUnsafeBufferPointer { t in
                        try gradient.withUnsafeMutableBufferPointer { g in
                            unchecked ? try focal.uncheckedLossAndGradient(x, targets: t, gradient: g)
                                : try focal.lossAndGradient(x, targets: t, gradient: g)
                        }
                    }
                }
            }
        case .softmax:
            let classes = dims.last!
            let labels = (0..<(count / classes)).map { _ in Int32.random(in: 0..<Int32(classes), using: &rng) }
            let focal: SoftmaxFocalLoss<Scalar> = try family.softmaxLoss(gamma: gamma, alpha: nil, labelSmoothing: 0, threads: threadCount)
            let call = { [unchecked] (g: UnsafeMutableBufferPointer<Scalar>?) throws -> Scalar in
                try logits.withUnsafeBufferPointer { x in
                    try labels.withUnsafeBufferPointer { y in
                        unchecked ? try focal.uncheckedLossAndGradient(x, shape: dims, classAxis: -1, labels: y, gradient: g)
                            : try focal.lossAndGradient(x, shape: dims, classAxis: -1, labels: y, gradient: g)
                    }
                }
            }
            forward = { try call(nil) }
            forwardBackward = { try gradient.withUnsafeMutableBufferPointer { g in try call(g) } }
        }
        return BenchResult(threads: threadCount, forward: try timing(count: count) { Double(try forward()) },
                           forwardBackward: try timing(count: count) { Double(try forwardBackward()) })
    }

    /// The ns per element (of `count`) of `runs` timed calls of `body`, after three warm-up calls.
    ///
    /// - Throws: `body`'s error, or a `ValidationError` if a loss is not finite.
    func timing(count: Int, _ body: () throws -> Double) throws -> Timing {
        for _ in 0..<3 { _ = try body() }
        var samples = [Double](), cpuSamples = [Double]()
        samples.reserveCapacity(runs)
        cpuSamples.reserveCapacity(runs)
        for _ in 0..<runs {
            let cpuStart = Self.processCPUNanoseconds()
            let start = DispatchTime.now().uptimeNanoseconds
            let value = try body()
            let elapsed = DispatchTime.now().uptimeNanoseconds - start
            let cpuElapsed = Self.processCPUNanoseconds() - cpuStart
            guard value.isFinite else { throw ValidationError("the loss was not finite") }
            samples.append(Double(elapsed) / Double(count))
            cpuSamples.append(cpuElapsed / Double(count))
        }
        samples.sort()
        cpuSamples.sort()
        return Timing(median: samples[samples.count / 2], min: samples.first!, max: samples.last!,
                      cpuMedian: cpuSamples[cpuSamples.count / 2], cpuMin: cpuSamples.first!)
    }

    /// The CPU time of the process (all its threads) so far, in nanoseconds.
    static func processCPUNanoseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e9 + Double(time.tv_nsec)
    }
}
