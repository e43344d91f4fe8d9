#if canImport(_Differentiation)
import _Differentiation
import FocalLoss

extension SoftmaxFocalLoss where Scalar: Differentiable, Scalar.TangentVector == Scalar {
    /// The reduced softmax focal loss for integer class labels, differentiable with respect to
    /// the predictions.
    ///
    /// The derivative is that of the fused kernel,
    /// `SoftmaxFocalLoss.lossAndGradient(_:shape:classAxis:labels:ignoreIndex:weights:reduction:)`,
    /// computed with the loss in one pass:
    ///
    /// ```swift
    /// let softmaxFocal = try SoftmaxFocalLoss<Float>(gamma: 2)
    /// let scoreGradient = gradient(at: scores) { scores in
    ///     softmaxFocal(scores, shape: [batch, classes], labels: labels)
    /// }
    /// ```
    ///
    /// Only `predictions` is differentiated; `labels` and `weights` are data, and the
    /// configuration (`gamma`, `alpha`, `labelSmoothing`) is a constant of the loss. Positions
    /// whose label is `ignoreIndex` or whose weight is 0 get a zero gradient.
    ///
    /// ## Invalid arguments
    /// A differentiable function cannot throw, so this one has preconditions instead: the
    /// arguments must be those that the throwing
    /// `SoftmaxFocalLoss.loss(_:shape:classAxis:labels:ignoreIndex:weights:reduction:)`
    /// accepts (a shape matching the predictions with a valid class axis, one label in
    /// `0..<classes` or equal to `ignoreIndex` per position, finite logits or probabilities in
    /// `[0, 1]`, finite non-negative weights, a valid normaliser). They are checked on every
    /// call, in every build configuration, and a violation stops the program with the
    /// `FocalLossError` description naming the argument, the value and its position, such as
    /// `SoftmaxFocalLoss: labels: value 7 at index 2 is not a class in 0..<3 nor the ignore index`.
    /// The loss never returns NaN. To check untrusted data without stopping, call the throwing
    /// `loss` with it once before training.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see `SoftmaxFocalLoss.input`), row-major in
    ///     `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position (the shape without the class axis), any integer
    ///     type. Not differentiated.
    ///   - ignoreIndex: A label whose positions contribute neither loss, gradient nor count.
    ///   - weights: Optional non-negative weights, one per position. Not differentiated.
    ///   - reduction: How position losses are combined (default `FocalReduction.mean` over
    ///     the positions not ignored).
    /// - Returns: The reduced loss.
    @differentiable(reverse, wrt: predictions)
    public func callAsFunction<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, labels: [Label],
        ignoreIndex: Int? = nil, weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) -> Scalar {
        stoppingOnInvalidArgument("SoftmaxFocalLoss") { () throws(FocalLossError) in
            try loss(predictions, shape: shape, classAxis: classAxis, labels: labels,
                     ignoreIndex: ignoreIndex, weights: weights, reduction: reduction)
        }
    }

    /// The loss and its pullback: the fused kernel's gradient, captured, times the seed.
    @usableFromInline
    @derivative(of: callAsFunction(_:shape:classAxis:labels:ignoreIndex:weights:reduction:), wrt: predictions)
    func vjpCallAsFunction<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int, labels: [Label],
        ignoreIndex: Int?, weights: [Scalar]?, reduction: FocalReduction
    ) -> (value: Scalar, pullback: (Scalar) -> [Scalar].TangentVector) {
        var gradient: [Scalar] = zeros(count: predictions.count)
        let loss = stoppingOnInvalidArgument("SoftmaxFocalLoss") { () throws(FocalLossError) in
            try lossAndGradient(predictions, shape: shape, classAxis: classAxis, labels: labels,
                                ignoreIndex: ignoreIndex, weights: weights, reduction: reduction, gradient: &gradient)
        }
        return (loss, { [gradient] seed in [Scalar].TangentVector(gradient.scaled(by: seed)) })
    }

    /// The unreduced softmax focal loss for integer labels, one value per position (the shape
    /// without the class axis, 0 at ignored positions), differentiable with respect to the
    /// predictions.
    ///
    /// Each position's loss depends on that position's class values alone, so the pullback
    /// multiplies the gradient of each position's own loss, which
    /// `SoftmaxFocalLoss.elementwiseLossesAndGradient(_:shape:classAxis:labels:ignoreIndex:weights:)`
    /// computes with the losses in one pass, by that position's cotangent.
    ///
    /// Arguments and preconditions as in
    /// ``callAsFunction(_:shape:classAxis:labels:ignoreIndex:weights:reduction:)-([Scalar],_,_,_,_,_,_)``: an invalid
    /// argument stops the program with a message naming it.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see `SoftmaxFocalLoss.input`), row-major in
    ///     `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position (the shape without the class axis), any integer
    ///     type. Not differentiated.
    ///   - ignoreIndex: A label value whose positions contribute neither loss nor gradient.
    ///   - weights: Optional non-negative weights, one per position. Not differentiated.
    /// - Returns: The loss of each position, in the shape of `labels`.
    @differentiable(reverse, wrt: predictions)
    public func unreducedLosses<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, labels: [Label],
        ignoreIndex: Int? = nil, weights: [Scalar]? = nil
    ) -> [Scalar] {
        elementwise(predictions, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex,
                    weights: weights, wantsGradient: false).losses
    }

    /// The losses and their pullback: each position's cotangent times its own gradient.
    @usableFromInline
    @derivative(of: unreducedLosses(_:shape:classAxis:labels:ignoreIndex:weights:), wrt: predictions)
    func vjpUnreducedLosses<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int, labels: [Label],
        ignoreIndex: Int?, weights: [Scalar]?
    ) -> (value: [Scalar], pullback: ([Scalar].TangentVector) -> [Scalar].TangentVector) {
        let (losses, gradient) = elementwise(
            predictions, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex,
            weights: weights, wantsGradient: true)
        let layout = ClassLayout(shape: shape, classAxis: classAxis)
        return (losses, { seeds in
            [Scalar].TangentVector(positionwiseProducts(
                seeds: seeds.base, gradient: gradient, layout: layout, entryPoint: "SoftmaxFocalLoss"))
        })
    }

    /// Each position's loss and, when `wantsGradient`, the gradient of its own loss, from one
    /// pass of the kernel into arrays allocated here.
    private func elementwise<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int, labels: [Label], ignoreIndex: Int?,
        weights: [Scalar]?, wantsGradient: Bool
    ) -> (losses: [Scalar], gradient: [Scalar]) {
        var losses: [Scalar] = zeros(count: ClassLayout(shape: shape, classAxis: classAxis).positions)
        var gradient: [Scalar] = wantsGradient ? zeros(count: predictions.count) : []
        stoppingOnInvalidArgument("SoftmaxFocalLoss") { () throws(FocalLossError) in
            try withOutputs(&losses, &gradient, wanted: wantsGradient) { (l, g) throws(FocalLossError) in
                try withBuffers(predictions, labels, weights) { (x, y, w) throws(FocalLossError) in
                    try elementwiseLosses(x, shape: shape, classAxis: classAxis, labels: y, ignoreIndex: ignoreIndex,
                                          weights: w, losses: l, gradient: g)
                }
            }
        }
        return (losses, gradient)
    }
}
#endif
