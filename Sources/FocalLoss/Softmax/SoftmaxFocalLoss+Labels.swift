// The entry points that take integer class labels.

extension SoftmaxFocalLoss {
    /// The reduced focal loss for integer class labels.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position: the shape without the class axis, row-major. Any
    ///     integer type (`UInt8` segmentation masks included).
    ///   - ignoreIndex: A label value whose positions contribute neither loss, nor gradient, nor
    ///     count (e.g. `-100`, or `255` in segmentation masks).
    ///   - weights: Optional non-negative weights, one per position.
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``, over
    ///     the positions not ignored).
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func loss<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, labels: [Label],
        ignoreIndex: Int? = nil, weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) throws(FocalLossError) -> Scalar {
        try withBuffers(predictions, labels, weights) { (x, y, w) throws(FocalLossError) in
            try lossAndGradient(x, shape: shape, classAxis: classAxis, labels: y, ignoreIndex: ignoreIndex,
                                weights: w, reduction: reduction, gradient: nil)
        }
    }

    /// The reduced focal loss and its gradient with respect to the predictions, for integer
    /// labels.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position: the shape without the class axis, row-major. Any
    ///     integer type (`UInt8` segmentation masks included).
    ///   - ignoreIndex: A label value whose positions contribute neither loss, nor gradient, nor
    ///     count (e.g. `-100`, or `255` in segmentation masks).
    ///   - weights: Optional non-negative weights, one per position.
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``, over
    ///     the positions not ignored).
    /// - Returns: The loss and the gradient, shaped like `predictions` (zero at ignored positions).
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, labels: [Label],
        ignoreIndex: Int? = nil, weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) throws(FocalLossError) -> (loss: Scalar, gradient: [Scalar]) {
        var gradient = [Scalar]()
        let loss = try lossAndGradient(predictions, shape: shape, classAxis: classAxis, labels: labels,
                                       ignoreIndex: ignoreIndex, weights: weights, reduction: reduction, gradient: &gradient)
        return (loss, gradient)
    }

    /// The reduced focal loss for integer labels, with the gradient written into an array the
    /// caller keeps (reused when it already holds `predictions.count` elements, resized otherwise).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position: the shape without the class axis, row-major. Any
    ///     integer type (`UInt8` segmentation masks included).
    ///   - ignoreIndex: A label value whose positions contribute neither loss, nor gradient, nor
    ///     count (e.g. `-100`, or `255` in segmentation masks).
    ///   - weights: Optional non-negative weights, one per position.
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``, over
    ///     the positions not ignored).
    ///   - gradient: Receives the gradient of the reduced loss, shaped like `predictions`.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, labels: [Label],
        ignoreIndex: Int? = nil, weights: [Scalar]? = nil, reduction: FocalReduction = .mean,
        gradient: inout [Scalar]
    ) throws(FocalLossError) -> Scalar {
        if gradient.count != predictions.count { gradient = zeros(predictions.count) }
        return try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
            try withBuffers(predictions, labels, weights) { (x, y, w) throws(FocalLossError) in
                try lossAndGradient(x, shape: shape, classAxis: classAxis, labels: y, ignoreIndex: ignoreIndex,
                                    weights: w, reduction: reduction, gradient: g)
            }
        }
    }

    /// The unreduced loss for integer labels: one value per position (shape without the class
    /// axis), 0 at ignored positions.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position: the shape without the class axis, row-major. Any
    ///     integer type (`UInt8` segmentation masks included).
    ///   - ignoreIndex: A label value whose positions contribute neither loss, nor gradient, nor
    ///     count (e.g. `-100`, or `255` in segmentation masks).
    ///   - weights: Optional non-negative weights, one per position.
    /// - Returns: The loss of each position, in the shape of `labels`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLosses<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, labels: [Label],
        ignoreIndex: Int? = nil, weights: [Scalar]? = nil
    ) throws(FocalLossError) -> [Scalar] {
        var losses: [Scalar] = zeros(labels.count)
        try losses.withUnsafeMutableBufferPointer { (l) throws(FocalLossError) in
            try withBuffers(predictions, labels, weights) { (x, y, w) throws(FocalLossError) in
                try elementwiseLosses(x, shape: shape, classAxis: classAxis, labels: y, ignoreIndex: ignoreIndex,
                                      weights: w, losses: l, gradient: nil)
            }
        }
        return losses
    }

    /// The unreduced loss for integer labels and, for each position, the gradient of its own
    /// loss (zero at ignored positions).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position: the shape without the class axis, row-major. Any
    ///     integer type (`UInt8` segmentation masks included).
    ///   - ignoreIndex: A label value whose positions contribute neither loss, nor gradient, nor
    ///     count (e.g. `-100`, or `255` in segmentation masks).
    ///   - weights: Optional non-negative weights, one per position.
    /// - Returns: The loss of each position (shaped like `labels`) and the gradient of each
    ///   position's loss with respect to its `C` predictions (shaped like `predictions`).
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLossesAndGradient<Label: FixedWidthInteger>(
        _ predictions: [Scalar], shape: [Int], classAxis: Int = 1, labels: [Label],
        ignoreIndex: Int? = nil, weights: [Scalar]? = nil
    ) throws(FocalLossError) -> (losses: [Scalar], gradient: [Scalar]) {
        var losses: [Scalar] = zeros(labels.count)
        var gradient: [Scalar] = zeros(predictions.count)
        try losses.withUnsafeMutableBufferPointer { (l) throws(FocalLossError) in
            try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
                try withBuffers(predictions, labels, weights) { (x, y, w) throws(FocalLossError) in
                    try elementwiseLosses(x, shape: shape, classAxis: classAxis, labels: y, ignoreIndex: ignoreIndex,
                                          weights: w, losses: l, gradient: g)
                }
            }
        }
        return (losses, gradient)
    }

    /// The reduced loss for integer labels held in buffers, with the gradient written into
    /// `gradient` when it is given (`predictions.count` elements).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position: the shape without the class axis, row-major. Any
    ///     integer type (`UInt8` segmentation masks included).
    ///   - ignoreIndex: A label value whose positions contribute neither loss, nor gradient, nor
    ///     count (e.g. `-100`, or `255` in segmentation masks).
    ///   - weights: Optional non-negative weights, one per position.
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``, over
    ///     the positions not ignored).
    ///   - gradient: When given, receives the gradient of the reduced loss;
    ///     `predictions.count` elements.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient<Label: FixedWidthInteger>(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int = 1,
        labels: UnsafeBufferPointer<Label>, ignoreIndex: Int? = nil,
        weights: UnsafeBufferPointer<Scalar>? = nil, reduction: FocalReduction = .mean,
        gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Scalar {
        try call(predictions, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex,
                 weights: weights, checked: true).reduced(reduction, gradient: gradient)
    }

    /// The unreduced loss for integer labels written into `losses` (one per position), and
    /// optionally each position's own gradient into `gradient` (`predictions.count` elements).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position: the shape without the class axis, row-major. Any
    ///     integer type (`UInt8` segmentation masks included).
    ///   - ignoreIndex: A label value whose positions contribute neither loss, nor gradient, nor
    ///     count (e.g. `-100`, or `255` in segmentation masks).
    ///   - weights: Optional non-negative weights, one per position.
    ///   - losses: Receives the loss of each position; as many elements as `labels`.
    ///   - gradient: When given, receives the gradient of each position's loss;
    ///     `predictions.count` elements.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func elementwiseLosses<Label: FixedWidthInteger>(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int = 1,
        labels: UnsafeBufferPointer<Label>, ignoreIndex: Int? = nil,
        weights: UnsafeBufferPointer<Scalar>? = nil,
        losses: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) {
        try call(predictions, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex,
                 weights: weights, checked: true).elementwise(losses: losses, gradient: gradient)
    }

    /// The reduced loss and optional gradient for integer labels without the element scans of
    /// predictions and weights.
    ///
    /// Counts, shapes, parameters and labels are still checked (a label out of range would read
    /// outside the class weights), but the caller guarantees finite logits or probabilities in
    /// `[0, 1]` and finite non-negative weights; otherwise the results are unspecified.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see ``input``), row-major in `shape`.
    ///   - shape: The shape of `predictions`, with the class axis among its axes.
    ///   - classAxis: The class axis: `1` (default) for `(N, C, ...)`, `-1` for `(..., C)`.
    ///   - labels: One class index per position: the shape without the class axis, row-major. Any
    ///     integer type (`UInt8` segmentation masks included).
    ///   - ignoreIndex: A label value whose positions contribute neither loss, nor gradient, nor
    ///     count (e.g. `-100`, or `255` in segmentation masks).
    ///   - weights: Optional non-negative weights, one per position.
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``, over
    ///     the positions not ignored).
    ///   - gradient: When given, receives the gradient of the reduced loss;
    ///     `predictions.count` elements.
    /// - Returns: The reduced loss.
    /// - Throws: ``FocalLossError`` for a count, shape, parameter or label that does not fit.
    public func uncheckedLossAndGradient<Label: FixedWidthInteger>(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int = 1,
        labels: UnsafeBufferPointer<Label>, ignoreIndex: Int? = nil,
        weights: UnsafeBufferPointer<Scalar>? = nil, reduction: FocalReduction = .mean,
        gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Scalar {
        try call(predictions, shape: shape, classAxis: classAxis, labels: labels, ignoreIndex: ignoreIndex,
                 weights: weights, checked: false).reduced(reduction, gradient: gradient)
    }

    /// A call for integer labels (checked for count and range whatever `checked` says).
    func call<Label: FixedWidthInteger>(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int, labels: UnsafeBufferPointer<Label>,
        ignoreIndex: Int?, weights: UnsafeBufferPointer<Scalar>?, checked: Bool
    ) throws(FocalLossError) -> FusedCall<SoftmaxPass<Scalar>> {
        try call(predictions, shape: shape, classAxis: classAxis, weights: weights, checked: checked) { (plan) throws(FocalLossError) in
            try .labels(LabelBuffer(labels), ignoreIndex: ignoreIndex, plan: plan)
        }
    }
}
