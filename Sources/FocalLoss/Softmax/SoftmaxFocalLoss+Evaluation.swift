// Planning, validation and the fused pass of the softmax focal loss.

/// Where the targets of each position come from.
enum SoftmaxTargets<Scalar: FocalScalar> {
    case labels(LabelBuffer, ignoreIndex: Int?)
    case distributions(UnsafeBufferPointer<Scalar>)

    /// Labels, checked for count and range (always: a label out of range would index outside
    /// the class weights and the gradient).
    static func labels(
        _ labels: LabelBuffer, ignoreIndex: Int?, plan: SoftmaxPlan<Scalar>
    ) throws(FocalLossError) -> Self {
        guard labels.count == plan.positions else {
            throw .shapeMismatch(argument: "labels", shape: [labels.count], expected: plan.positionShape.extents)
        }
        for index in 0..<labels.count {
            let label = labels[index]
            if label >= 0 && label < plan.classes || label == ignoreIndex { continue }
            throw .labelOutOfRange(label: label, classCount: plan.classes, location: plan.positionShape.location(ofOffset: index))
        }
        return .labels(labels, ignoreIndex: ignoreIndex)
    }

    /// A target tensor, checked for count and, when `validating`, for finite non-negative values.
    static func distributions(
        _ targets: UnsafeBufferPointer<Scalar>, plan: SoftmaxPlan<Scalar>, validating: Bool
    ) throws(FocalLossError) -> Self {
        try Validation.count(targets.count, expected: plan.shape.count, argument: "targets")
        if validating { try Validation.nonNegative(targets, argument: "targets", shape: plan.shape) }
        return .distributions(targets)
    }

    /// Whether the position at `index` is ignored.
    @inline(__always)
    func isIgnored(_ position: Int) -> Bool {
        if case .labels(let labels, let ignoreIndex?) = self { return labels[position] == ignoreIndex }
        return false
    }
}

/// The layout of a softmax call: `outer` blocks of `classes × inner` values; the `classes` values
/// of position `(o, j)` start at `o·classes·inner + j` with stride `inner`.
struct SoftmaxPlan<Scalar: FocalScalar> {
    var shape: TensorShape
    var positionShape: TensorShape
    var outer: Int
    var classes: Int
    var inner: Int
    var positions: Int { outer * inner }
    var classWeights: [Scalar]?
}

extension SoftmaxFocalLoss {
    /// The number of positions of `shape` with its class axis removed (0 if the shape is bad;
    /// the call that uses it reports that).
    static func positionCount(shape: [Int], classAxis: Int) -> Int {
        guard let tensor = try? TensorShape(shape, argument: "shape"),
              let axis = try? tensor.resolvedAxis(classAxis, argument: "shape") else { return 0 }
        return tensor.removing(axis: axis).reduce(1, *)
    }

    func makePlan(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int,
        weights: UnsafeBufferPointer<Scalar>?
    ) throws(FocalLossError) -> SoftmaxPlan<Scalar> {
        let tensor = try TensorShape(shape, elementCount: predictions.count, argument: "predictions")
        guard tensor.count > 0 else { throw .emptyInput(argument: "predictions") }
        let axis = try tensor.resolvedAxis(classAxis, argument: "shape")
        let (outer, classes, inner) = tensor.split(around: axis)
        let positionShape = try TensorShape(tensor.removing(axis: axis), argument: "shape")
        if let weights {
            guard weights.count == positionShape.count else {
                throw .shapeMismatch(argument: "weights", shape: [weights.count], expected: positionShape.extents)
            }
        }
        let classWeights: [Scalar]?
        switch alpha {
        case .none: classWeights = nil
        case .constant(let value): classWeights = [Scalar](repeating: value, count: classes)
        case .perClass(let values):
            guard values.count == classes else {
                throw .countMismatch(argument: "alpha", count: values.count, expected: classes)
            }
            classWeights = values
        }
        return SoftmaxPlan(shape: tensor, positionShape: positionShape, outer: outer, classes: classes,
                           inner: inner, classWeights: classWeights)
    }


    /// A call with its counts, shape, parameters and labels checked, and its values checked or
    /// trusted.
    ///
    /// - Parameters:
    ///   - targets: Makes the targets from the plan, checking their count (and labels' range).
    ///   - checked: Whether the weights and predictions are scanned (now, or by the kernel).
    func call(
        _ predictions: UnsafeBufferPointer<Scalar>, shape: [Int], classAxis: Int, weights: UnsafeBufferPointer<Scalar>?,
        checked: Bool, targets: (SoftmaxPlan<Scalar>) throws(FocalLossError) -> SoftmaxTargets<Scalar>
    ) throws(FocalLossError) -> FusedCall<SoftmaxPass<Scalar>> {
        let plan = try makePlan(predictions, shape: shape, classAxis: classAxis, weights: weights)
        let pass = SoftmaxPass(loss: self, plan: plan, predictions: predictions, targets: try targets(plan))
        return checked ? try FusedCall(checking: pass, weights: weights) : FusedCall(trusting: pass, weights: weights)
    }
}

/// One softmax call as a ``FusedPass``: every position (the shape without its class axis) is an
/// item, with its `C` predictions, its label or target distribution, and its weight.
struct SoftmaxPass<Scalar: FocalScalar>: FusedPass {
    let loss: SoftmaxFocalLoss<Scalar>
    let plan: SoftmaxPlan<Scalar>
    let predictions: UnsafeBufferPointer<Scalar>
    let targets: SoftmaxTargets<Scalar>

    var itemCount: Int { plan.positions }
    var valueCount: Int { plan.shape.count }
    var itemShape: TensorShape { plan.positionShape }
    var threads: Int? { loss.threads }

