import Foundation
import FocalLoss
import FocalTestSupport
import Testing

/// The `Double` vector kernels of the sigmoid variants against `Float80` references of their
/// definitions, on random logits with saturated and far-out ones (±100, ±700), hard and soft
/// targets, weights, and the delicate parameters of ``VariantConfigurations`` (γ in (0, 1), γ = 0,
/// ε = -1, clip 0, β < 1) and integer exponents from 4 up.
@Suite("Double vector kernels of the sigmoid variants against Float80")
struct DoubleVariantKernelTests {
    /// The configurations of the random tests, and integer exponents the kernels multiply out.
    static func configurations() throws -> [(name: String, loss: SigmoidFocalLoss<Double>)] {
        try VariantConfigurations.sigmoid(Double.self) + [
            ("asl γ+ 4 γ- 5 clip 0.05", try .asymmetric(gammaPositive: 4, gammaNegative: 5, clip: 0.05)),
            ("asl γ+ 1 γ- 8 clip 0", try .asymmetric(gammaPositive: 1, gammaNegative: 8, clip: 0)),
            ("poly1 γ 4 ε -0.5", try .poly1(gamma: 4, alpha: .none, epsilon: -0.5)),
            ("qfl β 6", try .quality(beta: 6)),
            ("vfl γ 4", try .varifocal(gamma: 4)),
            ("focal-star γ 7 β 3", try .focalStar(gamma: 7, beta: 3, alpha: 0.25)),
        ]
    }

    /// The largest exponent among the loss's parameters: `b^γ = exp(γ·log b)` carries an error
    /// of an ulp in `log b` (about `|x|` for a saturated logit) times `γ·|x|`.
    static func largestExponent(_ loss: SigmoidFocalLoss<Double>) -> Double {
        switch loss.variant {
        case .asymmetric(let positive, let negative, _): max(positive, negative)
        case .quality(let beta): beta
        default: loss.gamma
        }
    }

    /// Whether the loss's values or gradient entries are differences of terms of opposite sign
    /// (the shared README's looser `atol` then applies to the whole case).
    static func crossesZero(_ loss: SigmoidFocalLoss<Double>) -> Bool {
        switch loss.variant {
        case .asymmetric, .quality, .varifocal: true
        case .poly1(let epsilon): epsilon < 0
        default: false
        }
    }

    /// Random inputs for one configuration, kept away from the kinks of ASL (`p = clip`) and
    /// QFL (`p = t`), where the finite differences of the reference do not hold.
    static func inputs(_ loss: SigmoidFocalLoss<Double>, count: Int, seed: UInt64) -> (x: [Double], t: [Double], w: [Double]) {
        var rng = SplitMix64(seed: seed)
        let extremes: [Double] = [-100, 100, -700, 700, 0, -1e-3]
        var x = [Double](), t = [Double](), w = [Double]()
        for i in 0..<count {
            while true {
                let logit = i % 25 == 0 ? extremes[i / 25 % extremes.count] : Double.random(in: -30...30, using: &rng)
                let hard: Double = Double.random(in: 0...1, using: &rng) < 0.3 ? 1 : 0
                let target = VariantConfigurations.isHardOnly(loss) || i % 2 == 0 ? hard : Double.random(in: 0...1, using: &rng)
                let p = 1 / (1 + Foundation.exp(-logit))
                switch loss.variant {
                case .asymmetric(_, _, let clip) where clip > 0 && abs(p - clip) < 0.02: continue
                case .quality where target != 0 && target != 1 && abs(p - target) < 0.02: continue
                default: break
                }
                x.append(logit)
                t.append(target)
                w.append(Double.random(in: 0...2, using: &rng))
                break
            }
        }
        return (x, t, w)
    }

    @Test("Losses and gradients of every variant", arguments: 0..<22)
    func variants(_ index: Int) throws {
        let (name, loss) = try Self.configurations()[index]
        let (x, t, w) = Self.inputs(loss, count: 1021, seed: 7100 + UInt64(index))
        let (losses, gradient) = try loss.elementwiseLossesAndGradient(x, targets: t, weights: w)
        let reference = { (i: Int, v: Float80) in
            ExtendedVariantReference.loss(loss, x: v, t: Float80(t[i]), w: Float80(w[i]))
        }
        let expectedLosses = x.indices.map { Double(reference($0, Float80(x[$0]))) }
        let expectedGradient = x.indices.map { i in
            Double(ExtendedReference.derivative(at: Float80(x[i]), step: 1e-3) { reference(i, $0) })
        }
        let crosses = Self.crossesZero(loss)
        let lossScale = expectedLosses.map(abs).max()!, gradientScale = expectedGradient.map(abs).max()!
        for i in x.indices {
            let what = "\(name): x \(x[i]) t \(t[i]) w \(w[i])"
            let soft = t[i] != 0 && t[i] != 1
            let rtol = 1e-12 + 5e-16 * Self.largestExponent(loss) * abs(x[i])
            // Poly-1 with ε < 0 is a difference of terms; the other losses are sums of
            // non-negative ones, exact to rtol however small.
            let poly1Difference = if case .poly1(let epsilon) = loss.variant { epsilon < 0 } else { false }
            expectClose(losses[i], expectedLosses[i], rtol: rtol, atol: poly1Difference ? 1e-12 * lossScale : 1e-300,
                        "loss, \(what)")
            expectClose(gradient[i], expectedGradient[i], rtol: 1e-9,
                        atol: crosses || soft ? 1e-9 * gradientScale : 1e-300, "gradient, \(what)")
        }
    }

    @Test("1, 2 and 3 threads give the same bits")
    func threadsGiveTheSameBits() throws {
        for (name, loss) in try Self.configurations() {
            let (x, t, w) = Self.inputs(loss, count: 3 * 16384 + 5, seed: 7300)
            var results = [(Double, [Double])]()
            for threads in 1...3 {
                var threaded = loss
                threaded.threads = threads
                results.append(try threaded.lossAndGradient(x, targets: t, weights: w))
            }
            #expect(results.allSatisfy { $0.0.bitPattern == results[0].0.bitPattern && $0.1 == results[0].1 }, "\(name)")
        }
    }

    @Test("A target other than 0 or 1 is reported with its position by focal-star's vector kernels")
    func focalStarSoftTarget() throws {
        var t = [Double](repeating: 1, count: 64)
        t[37] = 0.5
        let x = [Double](repeating: 0.5, count: 64)
        let expected = "targets: value 0.5 at index 37 (position [4, 5]) is not 0 or 1 (focal-star takes hard targets)"
        #expect(errorMessage { _ = try SigmoidFocalLoss<Double>.focalStar().lossAndGradient(x, targets: t, shape: [8, 8]) } == expected)
        #expect(errorMessage {
            _ = try SigmoidFocalLoss<Float>.focalStar().lossAndGradient(x.map(Float.init), targets: t.map(Float.init), shape: [8, 8])
        } == expected)
    }
}
