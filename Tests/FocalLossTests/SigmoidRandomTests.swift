import FocalLoss
import FocalTestSupport
import Testing

/// The sigmoid kernels against the independent `Float80` reference on random inputs of many
/// shapes and parameters, and their gradients against finite differences.
@Suite("Sigmoid focal loss: random inputs against an independent reference")
struct SigmoidRandomTests {
    /// A random problem: shape, parameters and data exactly representable in `Float`.
    struct Problem: CustomStringConvertible {
        var shape: [Int]
        var gamma: Double
        var alpha: SigmoidFocalLoss<Double>.Alpha
        var input: PredictionKind
        var x: [Double]
        var targets: [Double]
        var weights: [Double]?
        var reduction: FocalReduction?  // nil: unreduced

        var description: String {
            "shape \(shape) gamma \(gamma) alpha \(alpha) \(input) weights \(weights != nil) reduction \(reduction.map { "\($0)" } ?? "none")"
        }

        init(seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            let shapes: [[Int]] = [[1], [17], [64, 1], [9, 5], [3, 4, 5, 6], [2, 3, 7], [1, 80, 2, 2], [257]]
            shape = shapes[Int(seed) % shapes.count]
            let count = shape.reduce(1, *)
            gamma = [0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 5][Int.random(in: 0..<9, using: &rng)]
            let input: PredictionKind = Bool.random(using: &rng) ? .logits : .probabilities
            self.input = input
            func float(_ value: Double) -> Double { Double(Float(value)) }
            x = (0..<count).map { _ in
                input == .logits ? float(Double.random(in: -12...12, using: &rng))
                    : float(Double.random(in: 0.01...0.99, using: &rng))
            }
            let soft = Bool.random(using: &rng)
            targets = (0..<count).map { _ in
                soft ? float(Double.random(in: 0...1, using: &rng)) : (Double.random(in: 0...1, using: &rng) < 0.3 ? 1 : 0)
            }
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: alpha = .none
            case 1: alpha = .constant(float(Double.random(in: 0...1, using: &rng)))
            default:
                let shape = self.shape
                let axis = shape.count > 1 ? 1 : 0
                alpha = .perClass((0..<shape[axis]).map { _ in float(Double.random(in: 0...1, using: &rng)) },
                                  classAxis: axis - (Bool.random(using: &rng) ? shape.count : 0))
            }
            weights = Bool.random(using: &rng)
                ? (0..<count).map { _ in Bool.random(using: &rng) ? 0 : float(Double.random(in: 0...3, using: &rng)) } : nil
            reduction = [nil, .sum, .mean, .normalized(by: 7.5)][Int.random(in: 0..<4, using: &rng)]
        }

        /// α for the element at `offset` under the reference's convention.
        func alpha(at offset: Int) -> Double? {
            switch alpha {
            case .none: return nil
            case .constant(let value): return value
            case .perClass(let values, let classAxis):
                let axis = classAxis < 0 ? classAxis + shape.count : classAxis
                let inner = shape[(axis + 1)...].reduce(1, *)
                return values[(offset / inner) % shape[axis]]
            }
        }

        /// Reference losses per element (weighted) and the reduction's scale.
        func reference() -> (losses: [Float80], gradient: [Float80], scale: Float80) {
            var losses = [Float80](), gradient = [Float80]()
            for i in x.indices {
                let weight = Float80(weights?[i] ?? 1)
                let f = { (v: Float80) in
                    weight * ExtendedReference.sigmoidLoss(
                        x: v, t: Float80(targets[i]), gamma: Float80(gamma),
                        alpha: alpha(at: i).map { Float80($0) }, fromLogits: input == .logits)
                }
                losses.append(f(Float80(x[i])))
                let step: Float80 = input == .logits ? 1e-3 : 1e-3 * Float80(min(x[i], 1 - x[i]))
                gradient.append(ExtendedReference.derivative(at: Float80(x[i]), step: step, f))
            }
            let scale: Float80
            switch reduction {
            case nil, .sum?: scale = 1
            case .mean?:
                let total = weights.map { $0.reduce(0, +) } ?? Double(x.count)
                scale = total > 0 ? 1 / Float80(total) : 0
            case .normalized(let normalizer)?: scale = 1 / Float80(normalizer)
            }
            return (losses, gradient.map { $0 * scale }, scale)
        }

