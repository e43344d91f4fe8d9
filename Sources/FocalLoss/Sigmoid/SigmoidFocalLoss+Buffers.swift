// The entry points that take buffers the caller owns.

extension SigmoidFocalLoss {
    /// The reduced focal loss of predictions held in a buffer.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), any shape, row-major.
    ///   - targets: One target in `[0, 1]` per prediction: hard 0/1 labels or soft targets.
    ///   - shape: The shape of `predictions`, needed only for per-class α and for error messages;
    ///     when `nil` the input is flat.
    ///   - weights: Optional non-negative weights, one per prediction, multiplying each element's
    ///     loss and gradient (0 masks an element out).
    ///   - reduction: How element losses are combined (default ``FocalReduction/mean``).
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func loss(
        _ predictions: UnsafeBufferPointer<Scalar>, targets: UnsafeBufferPointer<Scalar>,
        shape: [Int]? = nil, weights: UnsafeBufferPointer<Scalar>? = nil,
        reduction: FocalReduction = .mean
    ) throws(FocalLossError) -> Scalar {
        try call(predictions, targets, shape: shape, weights: weights, checked: true).reduced(reduction, gradient: nil)
    }

    /// The reduced focal loss, with its gradient written into `gradient`
    /// (`predictions.count` elements).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), any shape, row-major.
    ///   - targets: One target in `[0, 1]` per prediction: hard 0/1 labels or soft targets.
    ///   - shape: The shape of `predictions`, needed only for per-class α and for error messages;
    ///     when `nil` the input is flat.
    ///   - weights: Optional non-negative weights, one per prediction, multiplying each element's
    ///     loss and gradient (0 masks an element out).
    ///   - reduction: How element losses are combined (default ``FocalReduction/mean``).
    ///   - gradient: Receives the gradient of the reduced loss; `predictions.count` elements.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient(
        _ predictions: UnsafeBufferPointer<Scalar>, targets: UnsafeBufferPointer<Scalar>,
        shape: [Int]? = nil, weights: UnsafeBufferPointer<Scalar>? = nil,
        reduction: FocalReduction = .mean, gradient: UnsafeMutableBufferPointer<Scalar>
    ) throws(FocalLossError) -> Scalar {
        try call(predictions, targets, shape: shape, weights: weights, checked: true).reduced(reduction, gradient: gradient)
    }

    /// The unreduced loss written into `losses`, and optionally each element's derivative of its
    /// own loss into `gradient`; both hold `predictions.count` elements.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), any shape, row-major.
    ///   - targets: One target in `[0, 1]` per prediction: hard 0/1 labels or soft targets.
    ///   - shape: The shape of `predictions`, needed only for per-class α and for error messages;
    ///     when `nil` the input is flat.
    ///   - weights: Optional non-negative weights, one per prediction, multiplying each element's
    ///     loss and gradient (0 masks an element out).
    ///   - losses: Receives the loss of each element.
    ///   - gradient: When given, receives the derivative of each element's loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLosses(
        _ predictions: UnsafeBufferPointer<Scalar>, targets: UnsafeBufferPointer<Scalar>,
        shape: [Int]? = nil, weights: UnsafeBufferPointer<Scalar>? = nil,
        losses: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) {
        try call(predictions, targets, shape: shape, weights: weights, checked: true).elementwise(losses: losses, gradient: gradient)
    }

    /// The reduced loss and optional gradient without the element scans.
    ///
    /// Counts, shapes and parameters are still checked (that costs nothing per element), but the
    /// values are not: the caller guarantees finite logits, probabilities and targets in
    /// `[0, 1]`, and finite non-negative weights. For other values the results are unspecified
    /// (they may be NaN) though memory stays safe. Use it in a training loop whose data were
    /// validated once.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), any shape, row-major.
    ///   - targets: One target in `[0, 1]` per prediction: hard 0/1 labels or soft targets.
    ///   - shape: The shape of `predictions`, needed only for per-class α and for error messages;
    ///     when `nil` the input is flat.
    ///   - weights: Optional non-negative weights, one per prediction, multiplying each element's
    ///     loss and gradient (0 masks an element out).
    ///   - reduction: How element losses are combined (default ``FocalReduction/mean``).
    ///   - gradient: When given, receives the gradient of the reduced loss;
    ///     `predictions.count` elements.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` for a count, shape or parameter that does not fit.
    public func uncheckedLossAndGradient(
        _ predictions: UnsafeBufferPointer<Scalar>, targets: UnsafeBufferPointer<Scalar>,
        shape: [Int]? = nil, weights: UnsafeBufferPointer<Scalar>? = nil,
        reduction: FocalReduction = .mean, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Scalar {
        try call(predictions, targets, shape: shape, weights: weights, checked: false).reduced(reduction, gradient: gradient)
    }
}
