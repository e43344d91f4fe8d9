/// The sigmoid focal loss from logits, one vector of elements at a time: the formulas of
/// ``SigmoidFocalTerm`` with the polynomial math of ``VectorMath`` (`Float` or `Double` lanes).
struct SigmoidVectorKernel<Math: VectorMath> {
    typealias Scalar = Math.Scalar
    typealias Vector = Math.Vector
    typealias Mask = Math.Mask
    let math = Math()

    /// The inputs and outputs of one run over `count` elements.
    struct Operands {
        var logits: UnsafePointer<Scalar>
        var targets: UnsafePointer<Scalar>
        var weights: UnsafePointer<Scalar>?
        /// α for the positive and negative terms; with `alphaStride` 0 one value for every
        /// element, with 1 one value per element (a row of per-class α).
        var alphaPositive: UnsafePointer<Scalar>
        var alphaNegative: UnsafePointer<Scalar>
        var alphaStride: Int
        var count: Int
        var scale: Scalar
        var losses: UnsafeMutablePointer<Scalar>?
        var gradient: UnsafeMutablePointer<Scalar>?
    }

    /// Runs over the operands; returns the sum of the (weighted) losses, or NaN when a logit is
    /// not finite or a target lies outside `[0, 1]` (the kernel checks every element as it goes,
    /// so a checked call needs no separate scan of logits and targets).
    func run(_ o: Operands, gamma: Scalar) -> Double {
        let modulation = VectorModulation<Math>(gamma: gamma)
        switch modulation.kind {
        case .zero: return run(o, FocalVectorTerm<Math, ExponentZero>(modulation: modulation))
        case .one: return run(o, FocalVectorTerm<Math, ExponentOne>(modulation: modulation))
        case .two: return run(o, FocalVectorTerm<Math, ExponentTwo>(modulation: modulation))
        case .three: return run(o, FocalVectorTerm<Math, ExponentThree>(modulation: modulation))
        case .general: return run(o, FocalVectorTerm<Math, ExponentGeneral>(modulation: modulation))
        }
    }

    /// The loop, specialised for one term: the focal loss's for one kind of γ, or a variant's.
    /// Returns the sum of the (weighted) losses, or NaN when an element is outside the domain.
    @inline(__always)
    func run<Term: SigmoidVectorTerm>(_ o: Operands, _ term: Term) -> Double where Term.Math == Math {
        let lanes = Vector.scalarCount
        var total = 0.0
        var offset = 0
        let whole = o.count - o.count % lanes
        var invalid = Mask(repeating: false)
        let constants = Constants(o)
        while offset < whole {
            // Blocks of 1024 elements keep the lane accumulator's error small before it is
            // added in Double.
            let blockStart = offset
            let blockEnd = min(whole, offset + 1024)
            var accumulator = math.zero
            while offset < blockEnd {
                accumulator += step(o, constants, at: offset, lanes: lanes, term, invalid: &invalid)
                offset += lanes
            }
            let blockSum = accumulator.laneSum
            // A lane can overflow where the Double sum does not (Float losses near Float's
            // maximum): then the block's losses are computed again and added in Double.
            total += blockSum.isFinite ? blockSum
                : doubleSum(o, constants, from: blockStart, to: blockEnd, term)
        }
        let rest = o.count - whole
        if rest > 0 {
            let loss = step(o, constants, at: whole, lanes: rest, term, invalid: &invalid)
            for lane in 0..<rest { total += Double(loss[lane]) }
        }
        return any(invalid) ? .nan : total
    }

    /// One vector of elements from `offset`: `lanes` of them, a whole vector or the partial one
    /// at the end (its other lanes read as 0 and are not stored). Stores the weighted losses and
    /// the scaled, weighted gradient, marks the lanes outside the domain in `invalid`, and
    /// returns the weighted losses.
    @_transparent
    private func step<Term: SigmoidVectorTerm>(
        _ o: Operands, _ constants: Constants, at offset: Int, lanes: Int, _ term: Term, invalid: inout Mask
    ) -> Vector where Term.Math == Math {
        var (x, t, alphaPositive, alphaNegative, weight) = load(o, constants, at: offset, lanes: lanes)
        invalid .|= outsideDomain(x: x, t: t)
        if Term.takesHardTargetsOnly { invalid .|= (t .!= math.zero) .& (t .!= math.one) }
        if let weight {
            // The weight joins α before the small factors (1 - p_t)^γ and ce: a weighted loss in
            // range is not lost to an unweighted one below Float's range.
            alphaPositive *= weight
            alphaNegative *= weight
        }
        let (loss, derivative) = term.element(
            x: x, t: t, alphaPositive: alphaPositive, alphaNegative: alphaNegative, weight: weight ?? math.one, math)
        let scaled = derivative * constants.scale
        if lanes == Vector.scalarCount {
            o.losses?.storeVector(loss, at: offset)
            o.gradient?.storeVector(scaled, at: offset)
        } else {
            o.losses?.storePartialVector(loss, at: offset, count: lanes)
            o.gradient?.storePartialVector(scaled, at: offset, count: lanes)
        }
        return loss
    }

    /// What every vector of a run shares, broadcast once: α when it is one value, and the scale.
    private struct Constants {
        var alphaPositive: Vector
        var alphaNegative: Vector
        var scale: Vector

        init(_ o: Operands) {
            alphaPositive = Vector(repeating: o.alphaPositive[0])
            alphaNegative = Vector(repeating: o.alphaNegative[0])
            scale = Vector(repeating: o.scale)
        }
    }

