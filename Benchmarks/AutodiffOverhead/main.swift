#if canImport(_Differentiation)
// Times the autodiff path of the focal losses against the direct call of the fused kernel.
//
//     swift build -c release --product AutodiffOverhead
//     .build/release/AutodiffOverhead [--count 1000000] [--runs 41] [--threads N]
//
// For each loss it times, in interleaved rounds (after a warm-up):
//   kernel           try focal.lossAndGradient(x, ...)                      (allocates the gradient)
//   kernel, reused   try focal.lossAndGradient(x, ..., gradient: &buffer)   (allocates nothing)
//   autodiff         valueWithGradient(at: x) { x in focal(x, ...) }
// and prints the median and minimum ns per element, and the ratio of the autodiff median to
// each kernel median. Only ratios within one run mean anything on a shared machine.

import _Differentiation
import FocalDifferentiation
import FocalLoss
import FocalTraining

struct Options {
    var count = 1_000_000
    var runs = 41
    var threads: Int?

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next().flatMap(Int.init), value > 0 else {
                fatalError("usage: AutodiffOverhead [--count N] [--runs N] [--threads N]; bad value after \(flag)")
            }
            switch flag {
            case "--count": count = value
            case "--runs": runs = value
            case "--threads": threads = value
            default: fatalError("unknown option \(flag)")
            }
        }
    }
}

/// Times each of `paths` `runs` times in interleaved rounds and prints a table.
func compare(_ title: String, elements: Int, runs: Int, _ paths: [(name: String, body: () -> Float)]) {
    var sink: Float = 0
    for path in paths { for _ in 0..<3 { sink += path.body() } }
    var samples = [[Double]](repeating: [], count: paths.count)
    let clock = ContinuousClock()
    for round in 0..<runs {
        for offset in paths.indices {
            let index = (offset + round) % paths.count
            let start = clock.now
            sink += paths[index].body()
            let elapsed = start.duration(to: clock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            samples[index].append(seconds * 1e9 / Double(elapsed == .zero ? 1 : elements))
        }
    }
    let medians = samples.map { $0.sorted()[$0.count / 2] }
    print("\n\(title): \(elements) elements, \(runs) runs (checksum \(sink))")
    print("path".padding(16) + "median ns/elem".padding(16, left: true) + "min ns/elem".padding(14, left: true))
    for index in paths.indices {
        print(paths[index].name.padding(16)
              + format(medians[index]).padding(16, left: true)
              + format(samples[index].min()!).padding(14, left: true))
    }
    let autodiff = medians[paths.count - 1]
    for index in 0..<(paths.count - 1) {
        print("autodiff / \(paths[index].name): \(format(autodiff / medians[index]))x")
    }
}

func format(_ value: Double) -> String {
    let scaled = (value * 1000).rounded() / 1000
    return "\(scaled)"
}

extension String {
    func padding(_ width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - count))
        return left ? fill + self : self + fill
    }
}

let options = Options(CommandLine.arguments)
var generator = SeededGenerator(seed: 42)  // the toolkit's: the same inputs on every run
let n = options.count

// Sigmoid: logits uniform in [-4, 4], about 1% positives, gamma 2, alpha 0.25, mean.
let logits = (0..<n).map { _ in Float.random(in: -4...4, using: &generator) }
let targets = (0..<n).map { _ in Float.random(in: 0..<1, using: &generator) < 0.01 ? Float(1) : 0 }
let sigmoid = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25, threads: options.threads)
var sigmoidBuffer = [Float]()
compare("sigmoid focal loss, Float", elements: n, runs: options.runs, [
    ("kernel", {
        let (loss, gradient) = try! sigmoid.lossAndGradient(logits, targets: targets)
        return loss + gradient[n / 2]
    }),
    ("kernel, reused", {
        let loss = try! sigmoid.lossAndGradient(logits, targets: targets, gradient: &sigmoidBuffer)
        return loss + sigmoidBuffer[n / 2]
    }),
    ("autodiff", {
        let (loss, gradient) = valueWithGradient(at: logits) { x in sigmoid(x, targets: targets) }
        return loss + gradient.base[n / 2]
    }),
])

// Softmax: rows of 80 classes (class last), uniform labels, gamma 2, mean.
let classes = 80
let rows = max(1, n / classes)
let scores = (0..<(rows * classes)).map { _ in Float.random(in: -4...4, using: &generator) }
let labels = (0..<rows).map { _ in Int32.random(in: 0..<Int32(classes), using: &generator) }
let softmax = try SoftmaxFocalLoss<Float>(gamma: 2, threads: options.threads)
let shape = [rows, classes]
var softmaxBuffer = [Float]()
compare("softmax focal loss, Float, \(rows) x \(classes)", elements: rows * classes, runs: options.runs, [
    ("kernel", {
        let (loss, gradient) = try! softmax.lossAndGradient(scores, shape: shape, classAxis: -1, labels: labels)
        return loss + gradient[rows]
    }),
    ("kernel, reused", {
        let loss = try! softmax.lossAndGradient(scores, shape: shape, classAxis: -1, labels: labels, gradient: &softmaxBuffer)
        return loss + softmaxBuffer[rows]
    }),
    ("autodiff", {
        let (loss, gradient) = valueWithGradient(at: scores) { x in
            softmax(x, shape: shape, classAxis: -1, labels: labels)
        }
        return loss + gradient.base[rows]
    }),
])
#else
print("This benchmark needs a toolchain with Swift automatic differentiation (_Differentiation).")
#endif
