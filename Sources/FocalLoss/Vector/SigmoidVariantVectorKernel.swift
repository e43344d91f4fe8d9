/// The sigmoid variants from logits for `Float`, one vector of elements at a time: the formulas
/// of the scalar terms (`FocalStarTerm`, `Poly1Term`, `AsymmetricTerm`, `QualityTerm`,
/// `VarifocalTerm`) with the polynomial math of ``VectorMath``, in the loop of
/// ``SigmoidVectorKernel<FloatVectorMath>`` (same operands, same in-pass element checks).
struct SigmoidVariantVectorKernel {
    let math = FloatVectorMath()

    /// Runs `term` over the operands; returns the sum of the (weighted) losses, or NaN when a
    /// logit is not finite or a target lies outside `[0, 1]`.
    @inline(__always)
    func run<Term: VectorSigmoidTerm>(_ o: SigmoidVectorKernel<FloatVectorMath>.Operands, _ term: Term) -> Double {
        var invalid = FloatVectorMath.Mask(repeating: false)
        var total = 0.0
        var offset = 0
        while offset < o.count {
            // Blocks of 128 vectors summed in Float, then added in Double; a block whose Float
            // sum overflowed (losses near Float's largest) is computed again and summed in Double.
            let end = min(o.count, offset + 1024)
            let blockSum = block(o, term, from: offset, to: end, inDouble: false, invalid: &invalid)
            total += blockSum.isFinite ? blockSum : block(o, term, from: offset, to: end, inDouble: true, invalid: &invalid)
            offset = end
        }
        return any(invalid) ? .nan : total
    }

    /// The elements from `start` to `end`: stores losses and scaled gradient (unless
    /// `inDouble`, the recomputation), marks bad lanes in `invalid`, returns the losses' sum.
    @inline(__always)
    private func block<Term: VectorSigmoidTerm>(
        _ o: SigmoidVectorKernel<FloatVectorMath>.Operands, _ term: Term, from start: Int, to end: Int, inDouble: Bool, invalid: inout FloatVectorMath.Mask
    ) -> Double {
        let lanes = FloatVectorMath.Vector.scalarCount
        let checks = SigmoidVectorKernel<FloatVectorMath>()
        let scale = FloatVectorMath.Vector(repeating: o.scale)
        let constantPositive = FloatVectorMath.Vector(repeating: o.alphaPositive[0]), constantNegative = FloatVectorMath.Vector(repeating: o.alphaNegative[0])
        var accumulator = math.zero
        var exact = 0.0
        var offset = start
        while offset < end {
            let count = min(lanes, end - offset)
            func vector(_ pointer: UnsafePointer<Float>) -> FloatVectorMath.Vector {
                count == lanes ? pointer.loadVector(at: offset) : pointer.loadPartialVector(at: offset, count: count, padding: 0)
            }
            let x = vector(o.logits), t = vector(o.targets)
            invalid .|= checks.outsideDomain(x: x, t: t)
            let weight = o.weights.map(vector) ?? math.one
            let alphaPositive = (o.alphaStride != 0 ? vector(o.alphaPositive) : constantPositive) * weight
            let alphaNegative = (o.alphaStride != 0 ? vector(o.alphaNegative) : constantNegative) * weight
            let (loss, derivative) = term.element(
                x: x, t: t, alphaPositive: alphaPositive, alphaNegative: alphaNegative, weight: weight, math)
            if inDouble {
                for lane in 0..<count { exact += Double(loss[lane]) }
            } else if count == lanes {
                o.losses?.storeVector(loss, at: offset)
                o.gradient?.storeVector(derivative * scale, at: offset)
                accumulator += loss
            } else {
                o.losses?.storePartialVector(loss, at: offset, count: count)
                o.gradient?.storePartialVector(derivative * scale, at: offset, count: count)
                for lane in 0..<count { exact += Double(loss[lane]) }
            }
            offset += count
        }
        return accumulator.laneSum + exact
    }
}

/// One sigmoid variant's loss and derivative for a vector of elements.
protocol VectorSigmoidTerm {
    /// The loss and derivative for logits `x` and targets `t`; `alphaPositive` and
    /// `alphaNegative` already include `weight`.
    func element(
        x: FloatVectorMath.Vector, t: FloatVectorMath.Vector, alphaPositive: FloatVectorMath.Vector, alphaNegative: FloatVectorMath.Vector, weight: FloatVectorMath.Vector, _ math: FloatVectorMath
    ) -> (loss: FloatVectorMath.Vector, derivative: FloatVectorMath.Vector)
}

/// `p = σ(x)`, `q = σ(-x)` and `softplus(±x)` of a vector of logits (as `Logistic`).
struct VectorLogistic {
    let p: FloatVectorMath.Vector
    let q: FloatVectorMath.Vector
    /// `-log q = softplus(x)`.
    let negativeLogQ: FloatVectorMath.Vector
    /// `-log p = softplus(-x)`.
    let negativeLogP: FloatVectorMath.Vector

    @inline(__always)
    init(_ x: FloatVectorMath.Vector, _ math: FloatVectorMath) {
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: FloatVectorMath.IntVector.self) & math.magnitudeMask, to: FloatVectorMath.Vector.self)
        let e = math.exp(nonPositive: -magnitude)
        let reciprocal = math.one / (math.one + e)
        let small = e * reciprocal
        let positive = x .>= math.zero
        p = small.replacing(with: reciprocal, where: positive)
        q = reciprocal.replacing(with: small, where: positive)
        let log1pE = math.log1p(unit: e)
        let relu = x.replacing(with: math.zero, where: x .< math.zero)
        negativeLogQ = relu + log1pE
        negativeLogP = (relu - x) + log1pE
    }

    /// `-(t log p + (1 - t) log q)`.
    @inline(__always)
    func crossEntropy(_ t: FloatVectorMath.Vector, _ math: FloatVectorMath) -> FloatVectorMath.Vector {
        multiplyAdd(t, negativeLogP, (math.one - t) * negativeLogQ)
    }
}

extension VectorModulation<FloatVectorMath> {
    /// `b^γ` for `b` in `[0, 1]` from `-log b` (exact where it is a softplus at hand).
    @inline(__always)
    func power(negativeLog: FloatVectorMath.Vector, base: FloatVectorMath.Vector, _ math: FloatVectorMath) -> FloatVectorMath.Vector {
        switch kind {
        case .general:
            math.exp(nonPositive: -(gamma * negativeLog)).replacing(with: math.zero, where: base .<= math.zero)
        default:
            power(base, math)
        }
    }
}
