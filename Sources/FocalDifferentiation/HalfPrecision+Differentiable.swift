#if canImport(_Differentiation)
import _Differentiation
import FocalLoss

// The losses of Float16 arrays inside differentiable code: Float16 is Differentiable, so the
// predictions can be Float16 while the loss, computed in Float, is a Float.

extension SigmoidFocalLoss where Scalar == Float {
    /// The reduced sigmoid focal loss of `Float16` predictions, computed in `Float`,
    /// differentiable with respect to the predictions.
    ///
    /// The derivative is the fused kernel's gradient times the seed, rounded once to `Float16`:
    /// the seed is the loss scale of mixed-precision training, so `gradient(at: x) { x in
    /// 65536 * focal(x, targets: t) }` is the gradient scaled before rounding, not a rounded
    /// gradient scaled (see `SigmoidFocalLoss.lossAndGradient(_:targets:shape:weights:reduction:gradientScale:)`).
    /// Invalid arguments stop the program with the error's description, as the other
    /// differentiable entry points do.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see `SigmoidFocalLoss.input`), row-major.
    ///   - targets: One target in `[0, 1]` per prediction. Not differentiated.
    ///   - shape: The shape of `predictions`, needed for per-class α; `nil` means flat.
    ///   - weights: Optional non-negative weights, one per prediction. Not differentiated.
    ///   - reduction: How the element losses are combined (default `FocalReduction.mean`).
    /// - Returns: The reduced loss, in `Float`.
    @differentiable(reverse, wrt: predictions)
    public func callAsFunction(
        _ predictions: [Float16], targets: [Float16], shape: [Int]? = nil,
        weights: [Float16]? = nil, reduction: FocalReduction = .mean
    ) -> Float {
        stoppingOnInvalidArgument("SigmoidFocalLoss") { () throws(FocalLossError) in
            try halfLossAndGradient(predictions, targets: targets, shape: shape, weights: weights, reduction: reduction, seed: nil).loss
        }
    }

    /// The loss, and a pullback that runs the kernel again with the seed as the gradient's scale.
    @usableFromInline
    @derivative(of: callAsFunction, wrt: predictions)
    func vjpCallAsFunction(
        _ predictions: [Float16], targets: [Float16], shape: [Int]?, weights: [Float16]?, reduction: FocalReduction
    ) -> (value: Float, pullback: (Float) -> [Float16].TangentVector) {
        let loss = callAsFunction(predictions, targets: targets, shape: shape, weights: weights, reduction: reduction)
        return (loss, { seed in
            [Float16].TangentVector(stoppingOnInvalidArgument("SigmoidFocalLoss") { () throws(FocalLossError) in
                try halfLossAndGradient(predictions, targets: targets, shape: shape, weights: weights, reduction: reduction, seed: seed).gradient
            })
        })
    }

    /// The loss and, for a `seed`, `seed ·` the gradient rounded once to `Float16`.
    func halfLossAndGradient(
        _ predictions: [Float16], targets: [Float16], shape: [Int]?, weights: [Float16]?, reduction: FocalReduction, seed: Float?
    ) throws(FocalLossError) -> (loss: Float, gradient: [Float16]) {
        var gradient = [Float16](repeating: 0, count: seed == nil ? 0 : predictions.count)
        let loss = try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
            try withBuffers(predictions, targets, weights) { (x, t, w) throws(FocalLossError) in
                try lossAndGradient(x, targets: t, shape: shape, weights: w, reduction: reduction,
                                    gradientScale: seed.map(SeedScale.magnitude) ?? 1, gradient: seed == nil ? nil : g)
            }
        }
        return (loss, SeedScale.signed(gradient, seed))
    }
}

extension SoftmaxFocalLoss where Scalar == Float {
    /// The reduced softmax focal loss of `Float16` predictions with integer labels, computed in
    /// `Float`, differentiable with respect to the predictions; the seed scales the gradient
    /// before it is rounded to `Float16` (see the sigmoid loss's `Float16` form).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see `SoftmaxFocalLoss.input`), shaped `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position. Not differentiated.
    ///   - ignoreIndex: A label whose positions contribute neither loss, gradient nor count.
    ///   - weights: Optional non-negative weights, one per position. Not differentiated.
    ///   - reduction: How position losses are combined (default `FocalReduction.mean`).
    /// - Returns: The reduced loss, in `Float`.
    @differentiable(reverse, wrt: predictions)
    public func callAsFunction<Label: FixedWidthInteger>(
        _ predictions: [Float16], shape: [Int], classAxis: Int = 1, labels: [Label],
        ignoreIndex: Int? = nil, weights: [Float16]? = nil, reduction: FocalReduction = .mean
    ) -> Float {
        stoppingOnInvalidArgument("SoftmaxFocalLoss") { () throws(FocalLossError) in
            try halfLossAndGradient(predictions, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex,
                                    weights: weights, reduction: reduction, seed: nil).loss
        }
    }

    /// The loss, and a pullback that runs the kernel again with the seed as the gradient's scale.
    @usableFromInline
    @derivative(of: callAsFunction(_:shape:classAxis:labels:ignoreIndex:weights:reduction:), wrt: predictions)
    func vjpCallAsFunction<Label: FixedWidthInteger>(
        _ predictions: [Float16], shape: [Int], classAxis: Int, labels: [Label],
        ignoreIndex: Int?, weights: [Float16]?, reduction: FocalReduction
    ) -> (value: Float, pullback: (Float) -> [Float16].TangentVector) {
        let loss = callAsFunction(predictions, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex,
                                  weights: weights, reduction: reduction)
        return (loss, { seed in
            [Float16].TangentVector(stoppingOnInvalidArgument("SoftmaxFocalLoss") { () throws(FocalLossError) in
                try halfLossAndGradient(predictions, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex,
                                        weights: weights, reduction: reduction, seed: seed).gradient
            })
        })
    }

    /// The loss and, for a `seed`, `seed ·` the gradient rounded once to `Float16`.
    func halfLossAndGradient<Label: FixedWidthInteger>(
        _ predictions: [Float16], shape: [Int], classAxis: Int, labels: [Label], ignoreIndex: Int?,
        weights: [Float16]?, reduction: FocalReduction, seed: Float?
    ) throws(FocalLossError) -> (loss: Float, gradient: [Float16]) {
        var gradient = [Float16](repeating: 0, count: seed == nil ? 0 : predictions.count)
        let loss = try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
            try withBuffers(predictions, labels, weights) { (x, y, w) throws(FocalLossError) in
                try lossAndGradient(x, shape: shape, classAxis: classAxis, labels: y, ignoreIndex: ignoreIndex, weights: w,
                                    reduction: reduction, gradientScale: seed.map(SeedScale.magnitude) ?? 1,
                                    gradient: seed == nil ? nil : g)
            }
        }
        return (loss, SeedScale.signed(gradient, seed))
    }
}

/// A pullback's seed as the `Float16` entry points' positive `gradientScale`, its sign applied
/// after the rounding (negation is exact), and a zero seed giving a zero gradient.
enum SeedScale {
    static func magnitude(_ seed: Float) -> Float {
        seed == 0 ? 1 : abs(seed)
    }

    static func signed(_ gradient: [Float16], _ seed: Float?) -> [Float16] {
        guard let seed, seed <= 0 else { return gradient }
        return seed == 0 ? [Float16](repeating: 0, count: gradient.count) : gradient.map { -$0 }
    }
}
#endif
