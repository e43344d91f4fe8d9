// The softmax focal loss with integer labels on Float16 storage, computed in Float.

extension SoftmaxFocalLoss where Scalar == Float {
    /// The reduced loss of `Float16` predictions with integer labels, computed in `Float`, with
    /// its gradient rounded once to `Float16` into `gradient`.
    ///
    /// The values are widened exactly to `Float` and the loss is the `Float` loss of those
    /// values; each gradient entry is computed in `Float`, multiplied by `gradientScale` and
    /// rounded once to `Float16` (see
    /// ``SigmoidFocalLoss/lossAndGradient(_:targets:shape:weights:reduction:gradientScale:gradient:)``
    /// on loss scaling).
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (``input``), shaped `shape`.
    ///   - shape: The input's shape; the class axis is `classAxis`.
    ///   - classAxis: The class axis (default 1; negative axes count from the end).
    ///   - labels: One class index per position (the shape without its class axis).
    ///   - ignoreIndex: A label that marks a position to leave out, or `nil`.
    ///   - weights: Optional non-negative weights, one per position.
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``).
    ///   - gradientScale: The factor the gradient is multiplied by before it is rounded to
    ///     `Float16`, finite and `> 0` (default 1); the loss is not scaled.
    ///   - gradient: When given, receives `gradientScale ·` the gradient; `predictions.count`
    ///     elements.
    /// - Returns: The reduced loss, in `Float`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element, or a scaled
    ///   gradient entry beyond `Float16`'s range (lower `gradientScale`).
    public func lossAndGradient<Label: FixedWidthInteger>(
        _ predictions: UnsafeBufferPointer<Float16>, shape: [Int], classAxis: Int = 1,
        labels: UnsafeBufferPointer<Label>, ignoreIndex: Int? = nil,
        weights: UnsafeBufferPointer<Float16>? = nil, reduction: FocalReduction = .mean,
        gradientScale: Float = 1, gradient: UnsafeMutableBufferPointer<Float16>?
    ) throws(FocalLossError) -> Float {
        let tensor = try TensorShape(shape, elementCount: predictions.count, argument: "predictions")
        guard tensor.count > 0 else { throw .emptyInput(argument: "predictions") }
        let axis = try tensor.resolvedAxis(classAxis, argument: "shape")
        let (_, classes, inner) = tensor.split(around: axis)
        let positionShape = try TensorShape(tensor.removing(axis: axis), argument: "shape")
        guard labels.count == positionShape.count else {
            throw .shapeMismatch(argument: "labels", shape: [labels.count], expected: positionShape.extents)
        }
        if let weights, weights.count != positionShape.count {
            throw .shapeMismatch(argument: "weights", shape: [weights.count], expected: positionShape.extents)
        }
        // Slabs of whole blocks of classes × inner values, each a (blocks, classes, inner) input.
        let storage = HalfStorage(valueShape: tensor, itemShape: positionShape, valuesPerItem: classes, block: classes * inner,
                                  threads: threads)
        let slabReduction = HalfStorage.slabReduction(reduction) {
            let isCounted = { (p: Int) in ignoreIndex == nil || Int(exactly: labels[p]) != ignoreIndex }
            return weights?.total(where: isCounted) ?? Double((0..<labels.count).count(where: isCounted))
        }
        var slabLoss = self
        slabLoss.threads = 1
        return try storage.run(predictions, gradient: gradient, gradientScale: gradientScale) { (range, x, g, scratch) throws(FocalLossError) in
            let positions = (range.lowerBound / classes)..<(range.upperBound / classes)
            let y = UnsafeBufferPointer(rebasing: labels[positions])
            let w = weights?.widened(positions, into: scratch)
            return try slabLoss.lossAndGradient(x, shape: [range.count / (classes * inner), classes, inner], classAxis: 1, labels: y,
                                       ignoreIndex: ignoreIndex, weights: w, reduction: slabReduction, gradient: g)
        }
    }

    /// The reduced loss of a `Float16` array with integer labels, computed in `Float`, and its
    /// gradient rounded once to `Float16`.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (``input``), shaped `shape`.
    ///   - shape: The input's shape; the class axis is `classAxis`.
    ///   - classAxis: The class axis (default 1).
    ///   - labels: One class index per position.
    ///   - ignoreIndex: A label that marks a position to leave out, or `nil`.
    ///   - weights: Optional non-negative weights, one per position.
    ///   - reduction: How position losses are combined (default ``FocalReduction/mean``).
    ///   - gradientScale: The factor the gradient is multiplied by before it is rounded
    ///     (default 1).
    /// - Returns: The loss in `Float` and `gradientScale ·` the gradient in `Float16`.
    /// - Throws: ``FocalLossError`` naming the first bad argument or element.
    public func lossAndGradient<Label: FixedWidthInteger>(
        _ predictions: [Float16], shape: [Int], classAxis: Int = 1, labels: [Label], ignoreIndex: Int? = nil,
        weights: [Float16]? = nil, reduction: FocalReduction = .mean, gradientScale: Float = 1
    ) throws(FocalLossError) -> (loss: Float, gradient: [Float16]) {
        var gradient = [Float16](repeating: 0, count: predictions.count)
        let loss = try gradient.withUnsafeMutableBufferPointer { (g) throws(FocalLossError) in
            try withBuffers(predictions, labels, weights) { (x, y, w) throws(FocalLossError) in
                try lossAndGradient(x, shape: shape, classAxis: classAxis, labels: y, ignoreIndex: ignoreIndex,
                                    weights: w, reduction: reduction, gradientScale: gradientScale, gradient: g)
            }
        }
        return (loss, gradient)
    }
}
