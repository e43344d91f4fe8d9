import Foundation
import FocalLoss
import FocalTestSupport
import Testing

/// The `Double` vector kernels across the whole range of logits, against `Float80` references in
/// stable textbook forms (the random and reference-case suites cover moderate logits and every
/// option; these reach the ends of the polynomial `exp` and `log`).
@Suite("Double vector kernels: the whole range of logits against Float80")
struct DoubleVectorKernelTests {
    static let gammas: [Double] = [0, 0.5, 1, 1.5, 2, 3, 5]

    /// `m^γ` for a γ other than 0 to 3 is `exp(γ·log m)`: an error of an ulp in `log m` (about
    /// `|x|` for a hard target) is multiplied by `γ·|x|`.
    static func rtol(gamma: Double, logit: Double) -> Double {
        1e-13 + ([0, 1, 2, 3].contains(gamma) ? 0 : 2.3e-16 * gamma * abs(logit))
    }

    @Test("Sigmoid: losses and gradient from -800 to 800, hard and soft targets", arguments: gammas)
    func sigmoidWholeRange(gamma: Double) throws {
        // 1001 logits, steps of 1.6 (not a whole number of vectors, so the partial one is hit
        // too): e^-|x| crosses Double's normal range at about -708 and its subnormal range at
        // about -745.
        let x = (0..<1001).map { -800 + 1.6 * Double($0) }
        for alpha in [nil, 0.25] {
            let focal = try SigmoidFocalLoss<Double>(gamma: gamma, alpha: alpha.map { .constant($0) } ?? .none)
            for t in [0, 1, 0.25, 0.9] {
                let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, targets: [Double](repeating: t, count: x.count))
                for (index, logit) in x.enumerated() {
                    let f = { (v: Float80) in
                        ExtendedReference.sigmoidLossAnyLogit(x: v, t: Float80(t), gamma: Float80(gamma), alpha: alpha.map { Float80($0) })
                    }
                    let what = "x \(logit) t \(t) gamma \(gamma) alpha \(alpha.map { "\($0)" } ?? "none")"
                    expectClose(losses[index], Double(f(Float80(logit))), rtol: Self.rtol(gamma: gamma, logit: logit),
                                atol: 1e-320, what)
                    let derivative = Double(ExtendedReference.derivative(at: Float80(logit), step: 1e-3, f))
                    expectClose(gradient[index], derivative, rtol: 1e-9, atol: 1e-300, "gradient, \(what)")
                }
            }
        }
    }

    /// Random softmax logits of the given spread, labels and the reference per position.
    struct SoftmaxProblem {
        var positions: Int, classes: Int
        var logits: [[Double]]  // per position, class-last
        var labels: [Int]

        init(positions: Int, classes: Int, spread: Double, seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            self.positions = positions
            self.classes = classes
            logits = (0..<positions).map { _ in (0..<classes).map { _ in Double.random(in: -spread...spread, using: &rng) } }
            labels = (0..<positions).map { _ in Int.random(in: 0..<classes, using: &rng) }
            // Some labels on the row's maximum, where 1 - p_y is smallest.
            for p in stride(from: 0, to: positions, by: 3) {
                labels[p] = logits[p].indices.max { logits[p][$0] < logits[p][$1] }!
            }
        }

        func referenceLoss(_ p: Int, gamma: Double, z: [Float80]? = nil) -> Float80 {
            ExtendedReference.softmaxLabelLossAnyLogits(
                z: z ?? logits[p].map { Float80($0) }, label: labels[p], gamma: Float80(gamma), classWeight: 1)
        }

        func referenceGradient(_ p: Int, _ c: Int, gamma: Double) -> Double {
            return Double(ExtendedReference.partialDerivative(at: logits[p].map { Float80($0) }, c) {
                referenceLoss(p, gamma: gamma, z: $0)
            })
        }
    }

    static let softmaxCases: [(gamma: Double, spread: Double)] = [
        (0, 1), (2, 1), (0.5, 30), (2, 30), (1.5, 300), (3, 300), (2, 3000),
    ]

    @Test("Softmax rows (class-last): losses and gradient for logit spreads up to ±3000", arguments: 0..<7)
    func softmaxRows(index: Int) throws {
        let (gamma, spread) = Self.softmaxCases[index]
        let problem = SoftmaxProblem(positions: 11, classes: 83, spread: spread, seed: UInt64(40 + index))
        let focal = try SoftmaxFocalLoss<Double>(gamma: gamma)
        let (losses, gradient) = try focal.elementwiseLossesAndGradient(
            problem.logits.flatMap { $0 }, shape: [problem.positions, problem.classes], classAxis: -1, labels: problem.labels)
        for p in 0..<problem.positions {
            let what = "gamma \(gamma) spread \(spread) position \(p)"
            expectClose(losses[p], Double(problem.referenceLoss(p, gamma: gamma)), rtol: 1e-12, atol: 1e-300, what)
            let scale = (0..<problem.classes).map { abs(gradient[p * problem.classes + $0]) }.max()!
            for c in Set([0, problem.labels[p], problem.classes - 1, (p * 7) % problem.classes]) {
                expectClose(gradient[p * problem.classes + c], problem.referenceGradient(p, c, gamma: gamma),
                            rtol: 1e-9, atol: 1e-9 * scale + 1e-300, "gradient class \(c), \(what)")
            }
        }
    }

    @Test("Softmax columns (channels-first): losses and gradient for logit spreads up to ±3000", arguments: 0..<7)
    func softmaxColumns(index: Int) throws {
        let (gamma, spread) = Self.softmaxCases[index]
        // Shape (2, 13, 9): 9 positions per class row, two vectors of 4 lanes and one left over.
        let (n, classes, inner) = (2, 13, 9)
        let problem = SoftmaxProblem(positions: n * inner, classes: classes, spread: spread, seed: UInt64(60 + index))
        var x = [Double](repeating: 0, count: n * classes * inner)
        for p in 0..<problem.positions {
            let (o, j) = p.quotientAndRemainder(dividingBy: inner)
            for c in 0..<classes { x[(o * classes + c) * inner + j] = problem.logits[p][c] }
        }
        let focal = try SoftmaxFocalLoss<Double>(gamma: gamma)
        let (losses, gradient) = try focal.elementwiseLossesAndGradient(
            x, shape: [n, classes, inner], classAxis: 1, labels: problem.labels)
        for p in 0..<problem.positions {
            let what = "gamma \(gamma) spread \(spread) position \(p)"
            expectClose(losses[p], Double(problem.referenceLoss(p, gamma: gamma)), rtol: 1e-12, atol: 1e-300, what)
            let (o, j) = p.quotientAndRemainder(dividingBy: inner)
            let entry = { (c: Int) in gradient[(o * classes + c) * inner + j] }
            let scale = (0..<classes).map { abs(entry($0)) }.max()!
            for c in 0..<classes {
                expectClose(entry(c), problem.referenceGradient(p, c, gamma: gamma),
                            rtol: 1e-9, atol: 1e-9 * scale + 1e-300, "gradient class \(c), \(what)")
            }
        }
    }

    @Test("Double: 1, 2 and 3 threads give the same bits (sigmoid and softmax rows)")
    func threadsGiveTheSameBits() throws {
        var rng = SplitMix64(seed: 5)
        let count = 1 << 18
        let x = (0..<count).map { _ in Double.random(in: -30...30, using: &rng) }
        let t = (0..<count).map { _ in Double.random(in: 0...1, using: &rng) < 0.02 ? 1.0 : 0 }
        let labels = (0..<(count / 64)).map { _ in Int.random(in: 0..<64, using: &rng) }
        var sigmoid = [(Double, [Double])](), softmax = [(Double, [Double])]()
        for threads in 1...3 {
            sigmoid.append(try SigmoidFocalLoss<Double>(gamma: 1.5, threads: threads).lossAndGradient(x, targets: t))
            softmax.append(try SoftmaxFocalLoss<Double>(gamma: 2, threads: threads)
                .lossAndGradient(x, shape: [count / 64, 64], classAxis: -1, labels: labels))
        }
        for results in [sigmoid, softmax] {
            #expect(results.allSatisfy { $0.0.bitPattern == results[0].0.bitPattern })
            #expect(results.allSatisfy { $0.1 == results[0].1 })
        }
    }

    @Test("Double: a non-finite logit is reported with its position by the vector kernels")
    func nonFiniteLogits() throws {
        let expected = ElementLocation(offset: 37, coordinates: [4, 5])
        func location(_ body: () throws -> Void) -> ElementLocation? {
            do { try body() } catch let error as FocalLossError {
                if case .invalidElement("logits", _, let location, _) = error { return location }
            } catch {}
            return nil
        }
        for bad in [Double.nan, .infinity, -.infinity] {
            var x = [Double](repeating: 0.5, count: 64)
            x[37] = bad
            #expect(location { _ = try SigmoidFocalLoss<Double>().lossAndGradient(x, targets: [Double](repeating: 0, count: 64), shape: [8, 8]) } == expected)
            #expect(location {
                _ = try SoftmaxFocalLoss<Double>().lossAndGradient(x, shape: [8, 8], classAxis: -1, labels: [Int](repeating: 1, count: 8))
            } == expected, "softmax \(bad)")
        }
    }
}
