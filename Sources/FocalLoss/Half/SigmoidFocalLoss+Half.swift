// The sigmoid focal loss on Float16 storage, computed in Float.

extension SigmoidFocalLoss where Scalar == Float {
    /// The reduced loss of `Float16` predictions and targets, computed in `Float`, with its
    /// gradient rounded once to `Float16` into `gradient`.
    ///
    /// Every `Float16` is a `Float`, so the values are widened exactly and the loss is the
    /// `Float` loss of those values (within 2e-5 relative of their exact loss); each gradient
    /// entry is computed in `Float`, multiplied by `gradientScale` and rounded once to
    /// `Float16`. A mean over many elements has entries far below `Float16`'s smallest
    /// subnormal (6e-8): scale the gradient up before it is rounded (loss scaling, as in
    /// mixed-precision training; a power of two keeps the product exact) and divide the update
    /// by the same factor.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (``input``).
    ///   - targets: One target in `[0, 1]` per prediction.
    ///   - shape: The input's shape (needed for per-class α); `nil` is one dimension.
    ///   - weights: Optional non-negative weights, one per element.
    ///   - reduction: How element losses are combined (default ``FocalReduction/mean``).
    ///   - gradientScale: The factor the gradient is multiplied by before it is rounded to
    ///     `Float16`, finite and `> 0` (default 1); the loss is not scaled.
    ///   - gradient: When given, receives `gradientScale ·` the gradient; `predictions.count`
    ///     elements.
    /// - Returns: The reduced loss, in `Float`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element (infinity and NaN
    ///   among the predictions with their position), or a scaled gradient entry beyond
    ///   `Float16`'s range (lower `gradientScale`).
    public func lossAndGradient(
        _ predictions: UnsafeBufferPointer<Float16>, targets: UnsafeBufferPointer<Float16>,
        shape: [Int]? = nil, weights: UnsafeBufferPointer<Float16>? = nil,
        reduction: FocalReduction = .mean, gradientScale: Float = 1, gradient: UnsafeMutableBufferPointer<Float16>?
    ) throws(FocalLossError) -> Float {
        let plan = try SigmoidPlan(self, predictions: predictions.count, targets: targets.count, weights: weights?.count, shape: shape)
        // Slabs of whole blocks of per-class α, each a (blocks, classes, inner) input of its own.
        let perClass = plan.classes > 1
        // The slabs' loss is this one (its variant included) on one thread, per-class α on axis 1.
        var slabAlpha = alpha
        if case .perClass(let values, _) = alpha { slabAlpha = .perClass(values, classAxis: 1) }
        let slabLoss = try SigmoidFocalLoss(gamma: gamma, alpha: slabAlpha, variant: variant, input: input, threads: 1)
        let storage = HalfStorage(valueShape: plan.shape, itemShape: plan.shape, valuesPerItem: 1,
                                  block: perClass ? plan.classes * plan.inner : 8, threads: threads)
        let slabReduction = HalfStorage.slabReduction(reduction) { weights?.total() ?? Double(predictions.count) }
        let capacity = storage.slabCapacity
        return try storage.run(predictions, gradient: gradient, gradientScale: gradientScale) { (range, x, g, scratch) throws(FocalLossError) in
            let t = targets.widened(range, into: UnsafeMutableBufferPointer(rebasing: scratch[..<capacity]))
            let w = weights?.widened(range, into: UnsafeMutableBufferPointer(rebasing: scratch[capacity...]))
            let slabShape = perClass ? [range.count / (plan.classes * plan.inner), plan.classes, plan.inner] : nil
            guard let g else { return try slabLoss.loss(x, targets: t, shape: slabShape, weights: w, reduction: slabReduction) }
            return try slabLoss.lossAndGradient(x, targets: t, shape: slabShape, weights: w, reduction: slabReduction, gradient: g)
        }
    }

    /// The reduced loss of `Float16` arrays, computed in `Float`, and its gradient rounded once
    /// to `Float16` (see ``lossAndGradient(_:targets:shape:weights:reduction:gradientScale:gradient:)``).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (``input``).
    ///   - targets: One target in `[0, 1]` per prediction.
    ///   - shape: The input's shape (needed for per-class α); `nil` is one dimension.
    ///   - weights: Optional non-negative weights, one per element.
    ///   - reduction: How element losses are combined (default ``FocalReduction/mean``).
    ///   - gradientScale: The factor the gradient is multiplied by before it is rounded
    ///     (default 1).
    /// - Returns: The loss in `Float` and `gradientScale ·` the gradient in `Float16`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient(
        _ predictions: [Float16], targets: [Float16], shape: [Int]? = nil, weights: [Float16]? = nil,
        reduction: FocalReduction = .mean, gradientScale: Float = 1
    ) throws(FocalLossError) -> (loss: Float, gradient: [Float16]) {
        var gradient = [Float16](repeating: 0, count: predictions.count)
        let loss = try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
            try withBuffers(predictions, targets, weights) { (x, t, w) throws(FocalLossError) in
                try lossAndGradient(x, targets: t, shape: shape, weights: w, reduction: reduction,
                                    gradientScale: gradientScale, gradient: g)
            }
        }
        return (loss, gradient)
    }
}
