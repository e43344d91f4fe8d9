// The sigmoid loss's part of the fused pass: its items are the elements.

/// One sigmoid call as a ``FusedPass``: every element is an item, with its own target and weight.
struct SigmoidPass<Scalar: FocalScalar>: FusedPass {
    let loss: SigmoidFocalLoss<Scalar>
    let plan: SigmoidPlan<Scalar>
    let predictions: UnsafeBufferPointer<Scalar>
    let targets: UnsafeBufferPointer<Scalar>

    var itemCount: Int { plan.shape.count }
    var valueCount: Int { plan.shape.count }
    var itemShape: TensorShape { plan.shape }
    var threads: Int? { loss.threads }
    var hasUncountedItems: Bool { false }
    func isCounted(_ item: Int) -> Bool { true }

    /// Logits take the vector kernels (every variant's, in `Float` and `Double`).
    var usesVectorKernel: Bool { Scalar.hasVectorKernels && loss.input == .logits }

    /// The vector kernels check logits and targets as they go (focal-star's hard targets too).
    var checksElementsInPass: Bool { usesVectorKernel }

    func scanElements() throws(FocalLossError) {
        switch loss.input {
        case .logits: try Validation.finite(predictions, argument: "logits", shape: plan.shape)
        case .probabilities: try Validation.unitInterval(predictions, argument: "probabilities", shape: plan.shape)
        }
        try Validation.unitInterval(targets, argument: "targets", shape: plan.shape)
        if case .focalStar = loss.variant { try Validation.hardTargets(targets, shape: plan.shape, variant: loss.variant.name) }
    }

