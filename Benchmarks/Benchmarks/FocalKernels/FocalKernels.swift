import Benchmark
import FocalLoss

/// The shapes of the peer comparison (`compare.py`): a RetinaNet-sized sigmoid batch and two
/// softmax classification batches, float32, loss and gradient into a reused buffer, at 1 and 2
/// threads, plus the general-gamma path and a small input that must not pay for threading.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 50
    )

    for threads in [1, 2] {
        sigmoid(rows: 131_072, classes: 80, gamma: 2, threads: threads)
        softmax(rows: 262_144, classes: 80, threads: threads)
        softmax(rows: 65_536, classes: 1000, threads: threads)
    }
    sigmoid(rows: 131_072, classes: 80, gamma: 1.5, threads: 1)
    sigmoid(rows: 4096, classes: 1, gamma: 2, threads: 1)
    sigmoid(rows: 4096, classes: 1, gamma: 2, threads: 2)
}

/// Deterministic pseudo-random values, so every run times the same data.
struct Lcg {
    var state: UInt64
    mutating func next() -> Float {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Float(state >> 40) / Float(1 << 24)
    }
}

func sigmoid(rows: Int, classes: Int, gamma: Float, threads: Int) {
    let count = rows * classes
    var random = Lcg(state: 42)
    let logits = (0..<count).map { _ in random.next() * 8 - 4 }
    let targets = (0..<count).map { _ in random.next() < 0.01 ? Float(1) : 0 }
    var gradient = [Float](repeating: 0, count: count)
    let focal = try! SigmoidFocalLoss<Float>(gamma: gamma, alpha: 0.25, threads: threads)
    Benchmark("sigmoid \(rows)x\(classes) gamma \(gamma) loss+gradient, \(threads) thread(s)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try focal.lossAndGradient(logits, targets: targets, gradient: &gradient))
        }
    }
}

func softmax(rows: Int, classes: Int, threads: Int) {
    let count = rows * classes
    var random = Lcg(state: 7)
    let logits = (0..<count).map { _ in random.next() * 8 - 4 }
    let labels = (0..<rows).map { _ in Int32(random.next() * Float(classes)) % Int32(classes) }
    var gradient = [Float](repeating: 0, count: count)
    let focal = try! SoftmaxFocalLoss<Float>(gamma: 2, threads: threads)
    Benchmark("softmax \(rows)x\(classes) labels loss+gradient, \(threads) thread(s)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try focal.lossAndGradient(logits, shape: [rows, classes], classAxis: -1, labels: labels, gradient: &gradient))
        }
    }
}
