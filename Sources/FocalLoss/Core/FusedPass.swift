/// What one loss brings to the fused pass: its layout, its element checks and its chunk kernel.
///
/// Every loss of the package computes its value and gradient the same way: the input is a run of
/// *items* (the elements of a sigmoid loss, the positions of a softmax loss) that are cut into
/// chunks depending only on the input's size, each chunk computed by the loss's kernel on some
/// thread, and the chunks' `Double` sums added in chunk order, so the result is bit-identical
/// whatever the number of threads. ``FusedCall`` owns that pipeline (the reduction's scale, the
/// threading, the deferred element checks and the re-scan); a pass supplies only what differs
/// from loss to loss.
protocol FusedPass {
    associatedtype Scalar: FocalScalar

    /// The number of items: the units that the reduction counts, that carry one weight each and
    /// that chunks are cut along.
    var itemCount: Int { get }
    /// The number of predictions (and gradient entries) over all items.
    var valueCount: Int { get }
    /// The shape of the per-item weights, for the location of a bad weight in an error.
    var itemShape: TensorShape { get }
    /// The most threads the call may use; `nil` means one per processor.
    var threads: Int? { get }

    /// Whether some items may be left out of the mean (ignored positions).
    var hasUncountedItems: Bool { get }
    /// Whether the item at `item` counts in the mean; asked only when ``hasUncountedItems``.
    func isCounted(_ item: Int) -> Bool

    /// Whether the kernel checks the elements itself during the pass and reports a bad one by
    /// returning NaN, so that a checked call needs no scan before the pass.
    var checksElementsInPass: Bool { get }
    /// Throws for the first prediction (or target) outside its domain.
    func scanElements() throws(FocalLossError)

    /// The fused kernel over the items in `items`: each item's (weighted) loss, summed in
    /// `Double` and stored in `buffers.losses` when given, and `buffers.scale ·` its gradient
    /// written into `buffers.gradient` when given. Returns the unscaled sum, or NaN when
    /// ``checksElementsInPass`` and an element is bad.
    func run(_ items: Range<Int>, _ buffers: FusedBuffers<Scalar>) -> Double
}

/// The buffers of one run of a fused pass, as its chunks see them.
struct FusedBuffers<Scalar: FocalScalar> {
    /// One non-negative weight per item, or `nil` for weight 1.
    var weights: UnsafeBufferPointer<Scalar>?
    /// What the gradient is multiplied by: the reduction's scale.
    var scale: Scalar
    /// Receives each item's loss, when given (``FusedPass/itemCount`` entries).
    var losses: UnsafeMutableBufferPointer<Scalar>?
    /// Receives the gradient, when given (``FusedPass/valueCount`` entries).
    var gradient: UnsafeMutableBufferPointer<Scalar>?
}

/// A loss call ready to run: its pass, its weights, and whether its element checks are left to
/// the kernel.
struct FusedCall<Pass: FusedPass> {
    typealias Scalar = Pass.Scalar

    let pass: Pass
    let weights: UnsafeBufferPointer<Scalar>?
    /// Whether the elements are still to be checked: the kernel checks them as it runs, and a
    /// NaN sum sends the pipeline back to ``FusedPass/scanElements()`` for the error.
    let deferredChecks: Bool

    /// A checked call: the weights are scanned now (finite and `>= 0`), and the elements either
    /// now or, where the kernel checks them itself, during the pass.
    ///
    /// The weights' count must already have been checked against the layout.
    init(checking pass: Pass, weights: UnsafeBufferPointer<Scalar>?) throws(FocalLossError) {
        if let weights { try Validation.nonNegative(weights, argument: "weights", shape: pass.itemShape) }
        if !pass.checksElementsInPass { try pass.scanElements() }
        self.init(pass: pass, weights: weights, deferredChecks: pass.checksElementsInPass)
    }

    /// A call whose values the caller vouches for: no element or weight is scanned.
    init(trusting pass: Pass, weights: UnsafeBufferPointer<Scalar>?) {
        self.init(pass: pass, weights: weights, deferredChecks: false)
    }

    private init(pass: Pass, weights: UnsafeBufferPointer<Scalar>?, deferredChecks: Bool) {
        self.pass = pass
        self.weights = weights
        self.deferredChecks = deferredChecks
    }

