import Foundation
import FocalLoss
import FocalTestSupport
import Testing

/// Softmax Poly-1 with integer labels and no smoothing, which the vector kernels compute (rows
/// class-last, columns channels-first), against the `Float80` definition on random logits of
/// spreads up to ±3000, in `Float` and `Double`: weights (some 0), ignored positions, per-class
/// α, ε = -1, γ = 0 and γ in (0, 1); and the same bits from 1, 2 and 3 threads.
@Suite("Softmax Poly-1 vector kernels: random inputs against Float80")
struct SoftmaxPolyVectorTests {
    struct Configuration: CustomStringConvertible {
        var gamma: Double
        var epsilon: Double
        var alpha: [Double]?

        var description: String {
            "gamma \(gamma) epsilon \(epsilon) alpha \(alpha.map { "\($0)" } ?? "none")"
        }

        func loss<Scalar: FocalScalar>(_: Scalar.Type, threads: Int? = nil) throws -> SoftmaxFocalLoss<Scalar> {
            try .poly1(gamma: Scalar(gamma), alpha: alpha.map { .perClass($0.map { Scalar($0) }) } ?? .none,
                       epsilon: Scalar(epsilon), threads: threads)
        }
    }

    static let classes = 13

    static let configurations: [Configuration] = [
        Configuration(gamma: 0, epsilon: 1),  // Poly-1 cross-entropy
        Configuration(gamma: 0, epsilon: -1),
        Configuration(gamma: 0.5, epsilon: 2),
        Configuration(gamma: 0.25, epsilon: -1, alpha: (0..<classes).map { [0.25, 1, 0, 0.5][$0 % 4] }),
        Configuration(gamma: 2, epsilon: 1, alpha: (0..<classes).map { [1, 0.75, 0.5][$0 % 3] }),
        Configuration(gamma: 1.5, epsilon: -0.5),
        Configuration(gamma: 3, epsilon: 0.5),
    ]

    static let spreads: [Double] = [1, 30, 300, 3000]

    /// Random logits of one spread in a layout: per position its logits, label (every third on
    /// the row's maximum, every seventh ignored) and weight (every fifth 0).
    struct Problem {
        static let ignoreIndex = -100
        var shape: [Int]
        var classAxis: Int
        var logits: [[Double]]
        var labels: [Int]
        var weights: [Double]

        /// Rows `[11, 13]` (one whole vector of `Float` rows and three more) or columns
        /// `[2, 13, 19]` (two whole vectors of `Float` positions per block, three left to the
        /// scalar kernel).
        init(columns: Bool, spread: Double, seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            let classes = SoftmaxPolyVectorTests.classes
            shape = columns ? [2, classes, 19] : [11, classes]
            classAxis = columns ? 1 : -1
            let positions = columns ? 2 * 19 : 11
            logits = (0..<positions).map { _ in (0..<classes).map { _ in Double.random(in: -spread...spread, using: &rng) } }
            labels = (0..<positions).map { _ in Int.random(in: 0..<classes, using: &rng) }
            weights = (0..<positions).map { _ in Double.random(in: 0.25...2, using: &rng) }
            for p in 0..<positions {
                if p % 3 == 0 { labels[p] = logits[p].indices.max { logits[p][$0] < logits[p][$1] }! }
                if p % 7 == 5 { labels[p] = Self.ignoreIndex }
                if p % 5 == 4 { weights[p] = 0 }
            }
        }

        var inner: Int { classAxis == 1 ? shape[2] : 1 }

        /// The flat offset of class `c` of position `p`.
        func offset(_ p: Int, _ c: Int) -> Int {
            let (o, j) = p.quotientAndRemainder(dividingBy: inner)
            return (o * SoftmaxPolyVectorTests.classes + c) * inner + j
        }

        /// The logits in the layout, rounded to `Scalar`.
        func flat<Scalar: FocalScalar>(_: Scalar.Type) -> [Scalar] {
            var x = [Scalar](repeating: 0, count: shape.reduce(1, *))
            for p in logits.indices {
                for c in logits[p].indices { x[offset(p, c)] = Scalar(logits[p][c]) }
            }
            return x
        }

        /// Position `p`'s loss (unweighted) from its logits as `Scalar` rounded them, with class `c`
        /// moved to `v` when given.
        func reference<Scalar: FocalScalar>(
            _ p: Int, _ configuration: Configuration, _: Scalar.Type, moving c: Int? = nil, to v: Float80 = 0
        ) -> Float80 {
            var z = logits[p].map { Float80(Double(Scalar($0))) }
            if let c { z[c] = v }
            return ExtendedReference.softmaxPoly1LabelLossAnyLogits(
                z: z, label: labels[p], gamma: Float80(configuration.gamma), epsilon: Float80(configuration.epsilon),
                classWeight: Float80(configuration.alpha?[labels[p]] ?? 1))
        }

