import FocalLoss
import Foundation
import PropertyBased
import Testing

/// Invariants that must hold for every valid input, checked on random inputs (with shrinking to
/// a small failing case, and a seed to replay it): for finite input the loss is never NaN or
/// negative, and infinite only where the exact value (worked out in `Double`) is beyond `Float`'s
/// range; the gradient is never NaN; the reductions agree (`none` summed is `sum`, and `mean`
/// divides it by the count or the weights' sum); the result does not depend on the number of
/// threads. The reference tests check the values themselves.
@Suite("Loss properties")
struct LossPropertyTests {
    /// Logits: mostly moderate, sometimes saturated or huge (every one finite).
    static let logit = zip(Gen.int(in: 0...7), Gen.float(in: -30...30)).map { (kind: Int, value: Float) -> Float in
        switch kind {
        case 0: return value * 1e4
        case 1: return value > 0 ? 3e38 : -3e38
        case 2: return value.rounded() * 100
        default: return value
        }
    }

    /// Probabilities: anywhere in [0, 1], sometimes exactly 0 or 1 or within an ulp of them.
    static let probability = zip(Gen.int(in: 0...5), Gen.float(in: 0...1)).map { (kind: Int, value: Float) -> Float in
        switch kind {
        case 0: return value < 0.5 ? 0 : 1
        case 1: return value < 0.5 ? Float.leastNonzeroMagnitude : 1 - Float.ulpOfOne / 2
        default: return value
        }
    }

    /// One element: prediction, target (hard or soft) and weight.
    static func element(
        _ prediction: Generator<Float, some SendableSequenceType>, hard: Bool
    ) -> Generator<(Float, Float, Float), some SendableSequenceType> {
        zip(prediction, Gen.float(in: 0...1).map { hard ? ($0 < 0.5 ? 0 : 1) : $0 }, Gen.float(in: 0...3))
    }

    /// Whether a `Float` result is as finite as it can be: not NaN, and infinite only where the
    /// exact value is beyond `Float`'s range (``FocalReduction`` documents that).
    static func isSound(_ value: Float, exact: Double) -> Bool {
        !value.isNaN && (value.isFinite || abs(exact) > Double(Float.greatestFiniteMagnitude))
    }

    /// What a reduced loss may overflow by: the exact reduced value, or the largest exact element
    /// loss when that is larger (each element's loss is computed in the scalar type).
    static func worst(_ reduced: Double, _ elements: [Double]) -> Double {
        max(abs(reduced), elements.map(abs).max() ?? 0)
    }

    /// The mean's denominator: the count, or with weights their sum.
    static func meanDenominator(count: Int, weights: [Double]?) -> Double {
        weights.map { $0.reduce(0, +) } ?? Double(count)
    }

    static let gamma = zip(Gen.int(in: 0...3), Gen.float(in: 0...5)).map { (kind: Int, value: Float) -> Float in
        kind == 0 ? [0, 0.5, 1, 2][Int(value) % 4] : value
    }

    // MARK: Finite and non-negative

    @Test("Sigmoid: for finite input, a non-negative loss, finite but for overflow, and a gradient without NaN")
    func sigmoidFinite() async {
        await propertyCheck(
            count: 300, input: Self.element(Self.logit, hard: true).array(of: 1...40), Self.gamma, Gen.float(in: 0...1), Gen.bool
        ) { elements, gamma, alpha, soft in
            let x = elements.map(\.0)
            let t = soft ? elements.map { $0.1 * 0.5 + 0.25 } : elements.map(\.1)
            let w = elements.map(\.2)
            for input in PredictionKind.allCases {
                let focal = try SigmoidFocalLoss<Float>(gamma: gamma, alpha: .constant(alpha), input: input)
                let predictions = input == .logits ? x : x.map { 1 / (1 + exp(-min(max($0, -80), 80))) }
                let (loss, gradient) = try focal.lossAndGradient(predictions, targets: t, weights: w)
                let losses = try focal.elementwiseLosses(predictions, targets: t, weights: w)
                let exact = try SigmoidFocalLoss<Double>(gamma: Double(gamma), alpha: .constant(Double(alpha)), input: input)
                    .elementwiseLosses(predictions.map(Double.init), targets: t.map(Double.init), weights: w.map(Double.init))
                let exactMean = exact.reduce(0, +) / Self.meanDenominator(count: exact.count, weights: w.map(Double.init))
                #expect(Self.isSound(loss, exact: Self.worst(exactMean, exact)) && loss >= 0, "loss \(loss) for \(input), exactly \(exactMean)")
                #expect(!gradient.contains { $0.isNaN }, "gradient for \(input)")
                #expect(zip(losses, exact).allSatisfy { Self.isSound($0, exact: $1) && $0 >= 0 }, "element losses for \(input)")
            }
        }
    }

