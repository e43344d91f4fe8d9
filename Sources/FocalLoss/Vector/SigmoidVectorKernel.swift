/// The sigmoid focal loss from logits for `Float`, one vector of elements at a time: the formulas of
/// ``SigmoidFocalTerm`` with the polynomial math of ``VectorMath``.
struct SigmoidVectorKernel {
    let math = VectorMath()

    /// The inputs and outputs of one run over `count` elements.
    struct Operands {
        var logits: UnsafePointer<Float>
        var targets: UnsafePointer<Float>
        var weights: UnsafePointer<Float>?
        /// α for the positive and negative terms; with `alphaStride` 0 one value for every
        /// element, with 1 one value per element (a row of per-class α).
        var alphaPositive: UnsafePointer<Float>
        var alphaNegative: UnsafePointer<Float>
        var alphaStride: Int
        var count: Int
        var scale: Float
        var losses: UnsafeMutablePointer<Float>?
        var gradient: UnsafeMutablePointer<Float>?
    }

    /// Runs over the operands; returns the sum of the (weighted) losses, or NaN when a logit is
    /// not finite or a target lies outside `[0, 1]` (the kernel checks every element as it goes,
    /// so a checked call needs no separate scan of logits and targets).
    func run(_ o: Operands, gamma: Float) -> Double {
        let modulation = VectorModulation(gamma: gamma)
        switch modulation.kind {
        case .zero: return run(o, modulation, ExponentZero.self)
        case .one: return run(o, modulation, ExponentOne.self)
        case .two: return run(o, modulation, ExponentTwo.self)
        case .three: return run(o, modulation, ExponentThree.self)
        case .general: return run(o, modulation, ExponentGeneral.self)
        }
    }

    /// The loop, specialised for one kind of γ.
    private func run<Exponent: FocusingExponent>(
        _ o: Operands, _ modulation: VectorModulation, _ exponent: Exponent.Type
    ) -> Double {
        let scale = Vector(repeating: o.scale)
        var total = 0.0
        var offset = 0
        let whole = o.count - o.count % Vector.scalarCount
        var broadcastPositive = Vector(repeating: o.alphaPositive[0])
        var broadcastNegative = Vector(repeating: o.alphaNegative[0])
        var invalid = Mask(repeating: false)
        while offset < whole {
            // Blocks of 64 vectors keep the Float accumulator's error small before it is
            // added in Double.
            let blockStart = offset
            let blockEnd = min(whole, offset + 1024)
            var accumulator = math.zero
            while offset < blockEnd {
                if o.alphaStride != 0 {
                    broadcastPositive = o.alphaPositive.loadVector(at: offset)
                    broadcastNegative = o.alphaNegative.loadVector(at: offset)
                }
                let x = o.logits.loadVector(at: offset), t = o.targets.loadVector(at: offset)
                invalid .|= outsideDomain(x: x, t: t)
                let (loss, derivative) = element(
                    x: x, t: t, alphaPositive: broadcastPositive, alphaNegative: broadcastNegative, modulation, exponent)
                var weightedLoss = loss
                var weightedDerivative = derivative * scale
                if let weights = o.weights {
                    let w = weights.loadVector(at: offset)
                    weightedLoss *= w
                    weightedDerivative *= w
                }
                accumulator += weightedLoss
                o.losses?.storeVector(weightedLoss, at: offset)
                o.gradient?.storeVector(weightedDerivative, at: offset)
                offset += Vector.scalarCount
            }
            let blockSum = accumulator.laneSum
            // A Float lane can overflow where the Double sum does not (losses near Float's
            // maximum): then the block's losses are computed again and added in Double.
            total += blockSum.isFinite ? blockSum
                : doubleSum(o, from: blockStart, to: blockEnd, modulation, exponent)
        }
        let rest = o.count - whole
        if rest > 0 {
            if o.alphaStride != 0 {
                broadcastPositive = o.alphaPositive.loadPartialVector(at: whole, count: rest, padding: 0)
                broadcastNegative = o.alphaNegative.loadPartialVector(at: whole, count: rest, padding: 0)
            }
            let x = o.logits.loadPartialVector(at: whole, count: rest, padding: 0)
            let t = o.targets.loadPartialVector(at: whole, count: rest, padding: 0)
            invalid .|= outsideDomain(x: x, t: t)
            let (loss, derivative) = element(
                x: x, t: t, alphaPositive: broadcastPositive, alphaNegative: broadcastNegative, modulation, exponent)
            var weightedLoss = loss
            var weightedDerivative = derivative * scale
            if let weights = o.weights {
                let w = weights.loadPartialVector(at: whole, count: rest, padding: 0)
                weightedLoss *= w
                weightedDerivative *= w
            }
            for lane in 0..<rest { total += Double(weightedLoss[lane]) }
            o.losses?.storePartialVector(weightedLoss, at: whole, count: rest)
            o.gradient?.storePartialVector(weightedDerivative, at: whole, count: rest)
        }
        return any(invalid) ? .nan : total
    }

