import FocalLoss
import FocalTraining

/// `focal bench --precision half`: `Float16` logits, targets and gradient, computed in `Float`.
extension Bench {
    /// Times the `Float16` entry points on the inputs of ``measure(_:_:)``, rounded to `Float16`.
    ///
    /// - Throws: A kernel's error, or a `ValidationError` if a loss is not finite.
    func measureHalf(_ dims: [Int]) throws -> BenchResult {
        let count = dims.reduce(1, *)
        var rng = SeededGenerator(seed: 42)
        let logits = (0..<count).map { _ in Float16(Double.random(in: -4...4, using: &rng)) }
        var gradient = [Float16](repeating: 0, count: count)
        let threadCount = threading.threads ?? FocalThreading.defaultThreadCount
        let call: (UnsafeMutableBufferPointer<Float16>?) throws -> Float
        switch kind {
        case .sigmoid:
            let targets = (0..<count).map { _ in Float16(Double.random(in: 0..<1, using: &rng) < 0.01 ? 1 : 0) }
            let focal: SigmoidFocalLoss<Float> = family.variant == .focal
                ? try SigmoidFocalLoss<Float>(gamma: Float(gamma ?? 2), alpha: 0.25, threads: threadCount)
                : try family.sigmoidLoss(gamma: gamma, alpha: nil, threads: threadCount)
            call = { g in
                try logits.withUnsafeBufferPointer { x in
                    try targets.withUnsafeBufferPointer { t in try focal.lossAndGradient(x, targets: t, gradient: g) }
                }
            }
        case .softmax:
            let classes = dims.last!
            let labels = (0..<(count / classes)).map { _ in Int32.random(in: 0..<Int32(classes), using: &rng) }
            let focal: SoftmaxFocalLoss<Float> = try family.softmaxLoss(gamma: gamma, alpha: nil, labelSmoothing: 0, threads: threadCount)
            call = { g in
                try logits.withUnsafeBufferPointer { x in
                    try labels.withUnsafeBufferPointer { y in
                        try focal.lossAndGradient(x, shape: dims, classAxis: -1, labels: y, gradient: g)
                    }
                }
            }
        }
        return BenchResult(
            threads: threadCount, forward: try timing(count: count) { Double(try call(nil)) },
            forwardBackward: try timing(count: count) {
                Double(try gradient.withUnsafeMutableBufferPointer { g in try call(g) })
            })
    }
}