    @Test("Sigmoid probabilities at and next to 0 and 1: finite, non-negative, in Float and Double")
    func sigmoidProbabilityEdges() async {
        await propertyCheck(count: 200, input: Self.element(Self.probability, hard: true).array(of: 1...40), Self.gamma) { elements, gamma in
            let p = elements.map(\.0), t = elements.map(\.1), w = elements.map(\.2)
            let single = try SigmoidFocalLoss<Float>(gamma: gamma, input: .probabilities)
                .lossAndGradient(p, targets: t, weights: w, reduction: .sum)
            let double = try SigmoidFocalLoss<Double>(gamma: Double(gamma), input: .probabilities)
                .lossAndGradient(p.map(Double.init), targets: t.map(Double.init), weights: w.map(Double.init), reduction: .sum)
            #expect(single.loss.isFinite && single.loss >= 0 && single.gradient.allSatisfy(\.isFinite))
            #expect(double.loss.isFinite && double.loss >= 0 && double.gradient.allSatisfy(\.isFinite))
        }
    }

    @Test("Softmax with labels: a non-negative loss, finite but for overflow, a gradient without NaN, with and without label smoothing")
    func softmaxFinite() async {
        let smoothing = zip(Gen.bool, Gen.float(in: 0...0.9)).map { (smooth: Bool, value: Float) in smooth ? value : 0 }
        await propertyCheck(
            count: 300, input: Gen.int(in: 1...6), Self.logit.array(of: 6 * 12), Gen.int(in: 0...1000).array(of: 12),
            Self.gamma, smoothing
        ) { classes, pool, labelPool, gamma, smoothing in
            let rows = 12
            let x = Array(pool.prefix(rows * classes))
            let labels = labelPool.map { Int32($0 % classes) }
            let focal = try SoftmaxFocalLoss<Float>(gamma: gamma, labelSmoothing: smoothing)
            let (loss, gradient) = try focal.lossAndGradient(x, shape: [rows, classes], classAxis: -1, labels: labels)
            let losses = try focal.elementwiseLosses(x, shape: [rows, classes], classAxis: -1, labels: labels)
            let exact = try SoftmaxFocalLoss<Double>(gamma: Double(gamma), labelSmoothing: Double(smoothing))
                .elementwiseLosses(x.map(Double.init), shape: [rows, classes], classAxis: -1, labels: labels)
            let exactMean = exact.reduce(0, +) / Double(rows)
            #expect(Self.isSound(loss, exact: Self.worst(exactMean, exact)) && loss >= 0, "loss \(loss), exactly \(exactMean)")
            #expect(!gradient.contains { $0.isNaN })
            #expect(zip(losses, exact).allSatisfy { Self.isSound($0, exact: $1) && $0 >= 0 })
        }
    }

    // MARK: Reductions

    @Test("Sigmoid: the element losses add up to the sum, and the mean is the sum over the weights' sum")
    func sigmoidReductions() async {
        await propertyCheck(count: 300, input: Self.element(Gen.float(in: -12...12), hard: false).array(of: 1...60), Self.gamma) { elements, gamma in
            let x = elements.map { Double($0.0) }, t = elements.map { Double($0.1) }, w = elements.map { Double($0.2) }
            let focal = try SigmoidFocalLoss<Double>(gamma: Double(gamma))
            let losses = try focal.elementwiseLosses(x, targets: t, weights: w)
            let (sum, sumGradient) = try focal.lossAndGradient(x, targets: t, weights: w, reduction: .sum)
            let (mean, meanGradient) = try focal.lossAndGradient(x, targets: t, weights: w, reduction: .mean)
            let elementwise = try focal.elementwiseLossesAndGradient(x, targets: t, weights: w)
            let total = losses.reduce(0, +)
            #expect(abs(sum - total) <= 1e-12 * total)
            let denominator = Self.meanDenominator(count: x.count, weights: w)
            // Every weight 0: nothing is counted and the mean is 0.
            let expectedMean = denominator > 0 ? sum / denominator : 0
            #expect(abs(mean - expectedMean) <= 1e-12 * mean)
            for index in x.indices {
                #expect(abs(sumGradient[index] - elementwise.gradient[index]) <= 1e-12 * abs(elementwise.gradient[index]))
                let expected = denominator > 0 ? sumGradient[index] / denominator : 0
                #expect(abs(meanGradient[index] - expected) <= 1e-12 * abs(expected) + 1e-300)
            }
        }
    }

