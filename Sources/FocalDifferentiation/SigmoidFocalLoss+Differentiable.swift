#if canImport(_Differentiation)
import _Differentiation
import FocalLoss

extension SigmoidFocalLoss where Scalar: Differentiable, Scalar.TangentVector == Scalar {
    /// The reduced sigmoid focal loss, differentiable with respect to the predictions.
    ///
    /// Call it inside differentiable code; the derivative is that of the fused kernel,
    /// `SigmoidFocalLoss.lossAndGradient(_:targets:shape:weights:reduction:)`, computed with the
    /// loss in one pass:
    ///
    /// ```swift
    /// import _Differentiation
    /// import FocalDifferentiation
    /// import FocalLoss
    ///
    /// let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
    /// let (loss, gradient) = valueWithGradient(at: logits) { logits in
    ///     focal(logits, targets: targets)
    /// }
    /// ```
    ///
    /// Only `predictions` is differentiated. `targets` and `weights` are data: pass values that
    /// do not depend on what is being differentiated, or wrap them in `withoutDerivative(at:)`.
    /// The configuration (`gamma`, `alpha`) is a constant of the loss.
    ///
    /// ## Invalid arguments
    /// A differentiable function cannot throw, so this one has preconditions instead: the
    /// arguments must be those that the throwing `SigmoidFocalLoss.loss(_:targets:shape:weights:reduction:)`
    /// accepts (matching counts, finite logits or probabilities in `[0, 1]`, targets in
    /// `[0, 1]`, finite non-negative weights, a valid shape and normaliser). They are checked on
    /// every call, in every build configuration, and a violation stops the program with the
    /// `FocalLossError` description naming the argument, the value and its position, such as
    /// `SigmoidFocalLoss: targets: value 1.5 at index 3 is outside [0, 1]`. The loss never
    /// returns NaN. To check untrusted data without stopping, call the throwing `loss` with it
    /// once before training. A diverged model whose logits become NaN or infinite stops here too.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see `SigmoidFocalLoss.input`), row-major.
    ///   - targets: One target in `[0, 1]` per prediction. Not differentiated.
    ///   - shape: The shape of `predictions`, needed for per-class α; `nil` means flat.
    ///   - weights: Optional non-negative weights, one per prediction (0 masks an element out:
    ///     its gradient is 0). Not differentiated.
    ///   - reduction: How the element losses are combined (default `FocalReduction.mean`).
    /// - Returns: The reduced loss.
    @differentiable(reverse, wrt: predictions)
    public func callAsFunction(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]? = nil,
        weights: [Scalar]? = nil, reduction: FocalReduction = .mean
    ) -> Scalar {
        stoppingOnInvalidArgument("SigmoidFocalLoss") { () throws(FocalLossError) in
            try loss(predictions, targets: targets, shape: shape, weights: weights, reduction: reduction)
        }
    }

    /// The loss and its pullback: the fused kernel's gradient, captured, times the seed.
    @usableFromInline
    @derivative(of: callAsFunction, wrt: predictions)
    func vjpCallAsFunction(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]?, weights: [Scalar]?, reduction: FocalReduction
    ) -> (value: Scalar, pullback: (Scalar) -> [Scalar].TangentVector) {
        var gradient: [Scalar] = zeros(count: predictions.count)
        let loss = stoppingOnInvalidArgument("SigmoidFocalLoss") { () throws(FocalLossError) in
            try lossAndGradient(predictions, targets: targets, shape: shape, weights: weights, reduction: reduction,
                                gradient: &gradient)
        }
        return (loss, { [gradient] seed in [Scalar].TangentVector(gradient.scaled(by: seed)) })
    }

    /// The unreduced sigmoid focal loss, one value per element, differentiable with respect to
    /// the predictions.
    ///
    /// Each element's loss depends on its own prediction alone, so the pullback multiplies each
    /// incoming cotangent by that element's derivative, which
    /// `SigmoidFocalLoss.elementwiseLossesAndGradient(_:targets:shape:weights:)` computes with
    /// the losses in one pass. Differentiating `losses.differentiableReduce(0, +)` gives the same
    /// gradient as ``callAsFunction(_:targets:shape:weights:reduction:)-([Scalar],_,_,_,_)`` with
    /// `FocalReduction.sum`, more slowly; use the reduced form when a plain reduction is all
    /// you need.
    ///
    /// Arguments and preconditions as in ``callAsFunction(_:targets:shape:weights:reduction:)-([Scalar],_,_,_,_)``:
    /// an invalid argument stops the program with a message naming it.
    ///
    /// - Parameters:
    ///   - predictions: Logits or probabilities (see `SigmoidFocalLoss.input`), row-major.
    ///   - targets: One target in `[0, 1]` per prediction. Not differentiated.
    ///   - shape: The shape of `predictions`, needed for per-class α; `nil` means flat.
    ///   - weights: Optional non-negative weights, one per prediction (0 masks an element out:
    ///     its gradient is 0). Not differentiated.
    /// - Returns: The (weighted) loss of each element, shaped like `predictions`.
    @differentiable(reverse, wrt: predictions)
    public func unreducedLosses(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]? = nil, weights: [Scalar]? = nil
    ) -> [Scalar] {
        elementwise(predictions, targets: targets, shape: shape, weights: weights, wantsGradient: false).losses
    }

    /// The losses and their pullback: each cotangent times its element's own derivative.
    @usableFromInline
    @derivative(of: unreducedLosses, wrt: predictions)
    func vjpUnreducedLosses(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]?, weights: [Scalar]?
    ) -> (value: [Scalar], pullback: ([Scalar].TangentVector) -> [Scalar].TangentVector) {
        let (losses, gradient) = elementwise(predictions, targets: targets, shape: shape, weights: weights, wantsGradient: true)
        return (losses, { seeds in
            [Scalar].TangentVector(elementwiseProducts(seeds: seeds.base, gradient: gradient, entryPoint: "SigmoidFocalLoss"))
        })
    }

    /// Each element's loss and, when `wantsGradient`, its own derivative, from one pass of the
    /// kernel into arrays allocated here.
    private func elementwise(
        _ predictions: [Scalar], targets: [Scalar], shape: [Int]?, weights: [Scalar]?, wantsGradient: Bool
    ) -> (losses: [Scalar], gradient: [Scalar]) {
        var losses: [Scalar] = zeros(count: predictions.count)
        var gradient: [Scalar] = wantsGradient ? zeros(count: predictions.count) : []
        stoppingOnInvalidArgument("SigmoidFocalLoss") { () throws(FocalLossError) in
            try withOutputs(&losses, &gradient, wanted: wantsGradient) { (l, g) throws(FocalLossError) in
                try withBuffers(predictions, targets, weights) { (p, t, w) throws(FocalLossError) in
                    try elementwiseLosses(p, targets: t, shape: shape, weights: w, losses: l, gradient: g)
                }
            }
        }
        return (losses, gradient)
    }
}
#endif