        /// The library's result in `Scalar`: losses (one, or one per element) and gradient.
        func library<Scalar: FocalScalar>(as _: Scalar.Type) throws -> (losses: [Double], gradient: [Double]) {
            let alpha: SigmoidFocalLoss<Scalar>.Alpha
            switch self.alpha {
            case .none: alpha = .none
            case .constant(let value): alpha = .constant(Scalar(value))
            case .perClass(let values, let axis): alpha = .perClass(values.map { Scalar($0) }, classAxis: axis)
            }
            let focal = try SigmoidFocalLoss<Scalar>(gamma: Scalar(gamma), alpha: alpha, input: input)
            let x = x.map { Scalar($0) }, t = targets.map { Scalar($0) }, w = weights?.map { Scalar($0) }
            if let reduction {
                let (loss, gradient) = try focal.lossAndGradient(x, targets: t, shape: shape, weights: w, reduction: reduction)
                return ([Double(loss)], gradient.map(Double.init))
            }
            let (losses, gradient) = try focal.elementwiseLossesAndGradient(x, targets: t, shape: shape, weights: w)
            return (losses.map(Double.init), gradient.map(Double.init))
        }
    }

    static func compare<Scalar: FocalScalar>(_ problem: Problem, as type: Scalar.Type, rtol: Double, atol: Double) throws -> (loss: Double, gradient: Double) {
        let reference = problem.reference()
        let expectedLosses: [Double] = problem.reduction == nil
            ? reference.losses.map(Double.init)
            : [Double(reference.losses.reduce(0, +) * reference.scale)]
        let expectedGradient = reference.gradient.map(Double.init)
        let (losses, gradient) = try problem.library(as: type)
        for (index, (got, expected)) in zip(losses, expectedLosses).enumerated() {
            expectClose(got, expected, rtol: rtol, atol: atol, "\(problem) \(Scalar.self) loss[\(index)]")
        }
        // The stencil's own error is ~1e-11 of the gradient's scale; soft targets cross zero.
        let scale = expectedGradient.map(abs).max() ?? 0
        let gradientRtol = max(rtol, 1e-9)
        for (index, (got, expected)) in zip(gradient, expectedGradient).enumerated() {
            expectClose(got, expected, rtol: gradientRtol, atol: gradientRtol * scale + atol,
                        "\(problem) \(Scalar.self) gradient[\(index)]")
        }
        return (worstRelativeError(losses, expectedLosses), worstRelativeError(gradient, expectedGradient, floor: 1e-6 * scale))
    }

    @Test("Double agrees with the Float80 definition", arguments: 0..<64)
    func double(seed: Int) throws {
        _ = try Self.compare(Problem(seed: UInt64(seed)), as: Double.self, rtol: 1e-12, atol: 1e-300)
    }

    @Test("Float agrees with the Float80 definition", arguments: 0..<64)
    func float(seed: Int) throws {
        _ = try Self.compare(Problem(seed: UInt64(seed)), as: Float.self, rtol: 2e-5, atol: 1e-30)
    }

    @Test("The fused gradient is the derivative of the loss the library computes (Double)", arguments: 100..<124)
    func finiteDifferences(seed: Int) throws {
        var problem = Problem(seed: UInt64(seed))
        if problem.reduction == nil { problem.reduction = .sum }
        let focal = try SigmoidFocalLoss<Double>(gamma: problem.gamma, alpha: problem.alpha, input: problem.input)
        let (_, gradient) = try focal.lossAndGradient(
            problem.x, targets: problem.targets, shape: problem.shape, weights: problem.weights, reduction: problem.reduction!)
        let scale = gradient.map(abs).max()!
        for index in stride(from: 0, to: problem.x.count, by: max(1, problem.x.count / 16)) {
            let h = 1e-6
            var plus = problem.x, minus = problem.x
            plus[index] += h
            minus[index] -= h
            let up = try focal.loss(plus, targets: problem.targets, shape: problem.shape, weights: problem.weights, reduction: problem.reduction!)
            let down = try focal.loss(minus, targets: problem.targets, shape: problem.shape, weights: problem.weights, reduction: problem.reduction!)
            expectClose(gradient[index], (up - down) / (2 * h), rtol: 1e-6, atol: 1e-7 * scale + 1e-9, "\(problem) gradient[\(index)]")
        }
    }
}