        /// `d loss_p / d z_c` by finite differences of the reference.
        func referenceGradient<Scalar: FocalScalar>(_ p: Int, _ c: Int, _ configuration: Configuration, _: Scalar.Type) -> Double {
            let zc = Float80(Double(Scalar(logits[p][c])))
            return Double(ExtendedReference.derivative(at: zc, step: 1e-3) { reference(p, configuration, Scalar.self, moving: c, to: $0) })
        }
    }

    /// The tolerances of one precision: losses within `lossRtol` (plus, for γ other than 0 to 3,
    /// the error of `exp(γ·log(1 - p_y))`: an ulp of `log(1 - p_y)` times γ), gradient entries
    /// within `gradientRtol` of themselves or of the position's largest entry. With ε < 0 a loss
    /// and a gradient entry are differences of terms of opposite sign (`-log p_y - (1 - p_y)` and
    /// `1 - p_y` as `1 + ε·p_y` for γ = 0, ε = -1), so their atol is the rtol times the case's
    /// largest loss or entry (the reference README's rule).
    struct Tolerance {
        var lossRtol: Double, gradientRtol: Double, tiny: Double
    }

    static func check<Scalar: FocalScalar>(
        _: Scalar.Type, configuration index: Int, columns: Bool, tolerance: Tolerance
    ) throws {
        let configuration = Self.configurations[index]
        let loss = try configuration.loss(Scalar.self)
        for (s, spread) in Self.spreads.enumerated() {
            let problem = Problem(columns: columns, spread: spread, seed: UInt64(700 + 10 * index + s))
            let w = problem.weights.map { Scalar($0) }
            let (losses, gradient) = try loss.elementwiseLossesAndGradient(
                problem.flat(Scalar.self), shape: problem.shape, classAxis: problem.classAxis, labels: problem.labels,
                ignoreIndex: Problem.ignoreIndex, weights: w)
            var expected = [Double](repeating: 0, count: problem.labels.count)
            for p in expected.indices where problem.labels[p] != Problem.ignoreIndex {
                expected[p] = Double(w[p]) * Double(problem.reference(p, configuration, Scalar.self))
            }
            let largest = expected.map(abs).max()!
            let live = expected.indices.map { problem.labels[$0] != Problem.ignoreIndex && problem.weights[$0] != 0 }
            let references = expected.indices.map { p in
                live[p] ? (0..<Self.classes).map { Double(w[p]) * problem.referenceGradient(p, $0, configuration, Scalar.self) } : []
            }
            let largestEntry = references.joined().map(abs).max()!
            for p in expected.indices {
                let what = "\(Scalar.self) \(configuration) \(columns ? "columns" : "rows") spread \(spread) position \(p)"
                let live = live[p]
                let labelLogit = problem.logits[p][max(0, problem.labels[p])]
                let top = problem.logits[p].max()!
                // |log(1 - p_y)| is at most about the spread when the label is the maximum.
                let logComplement = live && labelLogit == top ? 2 * spread : 1
                let powerError = [0, 1, 2, 3].contains(configuration.gamma)
                    ? 0 : 2 * Double(Scalar.ulpOfOne) * configuration.gamma * logComplement
                let atol = configuration.epsilon < 0 ? tolerance.lossRtol * largest : tolerance.tiny
                expectClose(Double(losses[p]), expected[p], rtol: tolerance.lossRtol + powerError, atol: atol, "loss, \(what)")
                let entries = (0..<Self.classes).map { Double(gradient[problem.offset(p, $0)]) }
                guard live else {
                    #expect(entries.allSatisfy { $0 == 0 }, "gradient of a position that does not count, \(what)")
                    continue
                }
                let scale = configuration.epsilon < 0 ? largestEntry : references[p].map(abs).max()!
                for c in 0..<Self.classes {
                    expectClose(entries[c], references[p][c], rtol: tolerance.gradientRtol + powerError,
                                atol: tolerance.gradientRtol * scale + tolerance.tiny, "gradient class \(c), \(what)")
                }
            }
        }
    }

    static let double = Tolerance(lossRtol: 1e-12, gradientRtol: 1e-9, tiny: 1e-300)
    static let float = Tolerance(lossRtol: 2e-5, gradientRtol: 1e-4, tiny: 1e-37)