    @Test("Softmax: position losses add up to the sum; the mean divides by the positions not ignored")
    func softmaxReductions() async {
        await propertyCheck(count: 300, input: Gen.int(in: 2...5), Gen.float(in: -12...12).array(of: 5 * 16), Gen.int(in: 0...1000).array(of: 16), Self.gamma) {
            classes, pool, labelPool, gamma in
            let rows = 16
            let x = pool.prefix(rows * classes).map(Double.init)
            // Label `classes` is the ignored one: some positions drop out of the mean.
            let labels = labelPool.map { Int16($0 % (classes + 1)) }
            let kept = labels.filter { Int($0) != classes }.count
            let focal = try SoftmaxFocalLoss<Double>(gamma: Double(gamma))
            let losses = try focal.elementwiseLosses(x, shape: [rows, classes], classAxis: -1, labels: labels, ignoreIndex: classes)
            let sum = try focal.loss(x, shape: [rows, classes], classAxis: -1, labels: labels, ignoreIndex: classes, reduction: .sum)
            let mean = try focal.loss(x, shape: [rows, classes], classAxis: -1, labels: labels, ignoreIndex: classes, reduction: .mean)
            let total = losses.reduce(0, +)
            #expect(zip(losses, labels).allSatisfy { Int($1) != classes || $0 == 0 }, "an ignored position has a loss")
            #expect(abs(sum - total) <= 1e-12 * total)
            if kept > 0 { #expect(abs(mean - sum / Double(kept)) <= 1e-12 * mean) }
        }
    }

    // MARK: Threads

    /// A pattern tiled to a length that runs on several threads.
    static func tiled<T>(_ pattern: [T], to count: Int) -> [T] {
        (0..<count).map { pattern[$0 % pattern.count] }
    }

    @Test("Sigmoid: 1, 2 and 4 threads give the same bits on random inputs, Float and Double")
    func sigmoidThreads() async {
        await propertyCheck(count: 12, input: Self.element(Self.logit, hard: false).array(of: 1...97), Self.gamma) { pattern, gamma in
            let count = FocalThreading.parallelThreshold + 4099
            let x = Self.tiled(pattern.map(\.0), to: count), t = Self.tiled(pattern.map(\.1), to: count)
            let w = Self.tiled(pattern.map(\.2), to: count)
            let floats = try [1, 2, 4].map { threads in
                try SigmoidFocalLoss<Float>(gamma: gamma, threads: threads).lossAndGradient(x, targets: t, weights: w)
            }
            let doubles = try [1, 2, 4].map { threads in
                try SigmoidFocalLoss<Double>(gamma: Double(gamma), threads: threads)
                    .loss(x.map(Double.init), targets: t.map(Double.init), weights: w.map(Double.init), reduction: .sum)
            }
            for result in floats.dropFirst() {
                #expect(result.loss.bitPattern == floats[0].loss.bitPattern)
                #expect(result.gradient.map(\.bitPattern) == floats[0].gradient.map(\.bitPattern))
            }
            #expect(doubles.allSatisfy { $0.bitPattern == doubles[0].bitPattern })
        }
    }

    @Test("Softmax: 1, 2 and 4 threads give the same bits on random inputs, both class axes")
    func softmaxThreads() async {
        await propertyCheck(count: 8, input: Gen.int(in: 2...9), Self.logit.array(of: 1...200), Self.gamma) { classes, pattern, gamma in
            let rows = FocalThreading.parallelThreshold / classes + 301
            let x = Self.tiled(pattern, to: rows * classes)
            let labels = (0..<rows).map { UInt8(($0 * 7 + 3) % classes) }
            for (shape, axis) in [([rows, classes], -1), ([1, classes, rows], 1)] {
                let results = try [1, 2, 4].map { threads in
                    try SoftmaxFocalLoss<Float>(gamma: gamma, threads: threads)
                        .lossAndGradient(x, shape: shape, classAxis: axis, labels: labels)
                }
                for result in results.dropFirst() {
                    #expect(result.loss.bitPattern == results[0].loss.bitPattern, "axis \(axis)")
                    #expect(result.gradient.map(\.bitPattern) == results[0].gradient.map(\.bitPattern), "axis \(axis)")
                }
            }
        }
    }
}
