// The entry points that take arrays: they lend their storage to the buffer entry points.

extension SigmoidFocalLoss {
    /// The reduced focal loss.
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
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]? = nil,
        weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) throws(FocalLossError) -> Scalar {
        try withBuffers(predictions, targets, weights) { (p, t, w) throws(FocalLossError) in
            try loss(p, targets: t, shape: shape, weights: w, reduction: reduction)
        }
    }

    /// The reduced focal loss and its gradient with respect to the predictions, from one pass.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), any shape, row-major.
    ///   - targets: One target in `[0, 1]` per prediction: hard 0/1 labels or soft targets.
    ///   - shape: The shape of `predictions`, needed only for per-class α and for error messages;
    ///     when `nil` the input is flat.
    ///   - weights: Optional non-negative weights, one per prediction, multiplying each element's
    ///     loss and gradient (0 masks an element out).
    ///   - reduction: How element losses are combined (default ``FocalReduction/mean``); the
    ///     gradient is that of the reduced loss.
    /// - Returns: The loss and the gradient, shaped like `predictions`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]? = nil,
        weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) throws(FocalLossError) -> (loss: Scalar, gradient: [Scalar]) {
        var gradient = [Scalar]()
        let loss = try lossAndGradient(
            predictions, targets: targets, shape: shape, weights: weights, reduction: reduction,
            gradient: &gradient)
        return (loss, gradient)
    }

    /// The reduced focal loss, with its gradient written into an array the caller keeps.
    ///
    /// When `gradient` already holds `predictions.count` elements its storage is reused, so a
    /// training loop that passes the same array every step allocates nothing; otherwise it is
    /// resized first.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), any shape, row-major.
    ///   - targets: One target in `[0, 1]` per prediction: hard 0/1 labels or soft targets.
    ///   - shape: The shape of `predictions`, needed only for per-class α and for error messages;
    ///     when `nil` the input is flat.
    ///   - weights: Optional non-negative weights, one per prediction, multiplying each element's
    ///     loss and gradient (0 masks an element out).
    ///   - reduction: How element losses are combined (default ``FocalReduction/mean``).
    ///   - gradient: Receives the gradient of the reduced loss, shaped like `predictions`.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element; `gradient` is then
    ///   unspecified.
    public func lossAndGradient(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]? = nil,
        weights: [Scalar]? = nil, reduction: FocalReduction = .mean,
        gradient: inout [Scalar]
    ) throws(FocalLossError) -> Scalar {
        if gradient.count != predictions.count {
            gradient = zeros(predictions.count)
        }
        return try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
            try withBuffers(predictions, targets, weights) { (p, t, w) throws(FocalLossError) in
                try lossAndGradient(p, targets: t, shape: shape, weights: w, reduction: reduction, gradient: g)
            }
        }
    }

    /// The unreduced loss: one value per element (weighted, when weights are given).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), any shape, row-major.
    ///   - targets: One target in `[0, 1]` per prediction: hard 0/1 labels or soft targets.
    ///   - shape: The shape of `predictions`, needed only for per-class α and for error messages;
    ///     when `nil` the input is flat.
    ///   - weights: Optional non-negative weights, one per prediction, multiplying each element's
    ///     loss and gradient (0 masks an element out).
    /// - Returns: The loss of each element, shaped like `predictions`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLosses(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]? = nil, weights: [Scalar]? = nil
    ) throws(FocalLossError) -> [Scalar] {
        var losses: [Scalar] = zeros(predictions.count)
        try losses.withUnsafeMutableBufferPointer { (l) throws(FocalLossError) in
            try withBuffers(predictions, targets, weights) { (p, t, w) throws(FocalLossError) in
                try elementwiseLosses(p, targets: t, shape: shape, weights: w, losses: l, gradient: nil)
            }
        }
        return losses
    }

    /// The unreduced loss and, for each element, the derivative of its own loss.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), any shape, row-major.
    ///   - targets: One target in `[0, 1]` per prediction: hard 0/1 labels or soft targets.
    ///   - shape: The shape of `predictions`, needed only for per-class α and for error messages;
    ///     when `nil` the input is flat.
    ///   - weights: Optional non-negative weights, one per prediction, multiplying each element's
    ///     loss and gradient (0 masks an element out).
    /// - Returns: The loss of each element and the derivative of each element's loss with respect
    ///   to its prediction, both shaped like `predictions`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLossesAndGradient(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]? = nil, weights: [Scalar]? = nil
    ) throws(FocalLossError) -> (losses: [Scalar], gradient: [Scalar]) {
        var losses: [Scalar] = zeros(predictions.count)
        var gradient: [Scalar] = zeros(predictions.count)
        try losses.withUnsafeMutableBufferPointer { (l) throws(FocalLossError) in
            try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
                try withBuffers(predictions, targets, weights) { (p, t, w) throws(FocalLossError) in
                    try elementwiseLosses(p, targets: t, shape: shape, weights: w, losses: l, gradient: g)
                }
            }
        }
        return (losses, gradient)
    }
}