    @Test("Double rows (class-last)", arguments: configurations.indices)
    func doubleRows(_ index: Int) throws { try Self.check(Double.self, configuration: index, columns: false, tolerance: Self.double) }

    @Test("Double columns (channels-first)", arguments: configurations.indices)
    func doubleColumns(_ index: Int) throws { try Self.check(Double.self, configuration: index, columns: true, tolerance: Self.double) }

    @Test("Float rows (class-last)", arguments: configurations.indices)
    func floatRows(_ index: Int) throws { try Self.check(Float.self, configuration: index, columns: false, tolerance: Self.float) }

    @Test("Float columns (channels-first)", arguments: configurations.indices)
    func floatColumns(_ index: Int) throws { try Self.check(Float.self, configuration: index, columns: true, tolerance: Self.float) }

    /// With ε < 0 Poly-1's gradient factor can be negative (here the label's α is 0, so only the
    /// polynomial term remains: `g = ε·p_y·scale`). A position weight of 1e30 with a normalizer
    /// of 1e-30 takes it beyond `Float` to -∞: a class whose exponential underflowed to 0 gets 0,
    /// not 0·∞ = NaN, in rows and in columns; the other entries are ±∞, as their exact values
    /// (about ±1e59) are beyond `Float`.
    @Test("A negative gradient factor beyond Float times an underflowed probability is 0, not NaN")
    func overflowingNegativeGradientFactor() throws {
        let poly = try SoftmaxFocalLoss<Float>.poly1(gamma: 0, alpha: .perClass([1, 0, 1]), epsilon: -1)
        // Each position: logits [-200, 0, 0] (e^-200 underflows Float), label 1: p = [0, 1/2, 1/2].
        let rows = try poly.lossAndGradient(
            [Float](repeating: 0, count: 3 * 16).enumerated().map { $0.offset % 3 == 0 ? -200 : 0 }, shape: [16, 3],
            classAxis: -1, labels: [Int32](repeating: 1, count: 16), weights: [Float](repeating: 1e30, count: 16),
            reduction: .normalized(by: 1e-30))
        #expect(rows.gradient == (0..<16).flatMap { _ in [0, Float.infinity, -.infinity] }, "rows: \(rows.gradient)")
        let columns = try poly.lossAndGradient(
            [Float](repeating: -200, count: 16) + [Float](repeating: 0, count: 32), shape: [1, 3, 16], classAxis: 1,
            labels: [Int32](repeating: 1, count: 16), weights: [Float](repeating: 1e30, count: 16),
            reduction: .normalized(by: 1e-30))
        #expect(columns.gradient == [Float](repeating: 0, count: 16) + [Float](repeating: .infinity, count: 16)
                + [Float](repeating: -.infinity, count: 16), "columns: \(columns.gradient)")
    }

    static func threadsGiveTheSameBits<Scalar: FocalScalar>(_: Scalar.Type) throws {
        var rng = SplitMix64(seed: 91)
        let rows = 6144, classes = 40
        let x = (0..<(rows * classes)).map { _ in Scalar(Double.random(in: -8...8, using: &rng)) }
        let labels = (0..<rows).map { i in i % 11 == 3 ? -100 : Int.random(in: 0..<classes, using: &rng) }
        let weights = (0..<rows).map { _ in Scalar(Double.random(in: 0...2, using: &rng)) }
        // Rows, and columns of 16 positions per block (whole vectors of either precision).
        for (shape, axis) in [([rows, classes], -1), ([rows / 16, classes, 16], 1)] {
            var results = [(Scalar, [Scalar])]()
            for threads in 1...3 {
                let poly = try SoftmaxFocalLoss<Scalar>.poly1(gamma: 0.5, epsilon: -0.5, threads: threads)
                results.append(try poly.lossAndGradient(
                    x, shape: shape, classAxis: axis, labels: labels, ignoreIndex: -100, weights: weights))
            }
            for result in results.dropFirst() {
                #expect(result.0 == results[0].0, "\(Scalar.self) shape \(shape)")
                #expect(result.0.isFinite && result.1 == results[0].1, "\(Scalar.self) shape \(shape)")
            }
        }
    }

    @Test("Float: 1, 2 and 3 threads give the same bits, both layouts")
    func floatThreads() throws { try Self.threadsGiveTheSameBits(Float.self) }

    @Test("Double: 1, 2 and 3 threads give the same bits, both layouts")
    func doubleThreads() throws { try Self.threadsGiveTheSameBits(Double.self) }
}
