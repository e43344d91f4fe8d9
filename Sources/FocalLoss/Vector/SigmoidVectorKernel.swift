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

    /// Runs over the operands; returns the sum of the (weighted) losses.
    func run(_ o: Operands, gamma: Float) -> Double {
        let modulation = VectorModulation(gamma: gamma)
        let scale = Vector(repeating: o.scale)
        var total = 0.0
        var offset = 0
        let whole = o.count - o.count % Vector.scalarCount
        var broadcastPositive = Vector(repeating: o.alphaPositive[0])
        var broadcastNegative = Vector(repeating: o.alphaNegative[0])
        while offset < whole {
            // Blocks of 64 vectors keep the Float accumulator's error small before it is
            // added in Double.
            let blockEnd = min(whole, offset + 1024)
            var accumulator = math.zero
            while offset < blockEnd {
                if o.alphaStride != 0 {
                    broadcastPositive = o.alphaPositive.loadVector(at: offset)
                    broadcastNegative = o.alphaNegative.loadVector(at: offset)
                }
                let (loss, derivative) = element(
                    x: o.logits.loadVector(at: offset), t: o.targets.loadVector(at: offset),
                    alphaPositive: broadcastPositive, alphaNegative: broadcastNegative, modulation)
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
            total += accumulator.laneSum
        }
        let rest = o.count - whole
        if rest > 0 {
            if o.alphaStride != 0 {
                broadcastPositive = o.alphaPositive.loadPartialVector(at: whole, count: rest, padding: 0)
                broadcastNegative = o.alphaNegative.loadPartialVector(at: whole, count: rest, padding: 0)
            }
            let (loss, derivative) = element(
                x: o.logits.loadPartialVector(at: whole, count: rest, padding: 0),
                t: o.targets.loadPartialVector(at: whole, count: rest, padding: 0),
                alphaPositive: broadcastPositive, alphaNegative: broadcastNegative, modulation)
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
        return total
    }

    /// Loss and derivative of one vector of elements (see ``SigmoidFocalTerm/fromLogit(_:target:alphaPositive:alphaNegative:)``).
    @_transparent
    func element(
        x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, _ modulation: VectorModulation
    ) -> (loss: Vector, derivative: Vector) {
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: IntVector.self) & IntVector(repeating: 0x7FFF_FFFF), to: Vector.self)
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
        let ce = t * softplusNegative + u * softplusPositive
        let m = p * u + q * t
        let weight = alphaPositive * t + alphaNegative * u
        let soft = (t .!= math.zero) .& (t .!= math.one)
        let anySoft = any(soft)
        let factor: Vector
        if modulation.kind == .general {
            // log m for free when targets are hard: m is q (t = 1) or p (t = 0), whose logs are
            // the softplus terms already at hand; only soft targets need the polynomial log.
            var logM = -(t * softplusPositive + u * softplusNegative)
            if anySoft { logM = logM.replacing(with: math.log(positive: m), where: soft) }
            factor = math.exp(nonPositive: modulation.gamma * logM)
                .replacing(with: math.zero, where: soft .& (m .<= math.zero))
        } else {
            factor = modulation.power(m, math)
        }
        let scaledModulation = weight * factor
        var bracket = p * u - q * t
        if !modulation.isZero {
            // p·q / m is q for t = 0 and p for t = 1; only soft targets need the division.
            var ratio = p.replacing(with: q, where: t .== math.zero)
            if anySoft {
                let divided = (p * q / m).replacing(with: math.zero, where: m .<= math.zero)
                ratio = ratio.replacing(with: divided, where: soft)
            }
            bracket += modulation.gamma * ratio * (u - t) * ce
        }
        return (scaledModulation * ce, scaledModulation * bracket)
    }
}
