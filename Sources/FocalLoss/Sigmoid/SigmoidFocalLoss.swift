/// The sigmoid focal loss of Lin et al. (2017), for binary and multi-label classification and
/// for dense per-pixel binary maps.
///
/// Every element of the input is an independent binary problem: with `p = sigmoid(x)` (or `p`
/// given directly), target `t` in `[0, 1]` and `p_t = p·t + (1 - p)·(1 - t)`,
///
///     loss = α_t · (1 - p_t)^γ · ce,   ce = -(t·log p + (1 - t)·log(1 - p)),
///
/// where `α_t = α·t + (1 - α)·(1 - t)` when ``alpha-swift.property`` is given and `1` otherwise.
/// This is the definition of torchvision's `sigmoid_focal_loss`; `γ = 0` without `α` is binary
/// cross-entropy.
///
/// ```swift
/// let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
/// let logits: [Float] = [2.5, -1.0, 0.3, -4.0]
/// let targets: [Float] = [1, 0, 1, 0]
/// let (loss, gradient) = try focal.lossAndGradient(logits, targets: targets)
/// ```
///
/// The loss and its gradient come from one fused pass over the data with no temporary arrays;
/// the forms taking an `inout` array or an `UnsafeMutableBufferPointer` write the gradient into
/// memory the caller owns, so a training loop allocates nothing per step.
///
/// ## Validation
/// The checked entry points check every element (logits finite, probabilities and targets in
/// `[0, 1]`, weights finite and `>= 0`) and throw a ``FocalLossError`` naming the first bad one.
/// `Float` logits and targets are checked inside the fused pass itself, at almost no cost; a bad
/// element is then reported after the pass, so the outputs (`gradient`, `losses`) may already be
/// partly written when the call throws. Other inputs are scanned before the pass.
/// ``uncheckedLossAndGradient(_:targets:shape:weights:reduction:gradient:)`` skips the element checks.
public struct SigmoidFocalLoss<Scalar: FocalScalar>: Sendable, Hashable {
    /// The class-balance weight α of the sigmoid focal loss.
    public enum Alpha: Sendable, Hashable, ExpressibleByFloatLiteral {
        /// No weighting: every element counts once.
        case none
        /// Weight `α` on the positive term and `1 - α` on the negative term of every element
        /// (the paper uses `α = 0.25` with `γ = 2`).
        case balanced(Scalar)
        /// One `α` per class for multi-label input, the classes running along `classAxis` of the
        /// input's shape (negative axes count from the end), each with the meaning of
        /// ``balanced(_:)`` for its class.
        case perClass([Scalar], classAxis: Int)

        /// A literal is ``balanced(_:)``: `alpha: 0.25`.
        ///
        /// - Parameter value: The weight α of the positive term, in `[0, 1]`.
        public init(floatLiteral value: Double) {
            self = .balanced(Scalar(value))
        }
    }

    /// The focusing parameter γ `>= 0`; `0` gives cross-entropy, the paper uses `2`.
    public let gamma: Scalar
    /// The class-balance weighting.
    public let alpha: Alpha
    /// Whether the kernels are given logits or probabilities.
    public let input: PredictionKind
    /// The most threads a call may use; `nil` (the default) means one per processor. Inputs
    /// below ``FocalThreading/parallelThreshold`` elements always run on the calling thread.
    /// The loss is bit-identical whatever the setting.
    public var threads: Int?

