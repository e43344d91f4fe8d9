import RealModule

/// The loss of one sigmoid element from its logit and the loss's derivative: what the scalar
/// kernel of every sigmoid variant computes.
protocol SigmoidElementTerm<Scalar> {
    associatedtype Scalar: FocalScalar

    /// The loss and derivative for logit `x` and target `t`. `alphaPositive` and `alphaNegative`
    /// are the α terms of the element (see `SigmoidFocalLoss.alphaTerms`) already multiplied by
    /// the element's `weight`, which is given alone for the terms α does not weight.
    func element(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar, weight: Scalar
    ) -> (loss: Scalar, derivative: Scalar)
}

extension SigmoidFocalTerm: SigmoidElementTerm {
    @inline(__always)
    func element(
        _ x: Scalar, target t: Scalar, alphaPositive: Scalar, alphaNegative: Scalar, weight: Scalar
    ) -> (loss: Scalar, derivative: Scalar) {
        fromLogit(x, target: t, alphaPositive: alphaPositive, alphaNegative: alphaNegative)
    }
}

/// `p = σ(x)`, `q = σ(-x)` and their negative logarithms from one logit, each to full relative
/// precision however small (no `1 - p` is formed).
struct Logistic<Scalar: FocalScalar> {
    /// `σ(x)`.
    let p: Scalar
    /// `σ(-x) = 1 - p`.
    let q: Scalar
    /// `-log q = softplus(x)`.
    let negativeLogQ: Scalar
    /// `-log p = softplus(-x)`.
    let negativeLogP: Scalar

    @inline(__always)
    init(_ x: Scalar) {
        let e = Scalar.exp(-x.magnitude)  // in (0, 1]
        let reciprocal = 1 / (1 + e)
        p = x >= 0 ? reciprocal : e * reciprocal
        q = x >= 0 ? e * reciprocal : reciprocal
        let log1pE = Scalar.log(onePlus: e)
        negativeLogQ = (x > 0 ? x : 0) + log1pE
        negativeLogP = (x < 0 ? -x : 0) + log1pE
    }

    /// The binary cross-entropy `-(t log p + (1 - t) log q)`.
    @inline(__always)
    func crossEntropy(_ t: Scalar) -> Scalar { t * negativeLogP + (1 - t) * negativeLogQ }
}
