#if canImport(_Differentiation)
import _Differentiation
import FocalTestSupport
import Foundation

// Small models written with plain Swift autodiff (array subscripts, loops, `append`): no custom
// derivatives, so a gradient through them composes the compiler's derivatives with the focal
// loss's registered one.

/// The scalars the models compute in. Swift registers the derivatives of `+` and `*` on `Float`
/// and `Double`, not on the generic `FloatingPoint` requirements, so generic model code calls
/// these differentiable requirements instead.
protocol ModelScalar: BinaryFloatingPoint, Differentiable where TangentVector == Self, RawSignificand: FixedWidthInteger {
    @differentiable(reverse) static func product(_ a: Self, _ b: Self) -> Self
    @differentiable(reverse) static func sum(_ a: Self, _ b: Self) -> Self
}

extension Float: ModelScalar {
    @differentiable(reverse) static func product(_ a: Float, _ b: Float) -> Float { a * b }
    @differentiable(reverse) static func sum(_ a: Float, _ b: Float) -> Float { a + b }
}

extension Double: ModelScalar {
    @differentiable(reverse) static func product(_ a: Double, _ b: Double) -> Double { a * b }
    @differentiable(reverse) static func sum(_ a: Double, _ b: Double) -> Double { a + b }
}

/// A fully connected layer `y = W x + b` over a batch stored row-major (`batch × inputs` in,
/// `batch × outputs` out); `weight` is `outputs × inputs`, row-major.
struct Linear<Scalar: ModelScalar>: Differentiable {
    var weight: [Scalar]
    var bias: [Scalar]
    @noDerivative let inputs: Int
    @noDerivative let outputs: Int

    @differentiable(reverse)
    func callAsFunction(_ x: [Scalar]) -> [Scalar] {
        let batch = withoutDerivative(at: x.count / inputs)
        var y: [Scalar] = []
        for n in 0..<batch {
            for o in 0..<outputs {
                var sum = bias[o]
                for i in 0..<inputs {
                    sum = Scalar.sum(sum, Scalar.product(weight[o * inputs + i], x[n * inputs + i]))
                }
                y.append(sum)
            }
        }
        return y
    }

    /// Every parameter, flat: the weight then the bias.
    var flattened: [Scalar] { weight + bias }

    /// The layer with parameters read from `flat` (the layout of ``flattened``).
    func with(_ flat: [Scalar]) -> Self {
        Self(weight: Array(flat[..<weight.count]), bias: Array(flat[weight.count...]), inputs: inputs, outputs: outputs)
    }

    static func random(inputs: Int, outputs: Int, using generator: inout SplitMix64) -> Self {
        Self(weight: .random(count: inputs * outputs, in: -1...1, using: &generator),
             bias: .random(count: outputs, in: -0.5...0.5, using: &generator),
             inputs: inputs, outputs: outputs)
    }
}

/// A linear layer's gradient, flat like ``Linear/flattened``.
func flattened<Scalar>(_ gradient: Linear<Scalar>.TangentVector) -> [Scalar] {
    gradient.weight.base + gradient.bias.base
}

/// A two-layer perceptron `second(tanh(first(x)))`.
struct MLP: Differentiable {
    var first: Linear<Double>
    var second: Linear<Double>

    @differentiable(reverse)
    func callAsFunction(_ x: [Double]) -> [Double] {
        second(first(x).differentiableMap { tanh($0) })
    }

    var flattened: [Double] { first.flattened + second.flattened }

    func with(_ flat: [Double]) -> Self {
        let split = first.flattened.count
        return MLP(first: first.with(Array(flat[..<split])), second: second.with(Array(flat[split...])))
    }
}

/// An MLP's gradient, flat like ``MLP/flattened``.
func flattened(_ gradient: MLP.TangentVector) -> [Double] {
    flattened(gradient.first) + flattened(gradient.second)
}
#endif
