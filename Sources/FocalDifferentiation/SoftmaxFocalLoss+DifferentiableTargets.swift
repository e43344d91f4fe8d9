#if canImport(_Differentiation)
import _Differentiation
import FocalLoss

extension SoftmaxFocalLoss where Scalar: Differentiable, Scalar.TangentVector == Scalar {
    /// The reduced softmax focal loss for a target tensor (one-hot vectors or soft
    /// distributions), differentiable with respect to the predictions.
    ///
    /// The derivative is that of the fused kernel,
    /// `SoftmaxFocalLoss.lossAndGradient(_:shape:classAxis:targets:weights:reduction:)`,
    /// computed with the loss in one pass. Only `predictions` is differentiated; `targets` and
    /// `weights` are data. Positions whose weight is 0 get a zero gradient.
    ///
    /// ## Invalid arguments
    /// A differentiable function cannot throw, so this one has preconditions instead: the
    /// arguments must be those that the throwing
    /// `SoftmaxFocalLoss.loss(_:shape:classAxis:targets:weights:reduction:)` accepts (a shape
    /// matching the predictions and targets with a valid class axis, finite logits or
    /// probabilities in `[0, 1]`, finite non-negative targets and weights, a valid normaliser).
    /// They are checked on every call, in every build configuration, and a violation stops the
    /// program with the `FocalLossError` description naming the argument, the value and its
    /// position. The loss never returns NaN. To check untrusted data without stopping, call the
    /// throwing `loss` with it once before training.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see `SoftmaxFocalLoss.input`), row-major in
    ///     `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position. Not differentiated.
    ///   - weights: Optional non-negative weights, one per position. Not differentiated.
    ///   - reduction: How position losses are combined (default `FocalReduction.mean`).
    /// - Returns: The reduced loss.
    @differentiable(reverse, wrt: predictions)
    public func callAsFunction(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, targets: [Scalar],
        weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) -> Scalar {
        stoppingOnInvalidArgument("SoftmaxFocalLoss") { () throws(FocalLossError) in
            try loss(predictions, shape: shape, classAxis: classAxis, targets: targets,
                     weights: weights, reduction: reduction)
        }
    }

    /// The loss and its pullback: the fused kernel's gradient, captured, times the seed.
    @usableFromInline
    @derivative(of: callAsFunction(_:shape:classAxis:targets:weights:reduction:), wrt: predictions)
    func vjpCallAsFunction(
        _ predictions: [Scalar], shape: [Int], classAxis: Int, targets: [Scalar],
        weights: [Scalar]?, reduction: FocalReduction
    ) -> (value: Scalar, pullback: (Scalar) -> [Scalar].TangentVector) {
        var gradient: [Scalar] = zeros(count: predictions.count)
        let loss = stoppingOnInvalidArgument("SoftmaxFocalLoss") { () throws(FocalLossError) in
            try lossAndGradient(predictions, shape: shape, classAxis: classAxis, targets: targets,
                                weights: weights, reduction: reduction, gradient: &gradient)
        }
        return (loss, { [gradient] seed in [Scalar].TangentVector(gradient.scaled(by: seed)) })
    }

    /// The unreduced softmax focal loss for a target tensor, one value per position (the shape
    /// without the class axis), differentiable with respect to the predictions.
    ///
    /// The pullback multiplies the gradient of each position's own loss, which
    /// `SoftmaxFocalLoss.elementwiseLossesAndGradient(_:shape:classAxis:targets:weights:)`
    /// computes with the losses in one pass, by that position's cotangent. Arguments and
    /// preconditions as in ``callAsFunction(_:shape:classAxis:targets:weights:reduction:)``.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see `SoftmaxFocalLoss.input`), row-major in
    ///     `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: One-hot or soft target distributions, shaped like `predictions`. Not
    ///     differentiated.
    ///   - weights: Optional non-negative weights, one per position. Not differentiated.
    /// - Returns: The loss of each position: the shape without the class axis.
    @differentiable(reverse, wrt: predictions)
    public func unreducedLosses(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, targets: [Scalar], weights: [Scalar]? = nil
    ) -> [Scalar] {
        elementwise(predictions, shape: shape, classAxis: classAxis, targets: targets, weights: weights,
                    wantsGradient: false).losses
    }

    /// The losses and their pullback: each position's cotangent times its own gradient.
    @usableFromInline
    @derivative(of: unreducedLosses(_:shape:classAxis:targets:weights:), wrt: predictions)
    func vjpUnreducedLosses(
        _ predictions: [Scalar], shape: [Int], classAxis: Int, targets: [Scalar], weights: [Scalar]?
    ) -> (value: [Scalar], pullback: ([Scalar].TangentVector) -> [Scalar].TangentVector) {
        let (losses, gradient) = elementwise(
            predictions, shape: shape, classAxis: classAxis, targets: targets, weights: weights, wantsGradient: true)
        let layout = ClassLayout(shape: shape, classAxis: classAxis)
        return (losses, { seeds in
            [Scalar].TangentVector(positionwiseProducts(
                seeds: seeds.base, gradient: gradient, layout: layout, entryPoint: "SoftmaxFocalLoss"))
        })
    }

    /// Each position's loss and, when `wantsGradient`, the gradient of its own loss, from one
    /// pass of the kernel into arrays allocated here.
    private func elementwise(
        _ predictions: [Scalar], shape: [Int], classAxis: Int, targets: [Scalar], weights: [Scalar]?,
        wantsGradient: Bool
    ) -> (losses: [Scalar], gradient: [Scalar]) {
        var losses: [Scalar] = zeros(count: ClassLayout(shape: shape, classAxis: classAxis).positions)
        var gradient: [Scalar] = wantsGradient ? zeros(count: predictions.count) : []
        stoppingOnInvalidArgument("SoftmaxFocalLoss") { () throws(FocalLossError) in
            try withOutputs(&losses, &gradient, wanted: wantsGradient) { (l, g) throws(FocalLossError) in
                try withBuffers(predictions, targets, weights) { (x, t, w) throws(FocalLossError) in
                    try elementwiseLosses(x, shape: shape, classAxis: classAxis, targets: t, weights: w,
                                          losses: l, gradient: g)
                }
            }
        }
        return (losses, gradient)
    }
}
#endif