    /// Positions labelled with the ignore index count neither in the loss nor in the mean.
    var hasUncountedItems: Bool {
        if case .labels(_, ignoreIndex: .some) = targets { return true }
        return false
    }

    func isCounted(_ item: Int) -> Bool { !targets.isIgnored(item) }

    /// Whether the pass takes a vector kernel, which checks the logits as it goes: `Float` or
    /// `Double` logits, integer labels, no label smoothing, class-last or at least a vector of
    /// positions per class.
    var checksElementsInPass: Bool {
        guard case .labels = targets, Scalar.hasVectorKernels, loss.input == .logits, loss.labelSmoothing == 0 else {
            return false
        }
        let lanes = Scalar.self == Float.self ? FloatVectorMath.Vector.scalarCount : DoubleVectorMath.Vector.scalarCount
        return plan.inner == 1 || plan.inner >= lanes
    }

    /// Throws for the first prediction outside its domain (targets and labels were checked when
    /// they were made).
    func scanElements() throws(FocalLossError) {
        switch loss.input {
        case .logits: try Validation.finite(predictions, argument: "logits", shape: plan.shape)
        case .probabilities: try Validation.unitInterval(predictions, argument: "probabilities", shape: plan.shape)
        }
    }

    /// The positions in `items`: the row kernel (class-last) or the column kernel
    /// (channels-first) when ``checksElementsInPass``, the scalar kernel otherwise.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func run(_ items: Range<Int>, _ buffers: FusedBuffers<Scalar>) -> Double {
        guard checksElementsInPass else { return runPositions(items, buffers) }
        return Scalar.self == Float.self
            ? runVectors(items, buffers, FloatVectorMath.self) : runVectors(items, buffers, DoubleVectorMath.self)
    }
}

extension SoftmaxPass {
    /// The scalar kernel over the positions in `range`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runPositions(_ range: Range<Int>, _ buffers: FusedBuffers<Scalar>) -> Double {
        let (weights, scale, losses, gradient) = (buffers.weights, buffers.scale, buffers.losses, buffers.gradient)
        let term = SoftmaxFocalTerm<Scalar>(gamma: loss.gamma)
        let poly: SoftmaxPolyTerm<Scalar>? = if case .poly1(let epsilon) = loss.variant {
            SoftmaxPolyTerm(focal: term, epsilon: epsilon)
        } else { nil }
        let classes = plan.classes, inner = plan.inner
        let smoothing = loss.labelSmoothing, fromLogits = loss.input == .logits
        let uniformShare = smoothing / Scalar(classes)
        let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: 2 * classes)
        defer { scratch.deallocate() }
        let exps = scratch, gs = scratch + classes
        let x = predictions.baseAddress!
        let g = gradient?.baseAddress

        return plan.classWeights.withOptionalBuffer { classWeights in
            let alphas = classWeights?.baseAddress
            var total = 0.0
            var partial = 0.0
            for position in range {
                let (o, j) = position.quotientAndRemainder(dividingBy: inner)
                let base = o * classes * inner + j
                let z = x + base
                let out = g.map { $0 + base }
                let weight = weights?[position] ?? 1
                var loss: Scalar = 0
                if weight == 0 || targets.isIgnored(position) {
                    if let out { for c in 0..<classes { out[c * inner] = 0 } }
                } else {
                    let positionScale = weight * scale
                    // Half the weighted loss (the weight multiplies before the small factors,
                    // and halves cannot overflow where -log p can), doubled here.
                    let half: Scalar
                    let q: (Int) -> Scalar
                    switch targets {
                    case .labels(let labels, _):
                        let y = labels[position]
                        q = { (c: Int) -> Scalar in (c == y ? 1 - smoothing : 0) + uniformShare }
                        if fromLogits && smoothing == 0 {
                            half = term.hardLabel(z, stride: inner, classes: classes, label: y,
                                                  classWeight: alphas?[y] ?? 1, lossWeight: weight, scale: positionScale,
                                                  exps: exps, gradient: out)
                        } else {
                            half = fromLogits
                                ? term.distribution(z, stride: inner, classes: classes, target: q, classWeights: alphas, scale: positionScale,
                                                    lossWeight: weight, exps: exps, gs: gs, gradient: out)
                                : term.probabilities(z, stride: inner, classes: classes, target: q, classWeights: alphas,
                                                     lossWeight: weight, scale: positionScale, gradient: out)
                        }
                    case .distributions(let t):
                        let tp = t.baseAddress! + base
                        q = { (c: Int) -> Scalar in (1 - smoothing) * tp[c * inner] + uniformShare }
                        half = fromLogits
                            ? term.distribution(z, stride: inner, classes: classes, target: q, classWeights: alphas, scale: positionScale,
                                                lossWeight: weight, exps: exps, gs: gs, gradient: out)
                            : term.probabilities(z, stride: inner, classes: classes, target: q, classWeights: alphas,
                                                 lossWeight: weight, scale: positionScale, gradient: out)
                    }
                    loss = half + half
                    if let poly {
                        loss += fromLogits
                            ? poly.fromExponentials(exps, classes: classes, target: q, weight: weight, scale: scale,
                                                    gradient: out, stride: inner)
                            : poly.fromProbabilities(z, stride: inner, classes: classes, target: q, weight: weight,
                                                     scale: scale, gradient: out)
                    }
                }
                losses?[position] = loss
                partial += Double(loss)
                if (position - range.lowerBound) & 1023 == 1023 {
                    total += partial
                    partial = 0
                }
            }
            return total + partial
        }
    }
}
