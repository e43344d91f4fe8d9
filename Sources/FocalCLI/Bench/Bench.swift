import ArgumentParser
import FocalLoss
import Foundation

/// `focal bench`: times the fused kernels on synthetic data.
struct Bench: ParsableCommand, ThreadsHelp {
    static let configuration = CommandConfiguration(
        abstract: "Time the focal-loss kernels: loss only, and loss with gradient, in ns per element.",
        discussion: """
            Fills logits with values in [-4, 4] and targets with about 1% positives (sigmoid) or \
            uniform labels (softmax), warms up, then times repeated calls and prints the median \
            and the spread (min, max) of ns per element. The gradient goes into one buffer reused \
            across calls, as a training loop would. Compare implementations only within one run: \
            absolute times on shared machines are noise.
            """
    )

    /// A kernel call splits its input across threads.
    static let threadsHelp = "The most threads a call may use (default: one per processor)."

    enum Kind: String, ExpressibleByArgument, CaseIterable { case sigmoid, softmax }
    enum Precision: String, ExpressibleByArgument, CaseIterable { case float, double, half }

    @Option(help: "The loss: sigmoid or softmax.")
    var kind: Kind = .sigmoid

    @Option(help: "The input shape, e.g. 131072x80 (softmax: the class axis is the last).")
    var shape: String = "131072x80"

    @OptionGroup var threading: ThreadOptions<Bench>

    @Option(parsing: .unconditional, help: "The focusing parameter gamma (default: the variant's, 2; softmax poly1 0).")
    var gamma: Double?

    @OptionGroup var family: VariantOptions

    @Option(help: "The precision: float, double, or half (Float16 logits, targets and gradient, computed in float).")
    var precision: Precision = .float

    @Option(parsing: .unconditional, help: "The number of timed calls of each kind.")
    var runs: Int = 20

    @Flag(help: "Skip the argument scans (the unchecked entry points).")
    var unchecked = false

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
        if unchecked && precision == .half {
            throw ValidationError("--unchecked has no --precision half form: the Float16 entry points always check")
        }
        try ThreadCount.validate(threading.threads)
        if let gamma, !(gamma.isFinite && gamma >= 0) { throw ValidationError("--gamma must be finite and >= 0, got \(gamma)") }
        try family.validate(gammaGiven: gamma != nil, alphaGiven: false, softmax: kind == .softmax)
        do {
            switch kind {
            case .sigmoid: let _: SigmoidFocalLoss<Double> = try family.sigmoidLoss(gamma: gamma, alpha: nil, threads: nil)
            case .softmax: let _: SoftmaxFocalLoss<Double> = try family.softmaxLoss(gamma: gamma, alpha: nil, labelSmoothing: 0, threads: nil)
            }
        } catch {
            throw VariantOptions.usageError(error)
        }
        _ = try parsedShape()
    }

    func parsedShape() throws -> [Int] {
        let parts = shape.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw ValidationError("--shape must be positive sizes joined by 'x', like 131072x80; got '\(shape)'")
        }
        let dims = parts.map { $0! }
        if kind == .softmax, dims.count < 2 {
            throw ValidationError("--shape for softmax needs a class axis, like 262144x80; got '\(shape)'")
        }
        // Three arrays of the shape's size (logits, gradient, targets or labels), checked for
        // overflow and against the machine's memory before anything is allocated.
        let scalarSize = switch precision { case .double: 8; case .float: 4; case .half: 2 }
        var bytes = 3 * scalarSize
        for size in dims {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: size)
            guard !overflow else { throw ValidationError("--shape '\(shape)' has more elements than can be addressed") }
            bytes = product
        }
        let memory = ProcessInfo.processInfo.physicalMemory
        guard UInt64(bytes) < memory else {
            throw ValidationError("--shape '\(shape)' needs about \(Self.gigabytes(bytes)) of memory (three arrays of "
                + "\(bytes / (3 * scalarSize)) values), more than this machine's \(Self.gigabytes(Int(clamping: memory)))")
        }
        return dims
    }

    static func gigabytes(_ bytes: Int) -> String {
        String(format: "%.1f GB", Double(bytes) / 1e9)
    }

    func run() throws {
        let dims = try parsedShape()
        let result: BenchResult = switch precision {
        case .float: try measure(Float.self, dims)
        case .double: try measure(Double.self, dims)
        case .half: try measureHalf(dims)
        }
        if json {
            let object: [String: Any] = [
                "kind": kind.rawValue, "shape": dims, "threads": result.threads, "precision": precision.rawValue,
                "gamma": gamma ?? family.variant.defaultValue(.gamma, softmax: kind == .softmax) ?? NSNull(),
                "variant": family.variant.rawValue, "unchecked": unchecked,
                "forward_ns_per_element": result.forward.median, "forward_min": result.forward.min, "forward_max": result.forward.max,
                "forward_backward_ns_per_element": result.forwardBackward.median,
                "forward_backward_min": result.forwardBackward.min, "forward_backward_max": result.forwardBackward.max,
                "forward_cpu_ns_per_element": result.forward.cpuMedian, "forward_cpu_min": result.forward.cpuMin,
                "forward_backward_cpu_ns_per_element": result.forwardBackward.cpuMedian,
                "forward_backward_cpu_min": result.forwardBackward.cpuMin,
                "runs": runs,
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        } else {
            print("\(kind.rawValue) \(dims.map(String.init).joined(separator: "x")) \(precision.rawValue) \(family.variant.rawValue)\(gamma.map { " gamma \($0)" } ?? ""), \(result.threads) thread(s), \(runs) runs")
            print("  loss only:       \(format(result.forward)) ns/element")
            print("  loss + gradient: \(format(result.forwardBackward)) ns/element")
        }
    }
}
