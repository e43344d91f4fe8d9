import FocalLoss
import FocalTestSupport
import Testing

/// The softmax kernels against the independent `Float80` reference on random inputs: C from 2 to
/// 1000, 0 to 3 spatial axes, both layouts, labels (with ignore index and smoothing), one-hot and
/// soft target tensors, class weights, per-position weights and every reduction.
@Suite("Softmax focal loss: random inputs against an independent reference")
struct SoftmaxRandomTests {
    struct Problem: CustomStringConvertible {
        enum Targets { case labels([Int], ignoreIndex: Int?), tensor([Double]) }
        var positionShape: [Int]  // the shape without the class axis, row-major
        var classes: Int
        var classLast: Bool
        var gamma: Double
        var alpha: SoftmaxFocalLoss<Double>.Alpha
        var smoothing: Double
        var input: PredictionKind
        var x: [Double]  // in the layout's order
        var targets: Targets
        var weights: [Double]?
        var reduction: FocalReduction?

        var shape: [Int] {
            classLast ? positionShape + [classes] : [positionShape[0], classes] + positionShape.dropFirst()
        }
        var classAxis: Int { classLast ? -1 : 1 }
        var positions: Int { positionShape.reduce(1, *) }
        var inner: Int { classLast ? 1 : positionShape.dropFirst().reduce(1, *) }

        /// The flat offset of class `c` at position `p` in this layout.
        func offset(position p: Int, class c: Int) -> Int {
            classLast ? p * classes + c : ((p / inner) * classes + c) * inner + p % inner
        }

        var description: String {
            let kind: String = switch targets {
            case .labels(_, let ignore): "labels ignore \(ignore.map(String.init) ?? "none")"
            case .tensor: "target tensor"
            }
            return "shape \(shape) axis \(classAxis) gamma \(gamma) alpha \(alpha) smoothing \(smoothing) \(input) \(kind) weights \(weights != nil) reduction \(reduction.map { "\($0)" } ?? "none")"
        }

        init(seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            func float(_ value: Double) -> Double { Double(Float(value)) }
            let spatialAxes = Int(seed % 4)
            let n = Int.random(in: 1...3, using: &rng)
            let spatial = (0..<spatialAxes).map { _ in Int.random(in: 1...4, using: &rng) }
            positionShape = [n] + spatial
            let classes = [2, 3, 5, 10, 80, 1000][Int.random(in: 0..<6, using: &rng)]
            self.classes = classes
            classLast = Bool.random(using: &rng)
            gamma = [0, 0.5, 1, 1.5, 2, 3][Int.random(in: 0..<6, using: &rng)]
            let input: PredictionKind = Int.random(in: 0..<4, using: &rng) == 0 ? .probabilities : .logits
            self.input = input
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: alpha = .none
            case 1: alpha = .constant(float(Double.random(in: 0.1...2, using: &rng)))
            default: alpha = .perClass((0..<classes).map { _ in float(Double.random(in: 0...2, using: &rng)) })
            }
            let positions = positionShape.reduce(1, *)
            var x = [Double](repeating: 0, count: positions * classes)
            let spread = Double.random(in: 0.5...8, using: &rng)
            // Fill position by position in class order, then place in the layout.
            var logical = [[Double]]()
            for _ in 0..<positions {
                if input == .logits {
                    logical.append((0..<classes).map { _ in float(Double.random(in: -spread...spread, using: &rng)) })
                } else {
                    let raw = (0..<classes).map { _ in Double.random(in: 0.05...1, using: &rng) }
                    let total = raw.reduce(0, +)
                    logical.append(raw.map { float($0 / total) })
                }
            }
            let useTensor = Int.random(in: 0..<3, using: &rng) == 0
            smoothing = !useTensor && Bool.random(using: &rng) ? 0.1 : 0
            if useTensor {
                let soft = Bool.random(using: &rng)
                var t = [Double](repeating: 0, count: positions * classes)
                var logicalTargets = [[Double]]()
                for _ in 0..<positions {
                    if soft {
                        let raw = (0..<classes).map { _ in Double.random(in: 0...1, using: &rng) }
                        let total = raw.reduce(0, +)
                        logicalTargets.append(raw.map { float($0 / total) })
                    } else {
                        var row = [Double](repeating: 0, count: classes)
                        row[Int.random(in: 0..<classes, using: &rng)] = 1
                        logicalTargets.append(row)
                    }
                }
                targets = .tensor(t)
                self.x = x
                for p in 0..<positions { for c in 0..<classes { t[offset(position: p, class: c)] = logicalTargets[p][c] } }
                targets = .tensor(t)
            } else {
                let ignore: Int? = Bool.random(using: &rng) ? -100 : nil
                let labels = (0..<positions).map { _ in
                    ignore != nil && Int.random(in: 0..<4, using: &rng) == 0 ? ignore! : Int.random(in: 0..<classes, using: &rng)
                }
                targets = .labels(labels, ignoreIndex: ignore)
            }
            self.x = x
            for p in 0..<positions { for c in 0..<classes { x[offset(position: p, class: c)] = logical[p][c] } }
            self.x = x
            weights = Bool.random(using: &rng)
                ? (0..<positions).map { _ in Bool.random(using: &rng) ? 0 : float(Double.random(in: 0...3, using: &rng)) } : nil
            reduction = [nil, .sum, .mean, .normalized(by: 3.5)][Int.random(in: 0..<4, using: &rng)]
        }