    /// The logits, targets, α and weights of `lanes` elements from `offset` (a whole vector, or
    /// a partial one padded with 0).
    @_transparent
    private func load(
        _ o: Operands, _ constants: Constants, at offset: Int, lanes: Int
    ) -> (x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, weight: Vector?) {
        func vector(_ pointer: UnsafePointer<Scalar>) -> Vector {
            lanes == Vector.scalarCount
                ? pointer.loadVector(at: offset) : pointer.loadPartialVector(at: offset, count: lanes, padding: 0)
        }
        let alphaPositive = o.alphaStride != 0 ? vector(o.alphaPositive) : constants.alphaPositive
        let alphaNegative = o.alphaStride != 0 ? vector(o.alphaNegative) : constants.alphaNegative
        return (vector(o.logits), vector(o.targets), alphaPositive, alphaNegative, o.weights.map(vector))
    }

    /// The sum in Double of the (weighted) losses of whole vectors from `start` to `end`,
    /// computed again: the rare path for a block whose Float accumulator overflowed.
    private func doubleSum<Term: SigmoidVectorTerm>(
        _ o: Operands, _ constants: Constants, from start: Int, to end: Int, _ term: Term
    ) -> Double where Term.Math == Math {
        var total = 0.0
        var offset = start
        while offset < end {
            var (x, t, alphaPositive, alphaNegative, weight) = load(o, constants, at: offset, lanes: Vector.scalarCount)
            if let weight {
                alphaPositive *= weight
                alphaNegative *= weight
            }
            let (loss, _) = term.element(
                x: x, t: t, alphaPositive: alphaPositive, alphaNegative: alphaNegative, weight: weight ?? math.one, math)
            total += loss.laneSum
            offset += Vector.scalarCount
        }
        return total
    }

    /// The lanes whose logit is not finite or whose target is not in `[0, 1]` (NaN included).
    @_transparent
    func outsideDomain(x: Vector, t: Vector) -> Mask {
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: Math.IntVector.self) & math.magnitudeMask, to: Vector.self)
        return .!((magnitude .<= math.greatestFinite) .& (t .>= math.zero) .& (t .<= math.one))
    }
}

/// One sigmoid loss's loss and derivative for a vector of elements, run by
/// ``SigmoidVectorKernel/run(_:_:)``: the focal loss's (``FocalVectorTerm``) or a variant's.
protocol SigmoidVectorTerm {
    associatedtype Math: VectorMath
    /// The loss and derivative for logits `x` and targets `t`; `alphaPositive` and
    /// `alphaNegative` already include `weight` (1 when the call has no weights).
    func element(
        x: Math.Vector, t: Math.Vector, alphaPositive: Math.Vector, alphaNegative: Math.Vector,
        weight: Math.Vector, _ math: Math
    ) -> (loss: Math.Vector, derivative: Math.Vector)
    /// Whether a target other than 0 or 1 is outside the loss's domain (the kernel then reports
    /// it as it reports a target outside `[0, 1]`).
    static var takesHardTargetsOnly: Bool { get }
}

extension SigmoidVectorTerm {
    static var takesHardTargetsOnly: Bool { false }
}

/// The focal loss's term for one kind of γ (the weights are in α).
struct FocalVectorTerm<Math: VectorMath, Exponent: FocusingExponent>: SigmoidVectorTerm {
    typealias Vector = Math.Vector
    let modulation: VectorModulation<Math>

    /// Loss and derivative of one vector of elements (see ``SigmoidFocalTerm/fromLogit(_:target:alphaPositive:alphaNegative:)``).
    @_transparent
    func element(
        x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, weight: Vector, _ math: Math
    ) -> (loss: Vector, derivative: Vector) {
        element(VectorLogistic(x, math), t: t, alphaPositive: alphaPositive, alphaNegative: alphaNegative, math)
    }

    /// The same from the logistic of the logits, for a variant that needs it too (Poly-1).
    @_transparent
    func element(
        _ logistic: VectorLogistic<Math>, t: Vector, alphaPositive: Vector, alphaNegative: Vector, _ math: Math
    ) -> (loss: Vector, derivative: Vector) {
        let (p, q) = (logistic.p, logistic.q)
        let softplusPositive = logistic.negativeLogQ
        let softplusNegative = logistic.negativeLogP
        let u = math.one - t
        let ce = multiplyAdd(t, softplusNegative, u * softplusPositive)
        let qt = q * t
        let m = multiplyAdd(p, u, qt)
        let alpha = multiplyAdd(alphaPositive, t, alphaNegative * u)
        let soft = (t .!= math.zero) .& (t .!= math.one)
        let anySoft = any(soft)
        let factor: Vector
        if Exponent.isGeneral {
            // log m for free when targets are hard: m is q (t = 1) or p (t = 0), whose logs are
            // the softplus terms already at hand; only soft targets need the polynomial log.
            var logM = -multiplyAdd(t, softplusPositive, u * softplusNegative)
            if anySoft { logM = logM.replacing(with: math.log(positive: m), where: soft) }
            factor = math.exp(nonPositive: modulation.gamma * logM)
                .replacing(with: math.zero, where: soft .& (m .<= math.zero))
        } else {
            factor = modulation.power(m, math, Exponent.self)
        }
        let scaledModulation = alpha * factor
        var bracket = multiplyAdd(p, u, -qt)
        if !Exponent.isZero {
            // p·q / m is q for t = 0 and p for t = 1; only soft targets need the division.
            var ratio = p.replacing(with: q, where: t .== math.zero)
            if anySoft {
                let divided = (p * q / m).replacing(with: math.zero, where: m .<= math.zero)
                ratio = ratio.replacing(with: divided, where: soft)
            }
            bracket = multiplyAdd(modulation.gamma * ratio * (u - t), ce, bracket)
        }
        return (scaledModulation * ce, scaledModulation * bracket)
    }
}
