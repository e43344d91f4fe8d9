import FocalLoss
import FocalTestSupport
import Testing

/// The `Float` vector kernels at every length of the partial vector, in the 8-lane build and the
/// 16-lane one (`FOCAL_WIDE_VECTORS`): element counts, class counts, row counts and positions per
/// class row from 1 to past two 16-lane vectors, against `Float80` references of the `Float`
/// inputs (the other suites use shapes chosen for 8 lanes).
@Suite("Float vector kernels: every partial-vector length against Float80")
struct FloatLaneTailTests {
    /// The loss's accuracy in `Float` (2e-5 relative) and its gradient's against a finite
    /// difference of the reference.
    static let lossTolerance = 2e-5, gradientTolerance = 1e-4

    @Test("Sigmoid: 1 to 40 elements, hard and soft targets", arguments: [2.0, 1.5])
    func sigmoidCounts(gamma: Double) throws {
        var rng = SplitMix64(seed: 11)
        let focal = try SigmoidFocalLoss<Float>(gamma: Float(gamma), alpha: .constant(0.25))
        for count in 1...40 {
            let x = (0..<count).map { _ in Float(Double.random(in: -12...12, using: &rng)) }
            let t = (0..<count).map { i -> Float in [0, 1, 0.3][(i + count) % 3] }
            let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, targets: t)
            #expect(losses.count == count && gradient.count == count)
            for i in 0..<count {
                let f = { (v: Float80) in
                    ExtendedReference.sigmoidLossAnyLogit(x: v, t: Float80(t[i]), gamma: Float80(gamma), alpha: 0.25)
                }
                let what = "count \(count) element \(i) x \(x[i]) t \(t[i]) gamma \(gamma)"
                expectClose(Double(losses[i]), Double(f(Float80(x[i]))), rtol: Self.lossTolerance, atol: 1e-30, what)
                let derivative = Double(ExtendedReference.derivative(at: Float80(x[i]), step: 1e-3, f))
                expectClose(Double(gradient[i]), derivative, rtol: Self.gradientTolerance, atol: 1e-7, "gradient, \(what)")
            }
        }
    }

    @Test("Sigmoid: a NaN logit in any lane of the partial vector is reported at its position")
    func sigmoidNonFiniteInTail() {
        for count in [17, 31, 33, 40] {
            for bad in [count - 1, count / 2] {
                var x = [Float](repeating: 0.5, count: count)
                x[bad] = .nan
                var reported: Int?
                do {
                    _ = try SigmoidFocalLoss<Float>().lossAndGradient(x, targets: [Float](repeating: 0, count: count))
                } catch let error as FocalLossError {
                    if case .invalidElement("logits", _, let location, _) = error { reported = location.offset }
                } catch {}
                #expect(reported == bad, "count \(count), NaN at \(bad)")
            }
        }
    }

    /// A softmax problem: `positions` rows of `classes` logits (class-last), labels, references.
    struct SoftmaxProblem {
        var positions: Int, classes: Int
        var logits: [[Float]]
        var labels: [Int]

        init(positions: Int, classes: Int, seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            self.positions = positions
            self.classes = classes
            logits = (0..<positions).map { _ in (0..<classes).map { _ in Float(Double.random(in: -8...8, using: &rng)) } }
            labels = (0..<positions).map { _ in Int.random(in: 0..<classes, using: &rng) }
        }

        func referenceLoss(_ p: Int, gamma: Float80, z: [Float80]? = nil) -> Float80 {
            ExtendedReference.softmaxLabelLossAnyLogits(
                z: z ?? logits[p].map { Float80($0) }, label: labels[p], gamma: gamma, classWeight: 1)
        }

        func referenceGradient(_ p: Int, _ c: Int, gamma: Float80) -> Double {
            return Double(ExtendedReference.partialDerivative(at: logits[p].map { Float80($0) }, c) {
                referenceLoss(p, gamma: gamma, z: $0)
            })
        }

        /// Checks one position's loss and every class's gradient; `entry(c)` reads the gradient.
        func check(_ p: Int, loss: Float, gamma: Float80, _ what: String, entry: (Int) -> Float) {
            expectClose(Double(loss), Double(referenceLoss(p, gamma: gamma)), rtol: FloatLaneTailTests.lossTolerance, atol: 1e-30, what)
            let scale = (0..<classes).map { abs(Double(entry($0))) }.max()!
            for c in 0..<classes {
                expectClose(Double(entry(c)), referenceGradient(p, c, gamma: gamma), rtol: FloatLaneTailTests.gradientTolerance,
                            atol: 1e-5 * scale + 1e-30, "gradient class \(c), \(what)")
            }
        }
    }

    @Test("Softmax rows (class-last): 1 to 35 classes and 1 to 35 rows", arguments: [(2, 1), (5, 17), (15, 16), (16, 33), (17, 15), (33, 3), (35, 35), (80, 19)])
    func softmaxRows(classes: Int, positions: Int) throws {
        let problem = SoftmaxProblem(positions: positions, classes: classes, seed: UInt64(classes * 100 + positions))
        let focal = try SoftmaxFocalLoss<Float>(gamma: 2)
        let (losses, gradient) = try focal.elementwiseLossesAndGradient(
            problem.logits.flatMap { $0 }, shape: [positions, classes], classAxis: -1, labels: problem.labels)
        for p in 0..<positions {
            problem.check(p, loss: losses[p], gamma: 2, "classes \(classes) positions \(positions) row \(p)") { gradient[p * classes + $0] }
        }
    }

    @Test("Softmax columns (channels-first): 15 to 33 positions per class row", arguments: [15, 16, 17, 31, 33])
    func softmaxColumns(inner: Int) throws {
        let (n, classes) = (2, 5)
        let problem = SoftmaxProblem(positions: n * inner, classes: classes, seed: UInt64(inner))
        var x = [Float](repeating: 0, count: n * classes * inner)
        for p in 0..<problem.positions {
            let (o, j) = p.quotientAndRemainder(dividingBy: inner)
            for c in 0..<classes { x[(o * classes + c) * inner + j] = problem.logits[p][c] }
        }
        let focal = try SoftmaxFocalLoss<Float>(gamma: 1.5)
        let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, shape: [n, classes, inner], classAxis: 1, labels: problem.labels)
        for p in 0..<problem.positions {
            let (o, j) = p.quotientAndRemainder(dividingBy: inner)
            problem.check(p, loss: losses[p], gamma: 1.5, "inner \(inner) position \(p)") { gradient[(o * classes + $0) * inner + j] }
        }
    }
}