    /// The sum in Double of the (weighted) losses of whole vectors from `start` to `end`,
    /// computed again: the rare path for a block whose Float accumulator overflowed.
    private func doubleSum<Exponent: FocusingExponent>(
        _ o: Operands, from start: Int, to end: Int, _ modulation: VectorModulation, _ exponent: Exponent.Type
    ) -> Double {
        var total = 0.0
        var offset = start
        var broadcastPositive = Vector(repeating: o.alphaPositive[0])
        var broadcastNegative = Vector(repeating: o.alphaNegative[0])
        while offset < end {
            if o.alphaStride != 0 {
                broadcastPositive = o.alphaPositive.loadVector(at: offset)
                broadcastNegative = o.alphaNegative.loadVector(at: offset)
            }
            var (loss, _) = element(
                x: o.logits.loadVector(at: offset), t: o.targets.loadVector(at: offset),
                alphaPositive: broadcastPositive, alphaNegative: broadcastNegative, modulation, exponent)
            if let weights = o.weights { loss *= weights.loadVector(at: offset) }
            total += loss.laneSum
            offset += Vector.scalarCount
        }
        return total
    }

    /// The lanes whose logit is not finite or whose target is not in `[0, 1]` (NaN included).
    @_transparent
    func outsideDomain(x: Vector, t: Vector) -> Mask {
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: IntVector.self) & math.magnitudeMask, to: Vector.self)
        return .!((magnitude .<= math.greatestFinite) .& (t .>= math.zero) .& (t .<= math.one))
    }

    /// Loss and derivative of one vector of elements (see ``SigmoidFocalTerm/fromLogit(_:target:alphaPositive:alphaNegative:)``).
    @_transparent
    func element<Exponent: FocusingExponent>(
        x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, _ modulation: VectorModulation,
        _ exponent: Exponent.Type
    ) -> (loss: Vector, derivative: Vector) {
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: IntVector.self) & math.magnitudeMask, to: Vector.self)
        let e = math.exp(nonPositive: -magnitude)
        let reciprocal = math.one / (math.one + e)
        let small = e * reciprocal
        let positive = x .>= math.zero
        let p = small.replacing(with: reciprocal, where: positive)
        let q = reciprocal.replacing(with: small, where: positive)
        let log1pE = math.log1p(unit: e)
        let relu = x.replacing(with: math.zero, where: x .< math.zero)
        let softplusPositive = relu + log1pE  // -log q
        let softplusNegative = (relu - x) + log1pE  // -log p
        let u = math.one - t
        let ce = multiplyAdd(t, softplusNegative, u * softplusPositive)
        let qt = q * t
        let m = multiplyAdd(p, u, qt)
        let weight = multiplyAdd(alphaPositive, t, alphaNegative * u)
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
            factor = modulation.power(m, math, exponent)
        }
        let scaledModulation = weight * factor
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