    /// The reduced loss, with the gradient of the reduced loss written into `gradient` when it
    /// is given (``FusedPass/valueCount`` entries).
    ///
    /// Specialised for every pass of the package, so that the per-item work here (the mean's
    /// denominator over the items counted) runs as fast as the kernels: the public entry
    /// points are generic, and without this their calls would reach the pipeline unspecialised.
    @_specialize(where Pass == SigmoidPass<Float>)
    @_specialize(where Pass == SigmoidPass<Double>)
    @_specialize(where Pass == SoftmaxPass<Float>)
    @_specialize(where Pass == SoftmaxPass<Double>)
    func reduced(
        _ reduction: FocalReduction, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Scalar {
        if let gradient { try Validation.count(gradient.count, expected: pass.valueCount, argument: "gradient") }
        try Validation.reduction(reduction)
        let scale: Double
        switch reduction {
        case .sum:
            scale = 1
        case .normalized(let normalizer):
            scale = 1 / normalizer
        case .mean:
            let denominator = meanDenominator()
            if let weights, let rescaled = MeanWeights.rescaled(weights, sum: denominator) {
                return try rescaled.weights.withUnsafeBufferPointer { (w) throws(FocalLossError) in
                    try FusedCall(pass: pass, weights: w, deferredChecks: deferredChecks).reduced(reduction, gradient: gradient)
                }
            }
            scale = denominator > 0 ? 1 / denominator : 0
        }
        if let gradient, !Scalar(scale).isFinite {
            // A scale beyond the type (a normalizer below 1 / Float.greatestFiniteMagnitude):
            // the gradient is computed unscaled and scaled in Double, so an entry of 0 stays 0
            // rather than becoming 0·∞ = NaN.
            let total = try run(scale: 1, losses: nil, gradient: gradient)
            for index in gradient.indices {
                let value = Double(gradient[index]) * scale
                gradient[index] = value.isNaN ? 0 : Scalar(value)
            }
            return Scalar(total * scale)
        }
        let total = try run(scale: Scalar(scale), losses: nil, gradient: gradient)
        return Scalar(total * scale)
    }

    /// Each item's loss written into `losses` (``FusedPass/itemCount`` entries) and, when
    /// `gradient` is given, the gradient of each item's own loss (``FusedPass/valueCount``
    /// entries).
    @_specialize(where Pass == SigmoidPass<Float>)
    @_specialize(where Pass == SigmoidPass<Double>)
    @_specialize(where Pass == SoftmaxPass<Float>)
    @_specialize(where Pass == SoftmaxPass<Double>)
    func elementwise(
        losses: UnsafeMutableBufferPointer<Scalar>, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) {
        try Validation.count(losses.count, expected: pass.itemCount, argument: "losses")
        if let gradient { try Validation.count(gradient.count, expected: pass.valueCount, argument: "gradient") }
        _ = try run(scale: 1, losses: losses, gradient: gradient)
    }

    /// What a mean divides by: the number of items counted, or the sum of their weights.
    @_specialize(where Pass == SigmoidPass<Float>)
    @_specialize(where Pass == SigmoidPass<Double>)
    @_specialize(where Pass == SoftmaxPass<Float>)
    @_specialize(where Pass == SoftmaxPass<Double>)
    private func meanDenominator() -> Double {
        guard pass.hasUncountedItems else {
            return weights.map(blockedSum) ?? Double(pass.itemCount)
        }
        var total = 0.0
        var partial = 0.0
        for item in 0..<pass.itemCount where pass.isCounted(item) {
            partial += weights.map { Double($0[item]) } ?? 1
            if item & 1023 == 1023 {
                total += partial
                partial = 0
            }
        }
        return total + partial
    }

    /// Runs the pass over every item, in chunks that depend only on the input's size (see
    /// `chunkedSum`), on one thread below ``FocalThreading/parallelThreshold`` values; when the
    /// kernel met a bad element, finds it and throws.
    private func run(
        scale: Scalar, losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Double {
        let buffers = FusedBuffers(weights: weights, scale: scale, losses: losses, gradient: gradient)
        let valuesPerItem = max(1, pass.valueCount / max(1, pass.itemCount))
        let threadCount = pass.valueCount < FocalThreading.parallelThreshold
            ? 1 : (pass.threads ?? FocalThreading.defaultThreadCount)
        let pass = self.pass
        let total = chunkedSum(count: pass.itemCount, granularity: max(1, (1 << 14) / valuesPerItem), threads: threadCount) {
            pass.run($0, buffers)
        }
        if deferredChecks && total.isNaN {
            try pass.scanElements()
        }
        return total
    }
}
