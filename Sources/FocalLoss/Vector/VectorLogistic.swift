// The logistic function of a vector of logits, shared by the sigmoid focal loss's vector term and
// its variants' (SigmoidVariantVectorTerms.swift), which run in SigmoidVectorKernel's loop.

/// `p = σ(x)`, `q = σ(-x)` and `softplus(±x)` of a vector of logits (as `Logistic`).
struct VectorLogistic<Math: VectorMath> {
    let p: Math.Vector
    let q: Math.Vector
    /// `-log q = softplus(x)`.
    let negativeLogQ: Math.Vector
    /// `-log p = softplus(-x)`.
    let negativeLogP: Math.Vector

    @_transparent
    init(_ x: Math.Vector, _ math: Math) {
        let magnitude = unsafeBitCast(unsafeBitCast(x, to: Math.IntVector.self) & math.magnitudeMask, to: Math.Vector.self)
        let e = math.expShortChain(nonPositive: -magnitude)
        let reciprocal = math.one / (math.one + e)
        let small = e * reciprocal
        let positive = x .>= math.zero
        p = small.replacing(with: reciprocal, where: positive)
        q = reciprocal.replacing(with: small, where: positive)
        let log1pE = math.log1p(unit: e, inverseOfOnePlus: reciprocal)
        let relu = x.replacing(with: math.zero, where: x .< math.zero)
        negativeLogQ = relu + log1pE
        negativeLogP = (relu - x) + log1pE
    }

    /// `-(t log p + (1 - t) log q)`.
    @inline(__always)
    func crossEntropy(_ t: Math.Vector, _ math: Math) -> Math.Vector {
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