    /// The elements in `items`, in stretches of one α layout; logits take the vector kernel,
    /// probabilities the scalar kernel.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func run(_ items: Range<Int>, _ buffers: FusedBuffers<Scalar>) -> Double {
        let operands = Operands(
            x: predictions.baseAddress!, t: targets.baseAddress!, w: buffers.weights?.baseAddress,
            losses: buffers.losses?.baseAddress, gradient: buffers.gradient?.baseAddress, scale: buffers.scale)
        let vectorized = usesVectorKernel
        var total = 0.0
        plan.forEachRun(in: items) { start, end, alphaOffset, alphaStride in
            if !vectorized {
                total += runScalar(operands, start, end, alphaOffset, alphaStride)
            } else if Scalar.self == Float.self {
                total += runVector(operands, start, end, alphaOffset, alphaStride, FloatVectorMath.self)
            } else {
                total += runVector(operands, start, end, alphaOffset, alphaStride, DoubleVectorMath.self)
            }
        }
        return total
    }

    /// Base addresses of a run's arrays.
    struct Operands {
        var x: UnsafePointer<Scalar>
        var t: UnsafePointer<Scalar>
        var w: UnsafePointer<Scalar>?
        var losses: UnsafeMutablePointer<Scalar>?
        var gradient: UnsafeMutablePointer<Scalar>?
        var scale: Scalar
    }

    /// The scalar kernel of the loss's variant over one run.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func runScalar(_ o: Operands, _ start: Int, _ end: Int, _ alphaOffset: Int, _ alphaStride: Int) -> Double {
        let focal = SigmoidFocalTerm(gamma: loss.gamma)
        switch loss.variant {
        case .focal:
            return runScalar(focal, o, start, end, alphaOffset, alphaStride)
        case .focalStar(let beta):
            return runScalar(FocalStarTerm(gamma: loss.gamma, beta: beta), o, start, end, alphaOffset, alphaStride)
        case .poly1(let epsilon):
            return runScalar(Poly1Term(focal: focal, epsilon: epsilon), o, start, end, alphaOffset, alphaStride)
        case .asymmetric(let gammaPositive, let gammaNegative, let clip):
            let term = AsymmetricTerm(gammaPositive: gammaPositive, gammaNegative: gammaNegative, clip: clip)
            return runScalar(term, o, start, end, alphaOffset, alphaStride)
        case .quality(let beta):
            return runScalar(QualityTerm(beta: beta), o, start, end, alphaOffset, alphaStride)
        case .varifocal(let iouWeighted):
            return runScalar(VarifocalTerm(gamma: loss.gamma, iouWeighted: iouWeighted), o, start, end, alphaOffset, alphaStride)
        }
    }

    /// The scalar loop over one run with one variant's term (inlined into the specialised
    /// ``runScalar(_:_:_:_:_:)``, so each term's loop is compiled for `Float` and `Double`).
    @inline(__always)
    private func runScalar<Term: SigmoidElementTerm>(
        _ term: Term, _ o: Operands, _ start: Int, _ end: Int, _ alphaOffset: Int, _ alphaStride: Int
    ) -> Double where Term.Scalar == Scalar {
        let focal = SigmoidFocalTerm(gamma: loss.gamma)
        let fromLogits = loss.input == .logits
        var total = 0.0
        var partial = 0.0
        for i in start..<end {
            let a = alphaOffset + (i - start) * alphaStride
            var alphaPositive = plan.alphaPositive[a], alphaNegative = plan.alphaNegative[a]
            let weight = o.w?[i] ?? 1
            if let w = o.w {
                // The weight joins α before the small factors (1 - p_t)^γ and ce, so a weighted
                // loss in range is not lost to an unweighted one below the type's range.
                alphaPositive *= w[i]
                alphaNegative *= w[i]
            }
            let (loss, derivative) = fromLogits
                ? term.element(o.x[i], target: o.t[i], alphaPositive: alphaPositive, alphaNegative: alphaNegative, weight: weight)
                : focal.fromProbability(o.x[i], target: o.t[i], alphaPositive: alphaPositive, alphaNegative: alphaNegative)
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

    /// The vector kernel in `Math`'s lanes, whose scalar type is `Scalar`.
    private func runVector<Math: VectorMath>(
        _ o: Operands, _ start: Int, _ end: Int, _ alphaOffset: Int, _ alphaStride: Int, _: Math.Type
    ) -> Double {
        typealias Lane = Math.Scalar
        func lanes(_ pointer: UnsafePointer<Scalar>) -> UnsafePointer<Lane> {
            UnsafeRawPointer(pointer).assumingMemoryBound(to: Lane.self)
        }
        func lanes(_ pointer: UnsafeMutablePointer<Scalar>) -> UnsafeMutablePointer<Lane> {
            UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: Lane.self)
        }
        return plan.alphaPositive.withUnsafeBufferPointer { positive in
            plan.alphaNegative.withUnsafeBufferPointer { negative in
                runVector(SigmoidVectorKernel<Math>.Operands(
                    logits: lanes(o.x + start), targets: lanes(o.t + start), weights: o.w.map { lanes($0 + start) },
                    alphaPositive: lanes(positive.baseAddress! + alphaOffset),
                    alphaNegative: lanes(negative.baseAddress! + alphaOffset),
                    alphaStride: alphaStride, count: end - start, scale: Lane(o.scale),
                    losses: o.losses.map { lanes($0 + start) }, gradient: o.gradient.map { lanes($0 + start) }))
            }
        }
    }
}

extension SigmoidFocalLoss {
    /// A call with its counts, shape and parameters checked, and its values checked or trusted.
    func call(
        _ predictions: UnsafeBufferPointer<Scalar>, _ targets: UnsafeBufferPointer<Scalar>,
        shape: [Int]?, weights: UnsafeBufferPointer<Scalar>?, checked: Bool
    ) throws(FocalLossError) -> FusedCall<SigmoidPass<Scalar>> {
        let plan = try SigmoidPlan(self, predictions: predictions.count, targets: targets.count, weights: weights?.count, shape: shape)
        let pass = SigmoidPass(loss: self, plan: plan, predictions: predictions, targets: targets)
        return checked ? try FusedCall(checking: pass, weights: weights) : FusedCall(trusting: pass, weights: weights)
    }
}
