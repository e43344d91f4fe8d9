// The entry points that take one-hot or soft target tensors.

extension SoftmaxFocalLoss {
    /// The reduced focal loss for a target tensor: one-hot vectors or soft distributions
    /// (mixup, distillation) of the predictions' shape.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position. Label smoothing, when set, applies to them too.
    ///   - weights: Optional non-negative weights, one per position (0 masks a position out).
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``).
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func loss(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, targets: [Scalar],
        weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) throws(FocalLossError) -> Scalar {
        try withBuffers(predictions, targets, weights) { (x, t, w) throws(FocalLossError) in
            try lossAndGradient(x, shape: shape, classAxis: classAxis, targets: t, weights: w, reduction: reduction, gradient: nil)
        }
    }

    /// The reduced focal loss and its gradient for a target tensor.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position; shaped like `predictions`.
    ///   - weights: Optional non-negative weights, one per position (0 masks a position out).
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``).
    /// - Returns: The loss and the gradient, shaped like `predictions`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, targets: [Scalar],
        weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) throws(FocalLossError) -> (loss: Scalar, gradient: [Scalar]) {
        var gradient = [Scalar]()
        let loss = try lossAndGradient(predictions, shape: shape, classAxis: classAxis, targets: targets,
                                       weights: weights, reduction: reduction, gradient: &gradient)
        return (loss, gradient)
    }

    /// The reduced focal loss for a target tensor, with the gradient written into an array the
    /// caller keeps (reused when it already holds `predictions.count` elements).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position; shaped like `predictions`.
    ///   - weights: Optional non-negative weights, one per position (0 masks a position out).
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``).
    ///   - gradient: Receives the gradient of the reduced loss, shaped like `predictions`.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, targets: [Scalar],
        weights: [Scalar]? = nil, reduction: FocalReduction = .mean, gradient: inout [Scalar]
    ) throws(FocalLossError) -> Scalar {
        if gradient.count != predictions.count { gradient = zeros(predictions.count) }
        return try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
            try withBuffers(predictions, targets, weights) { (x, t, w) throws(FocalLossError) in
                try lossAndGradient(x, shape: shape, classAxis: classAxis, targets: t, weights: w, reduction: reduction, gradient: g)
            }
        }
    }

    /// The unreduced loss for a target tensor: one value per position.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position; shaped like `predictions`.
    ///   - weights: Optional non-negative weights, one per position (0 masks a position out).
    /// - Returns: The loss of each position: the shape without the class axis.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLosses(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, targets: [Scalar], weights: [Scalar]? = nil
    ) throws(FocalLossError) -> [Scalar] {
        try elementwiseLossesAndGradient(predictions, shape: shape, classAxis: classAxis, targets: targets,
                                         weights: weights, gradient: false).losses
    }

    /// The unreduced loss for a target tensor and each position's own gradient.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position; shaped like `predictions`.
    ///   - weights: Optional non-negative weights, one per position (0 masks a position out).
    /// - Returns: The loss of each position (the shape without the class axis) and the gradient
    ///   of each position's loss with respect to its `C` predictions (shaped like `predictions`).
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLossesAndGradient(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, targets: [Scalar], weights: [Scalar]? = nil
    ) throws(FocalLossError) -> (losses: [Scalar], gradient: [Scalar]) {
        try elementwiseLossesAndGradient(predictions, shape: shape, classAxis: classAxis, targets: targets,
                                         weights: weights, gradient: true)
    }

    private func elementwiseLossesAndGradient(
        _ predictions: [Scalar], shape: [Int], classAxis: Int, targets: [Scalar], weights: [Scalar]?, gradient wanted: Bool
    ) throws(FocalLossError) -> (losses: [Scalar], gradient: [Scalar]) {
        let positions = Self.positionCount(shape: shape, classAxis: classAxis)
        var losses: [Scalar] = zeros(positions)
        var gradient: [Scalar] = zeros(wanted ? predictions.count : 0)
        try losses.withUnsafeMutableBufferPointer { (l) throws(FocalLossError) in
            try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
                try withBuffers(predictions, targets, weights) { (x, t, w) throws(FocalLossError) in
                    try elementwiseLosses(x, shape: shape, classAxis: classAxis, targets: t, weights: w,
                                          losses: l, gradient: wanted ? g : nil)
                }
            }
        }
        return (losses, gradient)
    }

    /// The reduced loss for a target tensor held in buffers, with the gradient written into
    /// `gradient` when it is given.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position; shaped like `predictions`.
    ///   - weights: Optional non-negative weights, one per position (0 masks a position out).
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``).
    ///   - gradient: When given, receives the gradient of the reduced loss;
    ///     `predictions.count` elements.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int = 1,
        targets: UnsafeBufferPointer<Scalar>, weights: UnsafeBufferPointer<Scalar>? = nil,
        reduction: FocalReduction = .mean, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Scalar {
        try call(predictions, shape: shape, classAxis: classAxis, targets: targets, weights: weights, checked: true)
            .reduced(reduction, gradient: gradient)
    }

    /// The unreduced loss for a target tensor written into `losses` (one per position), and
    /// optionally each position's own gradient into `gradient`.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position; shaped like `predictions`.
    ///   - weights: Optional non-negative weights, one per position (0 masks a position out).
    ///   - losses: Receives the loss of each position; one element per position.
    ///   - gradient: When given, receives the gradient of each position's loss;
    ///     `predictions.count` elements.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLosses(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int = 1,
        targets: UnsafeBufferPointer<Scalar>, weights: UnsafeBufferPointer<Scalar>? = nil,
        losses: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) {
        try call(predictions, shape: shape, classAxis: classAxis, targets: targets, weights: weights, checked: true)
            .elementwise(losses: losses, gradient: gradient)
    }

    /// The reduced loss and optional gradient for a target tensor without the element scans:
    /// the caller guarantees finite predictions in range, finite non-negative targets and weights.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions` and of `targets`.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - targets: Finite, non-negative target weights per class, usually summing to 1 at each
    ///     position; shaped like `predictions`.
    ///   - weights: Optional non-negative weights, one per position (0 masks a position out).
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``).
    ///   - gradient: When given, receives the gradient of the reduced loss;
    ///     `predictions.count` elements.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` for a count, shape or parameter that does not fit.
    public func uncheckedLossAndGradient(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int = 1,
        targets: UnsafeBufferPointer<Scalar>, weights: UnsafeBufferPointer<Scalar>? = nil,
        reduction: FocalReduction = .mean, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Scalar {
        try call(predictions, shape: shape, classAxis: classAxis, targets: targets, weights: weights, checked: false)
            .reduced(reduction, gradient: gradient)
    }

    /// A call for a target tensor (checked for count; for finite, non-negative values when
    /// `checked`).
    func call(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int, targets: UnsafeBufferPointer<Scalar>,
        weights: UnsafeBufferPointer<Scalar>?, checked: Bool
    ) throws(FocalLossError) -> FusedCall<SoftmaxPass<Scalar>> {
        try call(predictions, shape: shape, classAxis: classAxis, weights: weights, checked: checked) { (plan) throws(FocalLossError) in
            try .distributions(targets, plan: plan, validating: checked)
        }
    }
}
