// The vector forms of the sigmoid variants' scalar terms (Sigmoid/Variants): the same formulas,
// lane by lane, with hard-target shortcuts blended in by masks.

/// FL* (see `FocalStarTerm`).
struct FocalStarVectorTerm: SigmoidVectorTerm {
    let gamma: FloatVectorMath.Vector
    let reciprocalGamma: FloatVectorMath.Vector
    let betaOverGamma: FloatVectorMath.Vector

    init(gamma: Float, beta: Float) {
        self.gamma = FloatVectorMath.Vector(repeating: gamma)
        reciprocalGamma = FloatVectorMath.Vector(repeating: 1 / gamma)
        betaOverGamma = FloatVectorMath.Vector(repeating: beta / gamma)
    }

    @inline(__always)
    func element(
        x: FloatVectorMath.Vector, t: FloatVectorMath.Vector, alphaPositive: FloatVectorMath.Vector, alphaNegative: FloatVectorMath.Vector, weight: FloatVectorMath.Vector, _ math: FloatVectorMath
    ) -> (loss: FloatVectorMath.Vector, derivative: FloatVectorMath.Vector) {
        let u = math.one - t
        let s = t - u
        let shifted = multiplyAdd(s, x, betaOverGamma)  // z / γ
        let z = gamma * shifted
        let magnitude = unsafeBitCast(unsafeBitCast(z, to: FloatVectorMath.IntVector.self) & math.magnitudeMask, to: FloatVectorMath.Vector.self)
        let e = math.exp(nonPositive: -magnitude)
        let linear = (-shifted).replacing(with: math.zero, where: shifted .>= math.zero)
        let loss = multiplyAdd(math.log1p(unit: e), reciprocalGamma, linear)
        let reciprocal = math.one / (math.one + e)
        let sigmoidOfMinusZ = reciprocal.replacing(with: e * reciprocal, where: z .>= math.zero)
        let weightT = multiplyAdd(alphaPositive, t, alphaNegative * u)
        return (weightT * loss, -(weightT * s * sigmoidOfMinusZ))
    }
}

/// Poly-1 focal (see `Poly1Term`): the focal kernel's element plus the polynomial term.
struct Poly1VectorTerm<Exponent: FocusingExponent>: SigmoidVectorTerm {
    let modulation: VectorModulation<FloatVectorMath>
    let epsilon: FloatVectorMath.Vector
    let gammaPlusOne: FloatVectorMath.Vector

    init(gamma: Float, epsilon: Float) {
        modulation = VectorModulation<FloatVectorMath>(gamma: gamma)
        self.epsilon = FloatVectorMath.Vector(repeating: epsilon)
        gammaPlusOne = FloatVectorMath.Vector(repeating: gamma + 1)
    }

    @inline(__always)
    func element(
        x: FloatVectorMath.Vector, t: FloatVectorMath.Vector, alphaPositive: FloatVectorMath.Vector, alphaNegative: FloatVectorMath.Vector, weight: FloatVectorMath.Vector, _ math: FloatVectorMath
    ) -> (loss: FloatVectorMath.Vector, derivative: FloatVectorMath.Vector) {
        let logistic = VectorLogistic(x, math)
        let (loss, derivative) = FocalVectorTerm<FloatVectorMath, Exponent>(modulation: modulation).element(
            logistic, t: t, alphaPositive: alphaPositive, alphaNegative: alphaNegative, math)
        let (p, q) = (logistic.p, logistic.q)
        let u = math.one - t
        let m = multiplyAdd(p, u, q * t)
        let power: FloatVectorMath.Vector
        if Exponent.isGeneral {
            // Hard targets: m is q or p, whose logs are the softplus terms at hand.
            let negativeLogM = multiplyAdd(t, logistic.negativeLogQ, u * logistic.negativeLogP)
            let soft = (t .!= math.zero) .& (t .!= math.one)
            power = any(soft) ? modulation.power(m, math, Exponent.self)
                : modulation.power(negativeLog: negativeLogM, base: m, math)
        } else {
            power = modulation.power(m, math, Exponent.self)
        }
        let scaled = weight * epsilon * power
        return (multiplyAdd(scaled, m, loss), multiplyAdd(scaled * gammaPlusOne, p * q * (u - t), derivative))
    }
}

/// The Asymmetric Loss (see `AsymmetricTerm`).
struct AsymmetricVectorTerm: SigmoidVectorTerm {
    let positive: VectorModulation<FloatVectorMath>
    let negative: VectorModulation<FloatVectorMath>
    let clip: FloatVectorMath.Vector
    let clipIsZero: Bool

    init(gammaPositive: Float, gammaNegative: Float, clip: Float) {
        positive = VectorModulation<FloatVectorMath>(gamma: gammaPositive)
        negative = VectorModulation<FloatVectorMath>(gamma: gammaNegative)
        self.clip = FloatVectorMath.Vector(repeating: clip)
        clipIsZero = clip == 0
    }