    /// Creates a sigmoid focal loss.
    ///
    /// - Parameters:
    ///   - gamma: The focusing parameter, finite and `>= 0` (default 2).
    ///   - alpha: The class-balance weighting (default none); every α must be in `[0, 1]`.
    ///   - input: Whether predictions are logits (default) or probabilities.
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` for a bad `gamma`
    ///   or `alpha`.
    public init(
        gamma: Scalar = 2, alpha: Alpha = .none, input: PredictionKind = .logits, threads: Int? = nil
    ) throws(FocalLossError) {
        try Validation.gamma(gamma)
        switch alpha {
        case .none:
            break
        case .balanced(let value):
            try Validation.unitInterval(value, name: "alpha")
        case .perClass(let values, _):
            guard !values.isEmpty else { throw .emptyInput(argument: "alpha") }
            for (index, value) in values.enumerated() {
                try Validation.unitInterval(value, name: "alpha[\(index)]")
            }
        }
        self.gamma = gamma
        self.alpha = alpha
        self.input = input
        self.threads = threads
    }
}

// MARK: - Arrays

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

// MARK: - Buffers

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
        let plan = try checkedPlan(predictions, targets, shape, weights)
        return try evaluate(plan, predictions, targets, weights, reduction: reduction, losses: nil, gradient: nil)
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
        let plan = try checkedPlan(predictions, targets, shape, weights)
        try Validation.count(gradient.count, expected: predictions.count, argument: "gradient")
        return try evaluate(plan, predictions, targets, weights, reduction: reduction, losses: nil, gradient: gradient)
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
        let plan = try checkedPlan(predictions, targets, shape, weights)
        try Validation.count(losses.count, expected: predictions.count, argument: "losses")
        if let gradient {
            try Validation.count(gradient.count, expected: predictions.count, argument: "gradient")
        }
        _ = try checkedRun(plan, predictions, targets, weights, scale: 1, losses: losses, gradient: gradient)
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
        let plan = try layoutPlan(predictions, targets, shape, weights)
        if let gradient {
            try Validation.count(gradient.count, expected: predictions.count, argument: "gradient")
        }
        return try evaluate(plan, predictions, targets, weights, reduction: reduction, losses: nil, gradient: gradient)
    }
}

// MARK: - Implementation

extension SigmoidFocalLoss {
    /// How α falls on the flat input: `outer` blocks of `classes` runs of `inner` elements, the
    /// run of class `c` weighted by `alphaPositive[c]` and `alphaNegative[c]`.

    struct Plan {
        var shape: TensorShape
        var outer: Int
        var classes: Int
        var inner: Int
        var alphaPositive: [Scalar]
        var alphaNegative: [Scalar]
        /// Whether the logits and targets are still to be checked: the vector kernel checks them
        /// during its pass and reports a bad element by a NaN sum, after which
        /// ``SigmoidFocalLoss/scanElements(_:_:_:)`` finds the first one and throws.
        var elementsUnchecked = false
    }

    func layoutPlan(
        _ predictions: UnsafeBufferPointer<Scalar>, _ targets: UnsafeBufferPointer<Scalar>,
        _ shape: [Int]?, _ weights: UnsafeBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Plan {
        let tensor = try TensorShape(shape, elementCount: predictions.count, argument: "predictions")
        guard tensor.count > 0 else { throw .emptyInput(argument: "predictions") }
        try Validation.count(targets.count, expected: tensor.count, argument: "targets")
        if let weights { try Validation.count(weights.count, expected: tensor.count, argument: "weights") }
        switch alpha {
        case .none:
            return Plan(shape: tensor, outer: 1, classes: 1, inner: tensor.count, alphaPositive: [1], alphaNegative: [1])
        case .balanced(let value):
            return Plan(shape: tensor, outer: 1, classes: 1, inner: tensor.count, alphaPositive: [value], alphaNegative: [1 - value])
        case .perClass(let values, let classAxis):
            let axis = try tensor.resolvedAxis(classAxis, argument: "shape")
            let (outer, classes, inner) = tensor.split(around: axis)
            guard classes == values.count else {
                throw .countMismatch(argument: "alpha", count: values.count, expected: classes)
            }
            return Plan(shape: tensor, outer: outer, classes: classes, inner: inner,
                        alphaPositive: values, alphaNegative: values.map { 1 - $0 })
        }
    }

    func checkedPlan(
        _ predictions: UnsafeBufferPointer<Scalar>, _ targets: UnsafeBufferPointer<Scalar>,
        _ shape: [Int]?, _ weights: UnsafeBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Plan {
        var plan = try layoutPlan(predictions, targets, shape, weights)
        if let weights { try Validation.nonNegative(weights, argument: "weights", shape: plan.shape) }
        if isVectorized {
            plan.elementsUnchecked = true
        } else {
            try scanElements(plan, predictions, targets)
        }
        return plan
    }

    /// Throws for the first prediction or target outside its domain.
    func scanElements(
        _ plan: Plan, _ predictions: UnsafeBufferPointer<Scalar>, _ targets: UnsafeBufferPointer<Scalar>
    ) throws(FocalLossError) {
        switch input {
        case .logits: try Validation.finite(predictions, argument: "logits", shape: plan.shape)
        case .probabilities: try Validation.unitInterval(predictions, argument: "probabilities", shape: plan.shape)
        }
        try Validation.unitInterval(targets, argument: "targets", shape: plan.shape)
    }

    /// Runs the fused pass; when the plan left the element checks to the kernel and the kernel
    /// met a bad element, finds it and throws.
    func checkedRun(
        _ plan: Plan, _ predictions: UnsafeBufferPointer<Scalar>, _ targets: UnsafeBufferPointer<Scalar>,
        _ weights: UnsafeBufferPointer<Scalar>?, scale: Scalar,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Double {
        let total = run(plan, predictions, targets, weights, scale: scale, losses: losses, gradient: gradient)
        if plan.elementsUnchecked && total.isNaN {
            try scanElements(plan, predictions, targets)
        }
        return total
    }

    /// Whether `Float` logits take the vector kernel.
    var isVectorized: Bool { Scalar.self == Float.self && input == .logits }

    /// Reduces: works out the scale of the reduction, then runs the fused pass.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func evaluate(
        _ plan: Plan, _ predictions: UnsafeBufferPointer<Scalar>, _ targets: UnsafeBufferPointer<Scalar>,
        _ weights: UnsafeBufferPointer<Scalar>?, reduction: FocalReduction,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Scalar {
        try Validation.reduction(reduction)
        let scale: Double
        switch reduction {
        case .sum:
            scale = 1
        case .mean:
            let denominator = weights.map(blockedSum) ?? Double(plan.shape.count)
            if let weights, let rescaled = MeanWeights.rescaled(weights, sum: denominator) {
                return try rescaled.weights.withUnsafeBufferPointer { (w) throws(FocalLossError) in
                    try evaluate(plan, predictions, targets, w, reduction: reduction, losses: losses, gradient: gradient)
                }
            }
            scale = denominator > 0 ? 1 / denominator : 0
        case .normalized(let normalizer):
            scale = 1 / normalizer
        }
        let total = try checkedRun(
            plan, predictions, targets, weights, scale: Scalar(scale), losses: losses, gradient: gradient)
        return Scalar(total * scale)
    }

    /// The fused pass: per-element losses (weighted) summed in `Double`, optionally stored, and
    /// the gradient times `scale` written. Returns the unscaled weighted sum.
    ///
    /// The input is cut into chunks that depend only on its size (see `chunkedSum`), so the sum
    /// is bit-identical whatever the number of threads. `Float` logits take the 16-lane vector
    /// kernel; everything else the scalar kernel.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func run(
        _ plan: Plan, _ predictions: UnsafeBufferPointer<Scalar>, _ targets: UnsafeBufferPointer<Scalar>,
        _ weights: UnsafeBufferPointer<Scalar>?, scale: Scalar,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) -> Double {
        let operands = Operands(
            x: predictions.baseAddress!, t: targets.baseAddress!, w: weights?.baseAddress,
            losses: losses?.baseAddress, gradient: gradient?.baseAddress, scale: scale)
        let vectorized = isVectorized
        let threadCount = plan.shape.count < FocalThreading.parallelThreshold ? 1 : (threads ?? FocalThreading.defaultThreadCount)
        return chunkedSum(count: plan.shape.count, granularity: 1 << 14, threads: threadCount) { range in
            var total = 0.0
            plan.forEachRun(in: range) { start, end, alphaOffset, alphaStride in
                total += vectorized
                    ? runVector(operands, start, end, plan, alphaOffset, alphaStride)
                    : runScalar(operands, start, end, plan, alphaOffset, alphaStride)
            }
            return total
        }
    }

    /// Base addresses of a run's arrays.
    struct Operands: @unchecked Sendable {
        var x: UnsafePointer<Scalar>
        var t: UnsafePointer<Scalar>
        var w: UnsafePointer<Scalar>?
        var losses: UnsafeMutablePointer<Scalar>?
        var gradient: UnsafeMutablePointer<Scalar>?
        var scale: Scalar
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func runScalar(_ o: Operands, _ start: Int, _ end: Int, _ plan: Plan, _ alphaOffset: Int, _ alphaStride: Int) -> Double {
        let term = SigmoidFocalTerm(gamma: gamma)
        let fromLogits = input == .logits
        var total = 0.0
        var partial = 0.0
        for i in start..<end {
            let a = alphaOffset + (i - start) * alphaStride
            let alphaPositive = plan.alphaPositive[a], alphaNegative = plan.alphaNegative[a]
            var (loss, derivative) = fromLogits
                ? term.fromLogit(o.x[i], target: o.t[i], alphaPositive: alphaPositive, alphaNegative: alphaNegative)
                : term.fromProbability(o.x[i], target: o.t[i], alphaPositive: alphaPositive, alphaNegative: alphaNegative)
            if let w = o.w {
                loss *= w[i]
                derivative *= w[i]
            }
            partial += Double(loss)
            o.losses?[i] = loss
            o.gradient?[i] = derivative * o.scale
            if (i - start) & 1023 == 1023 {
                total += partial
                partial = 0
            }
        }
        return total + partial
    }

    private func runVector(_ o: Operands, _ start: Int, _ end: Int, _ plan: Plan, _ alphaOffset: Int, _ alphaStride: Int) -> Double {
        func float(_ pointer: UnsafePointer<Scalar>) -> UnsafePointer<Float> {
            UnsafeRawPointer(pointer).assumingMemoryBound(to: Float.self)
        }
        func float(_ pointer: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<Float> {
            UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Float.self)
        }
        return plan.alphaPositive.withUnsafeBufferPointer { positive in
            plan.alphaNegative.withUnsafeBufferPointer { negative in
                SigmoidVectorKernel().run(
                    SigmoidVectorKernel.Operands(
                        logits: float(o.x + start), targets: float(o.t + start), weights: o.w.map { float($0 + start) },
                        alphaPositive: float(positive.baseAddress! + alphaOffset),
                        alphaNegative: float(negative.baseAddress! + alphaOffset),
                        alphaStride: alphaStride, count: end - start, scale: Float(o.scale),
                        losses: o.losses.map { float($0 + start) }, gradient: o.gradient.map { float($0 + start) }),
                    gamma: Float(gamma))
            }
        }
    }
}

extension SigmoidFocalLoss.Plan {
    /// Calls `body` for each stretch of `range` over which α is either one value (stride 0) or
    /// runs along the elements (stride 1), with the index of the first α.
    func forEachRun(in range: Range<Int>, _ body: (_ start: Int, _ end: Int, _ alphaOffset: Int, _ alphaStride: Int) -> Void) {
        if classes == 1 {
            body(range.lowerBound, range.upperBound, 0, 0)
        } else if inner == 1 {
            // Class-last: α repeats with each row of `classes` elements.
            var start = range.lowerBound
            while start < range.upperBound {
                let column = start % classes
                let end = min(range.upperBound, start - column + classes)
                body(start, end, column, 1)
                start = end
            }
        } else {
            var start = range.lowerBound
            while start < range.upperBound {
                let segment = start / inner
                let end = min(range.upperBound, (segment + 1) * inner)
                body(start, end, segment % classes, 0)
                start = end
            }
        }
    }
}

/// Calls `body` with buffers of the three arrays.
@inline(__always)
func withBuffers<Scalar, Result>(
    _ a: [Scalar], _ b: [Scalar], _ c: [Scalar]?,
    _ body: (UnsafeBufferPointer<Scalar>, UnsafeBufferPointer<Scalar>, UnsafeBufferPointer<Scalar>?) throws(FocalLossError) -> Result
) throws(FocalLossError) -> Result {
    try a.withUnsafeBufferPointer { (a) throws(FocalLossError) in
        try b.withUnsafeBufferPointer { (b) throws(FocalLossError) in
            if let c {
                return try c.withUnsafeBufferPointer { (c) throws(FocalLossError) in try body(a, b, c) }
            }
            return try body(a, b, nil)
        }
    }
}
