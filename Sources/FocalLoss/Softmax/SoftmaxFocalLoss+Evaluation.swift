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
    /// Whether the logits are still to be checked: the vector kernels check them during their
    /// pass and report a bad one by a NaN sum, after which the scan finds it and throws.
    var predictionsUnchecked = false
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
        case .uniform(let value): classWeights = [Scalar](repeating: value, count: classes)
        case .perClass(let values):
            guard values.count == classes else {
                throw .countMismatch(argument: "alpha", count: values.count, expected: classes)
            }
            classWeights = values
        }
        return SoftmaxPlan(shape: tensor, positionShape: positionShape, outer: outer, classes: classes,
                           inner: inner, classWeights: classWeights)
    }

    /// Checks the weights, and the predictions unless the vector kernels will check them.
    func validate(
        _ predictions: UnsafeBufferPointer<Scalar>, _ weights: UnsafeBufferPointer<Scalar>?,
        _ plan: inout SoftmaxPlan<Scalar>, _ targets: SoftmaxTargets<Scalar>
    ) throws(FocalLossError) {
        if let weights { try Validation.nonNegative(weights, argument: "weights", shape: plan.positionShape) }
        if isVectorized(plan, targets) {
            plan.predictionsUnchecked = true
        } else {
            try scanPredictions(predictions, plan)
        }
    }

    /// Throws for the first prediction outside its domain.
    func scanPredictions(_ predictions: UnsafeBufferPointer<Scalar>, _ plan: SoftmaxPlan<Scalar>) throws(FocalLossError) {
        switch input {
        case .logits: try Validation.finite(predictions, argument: "logits", shape: plan.shape)
        case .probabilities: try Validation.unitInterval(predictions, argument: "probabilities", shape: plan.shape)
        }
    }

    /// Whether the pass takes a vector kernel: `Float` logits, integer labels, no label
    /// smoothing, class-last or at least a vector of positions per class.
    func isVectorized(_ plan: SoftmaxPlan<Scalar>, _ targets: SoftmaxTargets<Scalar>) -> Bool {
        guard case .labels = targets, Scalar.self == Float.self, input == .logits, labelSmoothing == 0 else { return false }
        return plan.inner == 1 || plan.inner >= Vector.scalarCount
    }

    /// Runs the fused pass; when the plan left the logits to the kernel and the kernel met a bad
    /// one, finds it and throws.
    func checkedRun(
        _ plan: SoftmaxPlan<Scalar>, _ predictions: UnsafeBufferPointer<Scalar>, _ targets: SoftmaxTargets<Scalar>,
        _ weights: UnsafeBufferPointer<Scalar>?, scale: Scalar,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Double {
        let total = run(plan, predictions, targets, weights, scale: scale, losses: losses, gradient: gradient)
        if plan.predictionsUnchecked && total.isNaN {
            try scanPredictions(predictions, plan)
        }
        return total
    }

    /// Works out the reduction's scale (the mean counts positions not ignored, weighted), then
    /// runs the fused pass.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func evaluate(
        _ plan: SoftmaxPlan<Scalar>, _ predictions: UnsafeBufferPointer<Scalar>, _ targets: SoftmaxTargets<Scalar>,
        _ weights: UnsafeBufferPointer<Scalar>?, reduction: FocalReduction,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) throws(FocalLossError) -> Scalar {
        try Validation.reduction(reduction)
        let scale: Double
        switch reduction {
        case .sum: scale = 1
        case .normalized(let normalizer): scale = 1 / normalizer
        case .mean:
            var denominator = 0.0
            for position in 0..<plan.positions where !targets.isIgnored(position) {
                denominator += weights.map { Double($0[position]) } ?? 1
            }
            if let weights, let rescaled = MeanWeights.rescaled(weights, sum: denominator) {
                return try rescaled.weights.withUnsafeBufferPointer { (w) throws(FocalLossError) in
                    try evaluate(plan, predictions, targets, w, reduction: reduction, losses: losses, gradient: gradient)
                }
            }
            scale = denominator > 0 ? 1 / denominator : 0
        }
        let total = try checkedRun(
            plan, predictions, targets, weights, scale: Scalar(scale), losses: losses, gradient: gradient)
        return Scalar(total * scale)
    }

    /// The fused pass over every position: the (weighted) loss, summed in `Double` and optionally
    /// stored, and `scale ·` the gradient. Returns the unscaled sum.
    ///
    /// Positions are cut into chunks that depend only on the input's size, so the sum is
    /// bit-identical whatever the number of threads.
    @discardableResult
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func run(
        _ plan: SoftmaxPlan<Scalar>, _ predictions: UnsafeBufferPointer<Scalar>, _ targets: SoftmaxTargets<Scalar>,
        _ weights: UnsafeBufferPointer<Scalar>?, scale: Scalar,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) -> Double {
        let granularity = max(1, (1 << 14) / plan.classes)
        let threadCount = plan.shape.count < FocalThreading.parallelThreshold ? 1 : (threads ?? FocalThreading.defaultThreadCount)
        let vectorized = isVectorized(plan, targets)
        return chunkedSum(count: plan.positions, granularity: granularity, threads: threadCount) { range in
            if !vectorized {
                return runPositions(range, plan, predictions, targets, weights, scale: scale, losses: losses, gradient: gradient)
            }
            return plan.inner == 1
                ? runRows(range, plan, predictions, targets, weights, scale: scale, losses: losses, gradient: gradient)
                : runColumns(range, plan, predictions, targets, weights, scale: scale, losses: losses, gradient: gradient)
        }
    }

    /// The vector kernel across positions for the channels-first layout: `Float` logits, integer
    /// labels, no label smoothing, at least one vector of positions per row. The positions left
    /// at the end of each row take the scalar kernel.
    func runColumns(
        _ range: Range<Int>, _ plan: SoftmaxPlan<Scalar>, _ predictions: UnsafeBufferPointer<Scalar>,
        _ targets: SoftmaxTargets<Scalar>, _ weights: UnsafeBufferPointer<Scalar>?, scale: Scalar,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) -> Double {
        guard case .labels(let labels, let ignoreIndex) = targets else { return 0 }
        let classes = plan.classes, inner = plan.inner, lanes = Vector.scalarCount
        let x = UnsafeRawPointer(predictions.baseAddress!).assumingMemoryBound(to: Float.self)
        let g = gradient.map { UnsafeMutableRawPointer($0.baseAddress!).assumingMemoryBound(to: Float.self) }
        let w = weights.map { UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: Float.self) }
        let l = losses.map { UnsafeMutableRawPointer($0.baseAddress!).assumingMemoryBound(to: Float.self) }
        let kernel = SoftmaxColumnKernel(gamma: Float(gamma))
        let reductionScale = Vector(repeating: Float(scale))
        let classWeights = plan.classWeights.map { $0.map { Float($0) } }
        return classWeights.withOptionalBuffer { alphas in
            var total = 0.0
            var check = Vector()
            var position = range.lowerBound
            while position < range.upperBound {
                let rowEnd = min(range.upperBound, position - position % inner + inner)
                while position + lanes <= rowEnd {
                    let (o, j) = position.quotientAndRemainder(dividingBy: inner)
                    let base = o * classes * inner + j
                    var laneLabels = IntVector(), laneWeights = Vector(), laneAlphas = Vector()
                    for lane in 0..<lanes {
                        let y = labels[position + lane]
                        let live = y != ignoreIndex
                        laneLabels[lane] = live ? Int32(y) : -1
                        laneWeights[lane] = live ? (w?[position + lane] ?? 1) : 0
                        laneAlphas[lane] = live ? (alphas?[y] ?? 1) : 0
                    }
                    let loss = kernel.block(
                        x + base, stride: inner, classes: classes, labels: laneLabels, weight: laneWeights,
                        classWeights: laneAlphas, scale: laneWeights * reductionScale, gradient: g.map { $0 + base },
                        check: &check)
                    l?.storeVector(loss, at: position)
                    total += loss.laneSum
                    position += lanes
                }
                if position < rowEnd {
                    // The positions left over take the scalar kernel; their logits are checked here.
                    for leftover in position..<rowEnd {
                        let (o, j) = leftover.quotientAndRemainder(dividingBy: inner)
                        for c in 0..<classes { check[0] += x[(o * classes + c) * inner + j] * 0 }
                    }
                    total += runPositions(position..<rowEnd, plan, predictions, targets, weights, scale: scale,
                                          losses: losses, gradient: gradient)
                    position = rowEnd
                }
            }
            return check.laneTotal.isNaN ? .nan : total
        }
    }

    /// The vector kernel over the rows in `range`: `Float` logits, class-last, integer labels,
    /// no label smoothing. Rows go through the row passes one at a time and through the tail
    /// eight at a time.
    func runRows(
        _ range: Range<Int>, _ plan: SoftmaxPlan<Scalar>, _ predictions: UnsafeBufferPointer<Scalar>,
        _ targets: SoftmaxTargets<Scalar>, _ weights: UnsafeBufferPointer<Scalar>?, scale: Scalar,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) -> Double {
        guard case .labels(let labels, let ignoreIndex) = targets else { return 0 }
        let classes = plan.classes, lanes = Vector.scalarCount
        let x = UnsafeRawPointer(predictions.baseAddress!).assumingMemoryBound(to: Float.self)
        let g = gradient.map { UnsafeMutableRawPointer($0.baseAddress!).assumingMemoryBound(to: Float.self) }
        let w = weights.map { UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: Float.self) }
        let l = losses.map { UnsafeMutableRawPointer($0.baseAddress!).assumingMemoryBound(to: Float.self) }
        let kernel = SoftmaxRowKernel(gamma: Float(gamma))
        let reductionScale = Float(scale)
        let classWeights = plan.classWeights.map { $0.map { Float($0) } }
        return classWeights.withOptionalBuffer { alphas in
            var total = 0.0
            var check = Vector()
            var rowLabels = [Int](repeating: 0, count: lanes)
            var position = range.lowerBound
            while position < range.upperBound {
                let count = min(lanes, range.upperBound - position)
                var others = kernel.math.one, gaps = kernel.math.zero, laneWeights = kernel.math.zero
                var laneAlphas = kernel.math.zero, live = Mask(repeating: false)
                for lane in 0..<count {
                    let row = position + lane
                    let y = labels[row]
                    let weight = w?[row] ?? 1
                    let out = g.map { $0 + row * classes }
                    rowLabels[lane] = y
                    let z = x + row * classes
                    if weight == 0 || y == ignoreIndex {
                        out?.update(repeating: 0, count: classes)
                        _ = kernel.maximum(z, classes: classes, check: &check)  // checked all the same
                        continue
                    }
                    let top = kernel.maximum(z, classes: classes, check: &check)
                    others[lane] = kernel.othersSum(z, classes: classes, label: y, top: top, out: out)
                    gaps[lane] = z[y] - top
                    laneWeights[lane] = weight
                    laneAlphas[lane] = alphas?[y] ?? 1
                    live[lane] = true
                }
                let result = kernel.tail.contribution(
                    others: others, labelExp: kernel.math.exp(nonPositive: gaps), labelGap: gaps, live: live,
                    classWeights: laneAlphas, scale: laneWeights * Vector(repeating: reductionScale))
                let weighted = result.loss * laneWeights
                if let g {
                    for lane in 0..<count where live[lane] {
                        kernel.scale(g + (position + lane) * classes, classes: classes, by: result.coefficient[lane],
                                     label: rowLabels[lane], atLabel: result.atLabel[lane])
                    }
                }
                if let l {
                    for lane in 0..<count { l[position + lane] = weighted[lane] }
                }
                total += weighted.laneSum
                position += count
            }
            return check.laneTotal.isNaN ? .nan : total
        }
    }

    /// The scalar kernel over the positions in `range`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func runPositions(
        _ range: Range<Int>, _ plan: SoftmaxPlan<Scalar>, _ predictions: UnsafeBufferPointer<Scalar>,
        _ targets: SoftmaxTargets<Scalar>, _ weights: UnsafeBufferPointer<Scalar>?, scale: Scalar,
        losses: UnsafeMutableBufferPointer<Scalar>?, gradient: UnsafeMutableBufferPointer<Scalar>?
    ) -> Double {
        let term = SoftmaxFocalTerm<Scalar>(gamma: gamma)
        let classes = plan.classes, inner = plan.inner
        let smoothing = labelSmoothing
        let uniformShare = smoothing / Scalar(classes)
        let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: 2 * classes)
        defer { scratch.deallocate() }
        let exps = scratch, gs = scratch + classes
        let x = predictions.baseAddress!
        let g = gradient?.baseAddress

        return plan.classWeights.withOptionalBuffer { alphas in
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
                    switch targets {
                    case .labels(let labels, _):
                        let y = labels[position]
                        if input == .logits && smoothing == 0 {
                            loss = term.hardLabel(z, stride: inner, classes: classes, label: y,
                                                  classWeight: alphas?[y] ?? 1, scale: positionScale,
                                                  exps: exps, gradient: out)
                        } else {
                            let q = { (c: Int) -> Scalar in (c == y ? 1 - smoothing : 0) + uniformShare }
                            loss = input == .logits
                                ? term.distribution(z, stride: inner, classes: classes, target: q, classWeights: alphas,
                                                    scale: positionScale, exps: exps, gs: gs, gradient: out)
                                : term.probabilities(z, stride: inner, classes: classes, target: q, classWeights: alphas,
                                                     scale: positionScale, gradient: out)
                        }
                    case .distributions(let t):
                        let tp = t.baseAddress! + base
                        let q = { (c: Int) -> Scalar in (1 - smoothing) * tp[c * inner] + uniformShare }
                        loss = input == .logits
                            ? term.distribution(z, stride: inner, classes: classes, target: q, classWeights: alphas,
                                                scale: positionScale, exps: exps, gs: gs, gradient: out)
                            : term.probabilities(z, stride: inner, classes: classes, target: q, classWeights: alphas,
                                                 scale: positionScale, gradient: out)
                    }
                    loss *= weight
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

extension Optional {
    /// Calls `body` with a pointer to the array's elements, or `nil`.
    @inline(__always)
    func withOptionalBuffer<Element, Result>(_ body: (UnsafePointer<Element>?) -> Result) -> Result where Wrapped == [Element] {
        guard let array = self else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}