    @inline(__always)
    func element(
        x: FloatVectorMath.Vector, t: FloatVectorMath.Vector, alphaPositive: FloatVectorMath.Vector, alphaNegative: FloatVectorMath.Vector, weight: FloatVectorMath.Vector, _ math: FloatVectorMath
    ) -> (loss: FloatVectorMath.Vector, derivative: FloatVectorMath.Vector) {
        let logistic = VectorLogistic(x, math)
        let (p, q) = (logistic.p, logistic.q)
        let u = math.one - t
        let positiveFactor = positive.power(negativeLog: logistic.negativeLogQ, base: q, math)
        var loss = t * positiveFactor * logistic.negativeLogP
        var derivative = -(t * positiveFactor * multiplyAdd(positive.gamma * p, logistic.negativeLogP, q))
        let shifted: FloatVectorMath.Vector, logComplement: FloatVectorMath.Vector, pqOverComplement: FloatVectorMath.Vector
        if clipIsZero {
            (shifted, logComplement, pqOverComplement) = (p, logistic.negativeLogQ, p)
        } else {
            shifted = p - clip
            let complement = q + clip
            // -log(1 - a) = 2·atanh(a / (2 - a)) for a < 0.5, -log(q + clip) above.
            let small = math.atanhSeries(shifted / (math.two - shifted))
            let large = -math.log(positive: complement)
            logComplement = large.replacing(with: small, where: shifted .< FloatVectorMath.Vector(repeating: 0.5))
            pqOverComplement = p * (q / complement)
        }
        let active = (shifted .> math.zero) .& (u .!= math.zero)
        let safeShifted = shifted.replacing(with: math.one, where: .!active)
        let negativeFactor = clipIsZero
            ? negative.power(negativeLog: logistic.negativeLogP, base: safeShifted, math)
            : negative.power(safeShifted, math)
        let bracket = multiplyAdd(negative.gamma * p * q, logComplement / safeShifted, pqOverComplement)
        let activeU = u.replacing(with: math.zero, where: .!active)
        loss = multiplyAdd(activeU * negativeFactor, logComplement.replacing(with: math.zero, where: .!active), loss)
        derivative = multiplyAdd(activeU * negativeFactor, bracket.replacing(with: math.zero, where: .!active), derivative)
        return (weight * loss, weight * derivative)
    }
}

/// Quality Focal Loss (see `QualityTerm`).
struct QualityVectorTerm: SigmoidVectorTerm {
    let modulation: VectorModulation<FloatVectorMath>

    init(beta: Float) { modulation = VectorModulation<FloatVectorMath>(gamma: beta) }

    @inline(__always)
    func element(
        x: FloatVectorMath.Vector, t: FloatVectorMath.Vector, alphaPositive: FloatVectorMath.Vector, alphaNegative: FloatVectorMath.Vector, weight: FloatVectorMath.Vector, _ math: FloatVectorMath
    ) -> (loss: FloatVectorMath.Vector, derivative: FloatVectorMath.Vector) {
        let logistic = VectorLogistic(x, math)
        let (p, q) = (logistic.p, logistic.q)
        let u = math.one - t
        let ce = logistic.crossEntropy(t, math)
        let d = multiplyAdd(t, q, -(u * p))
        let distance = unsafeBitCast(unsafeBitCast(d, to: FloatVectorMath.IntVector.self) & math.magnitudeMask, to: FloatVectorMath.Vector.self)
        let factor = weight * modulation.power(distance, math)
        let positive = distance .> math.zero
        var ratio = (p * q / distance.replacing(with: math.one, where: .!positive))
        ratio = ratio.replacing(with: p, where: t .== math.one).replacing(with: q, where: t .== math.zero)
        ratio = ratio.replacing(with: math.zero, where: .!positive)
        let magnitude = factor * multiplyAdd(modulation.gamma, ratio * ce, distance)
        let derivative = (-magnitude).replacing(with: magnitude, where: d .< math.zero)
            .replacing(with: math.zero, where: d .== math.zero)
        return (factor * ce, derivative)
    }
}

/// Varifocal Loss (see `VarifocalTerm`).
struct VarifocalVectorTerm: SigmoidVectorTerm {
    let modulation: VectorModulation<FloatVectorMath>
    let iouWeighted: Bool

    init(gamma: Float, iouWeighted: Bool) {
        modulation = VectorModulation<FloatVectorMath>(gamma: gamma)
        self.iouWeighted = iouWeighted
    }

    @inline(__always)
    func element(
        x: FloatVectorMath.Vector, t: FloatVectorMath.Vector, alphaPositive: FloatVectorMath.Vector, alphaNegative: FloatVectorMath.Vector, weight: FloatVectorMath.Vector, _ math: FloatVectorMath
    ) -> (loss: FloatVectorMath.Vector, derivative: FloatVectorMath.Vector) {
        let logistic = VectorLogistic(x, math)
        let (p, q) = (logistic.p, logistic.q)
        let u = math.one - t
        let positiveWeight = iouWeighted ? alphaPositive * t : alphaPositive
        let positiveLoss = positiveWeight * logistic.crossEntropy(t, math)
        let positiveDerivative = positiveWeight * multiplyAdd(p, u, -(q * t))
        let factor = alphaNegative * modulation.power(negativeLog: logistic.negativeLogP, base: p, math)
        let negativeLoss = factor * logistic.negativeLogQ
        let negativeDerivative = factor * multiplyAdd(modulation.gamma * q, logistic.negativeLogQ, p)
        let isPositive = t .> math.zero
        return (negativeLoss.replacing(with: positiveLoss, where: isPositive),
                negativeDerivative.replacing(with: positiveDerivative, where: isPositive))
    }
}