        /// The target distribution at position `p` (smoothing applied), or nil when ignored.
        func distribution(at p: Int) -> [Float80]? {
            let share = Float80(smoothing) / Float80(classes)
            switch targets {
            case .labels(let labels, let ignore):
                if labels[p] == ignore { return nil }
                return (0..<classes).map { c in (c == labels[p] ? 1 - Float80(smoothing) : 0) + share }
            case .tensor(let t):
                return (0..<classes).map { c in (1 - Float80(smoothing)) * Float80(t[offset(position: p, class: c)]) + share }
            }
        }

        var classWeights: [Float80]? {
            switch alpha {
            case .none: nil
            case .constant(let a): [Float80](repeating: Float80(a), count: classes)
            case .perClass(let values): values.map { Float80($0) }
            }
        }

        /// Reference position losses, a sample of gradient entries, and the reduction's scale.
        func reference(gradientSamples: Int) -> (losses: [Float80], gradient: [Int: Float80], scale: Float80) {
            var losses = [Float80](), gradient = [Int: Float80]()
            var counted: Float80 = 0
            for p in 0..<positions {
                guard let q = distribution(at: p) else {
                    losses.append(0)
                    continue
                }
                let weight = Float80(weights?[p] ?? 1)
                counted += weight
                let z = (0..<classes).map { Float80(x[offset(position: p, class: $0)]) }
                let f = { (z: [Float80]) in
                    weight * ExtendedReference.softmaxLoss(z: z, q: q, gamma: Float80(gamma), classWeights: classWeights,
                                                           fromLogits: input == .logits)
                }
                losses.append(f(z))
                let step = classes > gradientSamples ? classes / gradientSamples : 1
                for c in Swift.stride(from: p % step, to: classes, by: step) {
                    let h: Float80 = input == .logits ? 1e-3 : 1e-3 * min(z[c], 1 - z[c])
                    gradient[offset(position: p, class: c)] = ExtendedReference.partialDerivative(at: z, c, step: h, f)
                }
            }
            let scale: Float80 = switch reduction {
            case nil, .sum?: 1
            case .mean?: counted > 0 ? 1 / counted : 0
            case .normalized(let m)?: 1 / Float80(m)
            }
            return (losses, gradient.mapValues { $0 * scale }, scale)
        }

        func library<Scalar: FocalScalar>(as _: Scalar.Type) throws -> (losses: [Double], gradient: [Double]) {
            let alpha: SoftmaxFocalLoss<Scalar>.Alpha = switch self.alpha {
            case .none: .none
            case .constant(let a): .constant(Scalar(a))
            case .perClass(let values): .perClass(values.map { Scalar($0) })
            }
            let focal = try SoftmaxFocalLoss<Scalar>(gamma: Scalar(gamma), alpha: alpha, labelSmoothing: Scalar(smoothing), input: input)
            let x = x.map { Scalar($0) }, w = weights?.map { Scalar($0) }
            switch (targets, reduction) {
            case (.labels(let labels, let ignore), let reduction?):
                let (loss, gradient) = try focal.lossAndGradient(x, shape: shape, classAxis: classAxis, labels: labels,
                                                                 ignoreIndex: ignore, weights: w, reduction: reduction)
                return ([Double(loss)], gradient.map(Double.init))
            case (.labels(let labels, let ignore), nil):
                let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, shape: shape, classAxis: classAxis, labels: labels,
                                                                                ignoreIndex: ignore, weights: w)
                return (losses.map(Double.init), gradient.map(Double.init))
            case (.tensor(let t), let reduction?):
                let (loss, gradient) = try focal.lossAndGradient(x, shape: shape, classAxis: classAxis, targets: t.map { Scalar($0) },
                                                                 weights: w, reduction: reduction)
                return ([Double(loss)], gradient.map(Double.init))
            case (.tensor(let t), nil):
                let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, shape: shape, classAxis: classAxis,
                                                                                targets: t.map { Scalar($0) }, weights: w)
                return (losses.map(Double.init), gradient.map(Double.init))
            }
        }
    }

    static func compare<Scalar: FocalScalar>(_ problem: Problem, as type: Scalar.Type, rtol: Double, atol: Double) throws {
        let reference = problem.reference(gradientSamples: 12)
        let expectedLosses: [Double] = problem.reduction == nil
            ? reference.losses.map(Double.init)
            : [Double(reference.losses.reduce(0, +) * reference.scale)]
        let (losses, gradient) = try problem.library(as: type)
        #expect(losses.count == expectedLosses.count && gradient.count == problem.x.count)
        for (index, (got, expected)) in zip(losses, expectedLosses).enumerated() {
            expectClose(got, expected, rtol: rtol, atol: atol, "\(problem) \(Scalar.self) loss[\(index)]")
        }
        // Softmax gradients of a position sum to zero across classes and so cross zero.
        let scale = reference.gradient.values.map { abs(Double($0)) }.max() ?? 0
        let gradientRtol = max(rtol, 1e-9)
        for (offset, expected) in reference.gradient.sorted(by: { $0.key < $1.key }) {
            expectClose(gradient[offset], Double(expected), rtol: gradientRtol, atol: gradientRtol * scale + atol,
                        "\(problem) \(Scalar.self) gradient[\(offset)]")
        }
    }

    @Test("Double agrees with the Float80 definition", arguments: 0..<48)
    func double(seed: Int) throws {
        try Self.compare(Problem(seed: UInt64(seed)), as: Double.self, rtol: 1e-12, atol: 1e-300)
    }

    @Test("Float agrees with the Float80 definition", arguments: 0..<48)
    func float(seed: Int) throws {
        try Self.compare(Problem(seed: UInt64(seed)), as: Float.self, rtol: 2e-5, atol: 1e-30)
    }
}
