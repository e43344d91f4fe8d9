// The vector forms of the sigmoid variants' scalar terms (Sigmoid/Variants): the same formulas,
// lane by lane in `Float` or `Double` lanes, with hard-target shortcuts blended in by masks.

/// FL* (see `FocalStarTerm`); targets are hard, which the kernel checks.
struct FocalStarVectorTerm<Math: VectorMath>: SigmoidVectorTerm {
    typealias Vector = Math.Vector
    static var takesHardTargetsOnly: Bool { true }
    let gamma: Vector
    let reciprocalGamma: Vector
    let betaOverGamma: Vector

    init(gamma: Math.Scalar, beta: Math.Scalar) {
        self.gamma = Vector(repeating: gamma)
        reciprocalGamma = Vector(repeating: 1 / gamma)
        betaOverGamma = Vector(repeating: beta / gamma)
    }

    @inline(__always)
    func element(
        x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, weight: Vector, _ math: Math
    ) -> (loss: Vector, derivative: Vector) {
        let u = math.one - t
        let s = t - u
        let shifted = multiplyAdd(s, x, betaOverGamma)  // z / γ
        let z = gamma * shifted
        let magnitude = unsafeBitCast(unsafeBitCast(z, to: Math.IntVector.self) & math.magnitudeMask, to: Vector.self)
        let e = math.exp(nonPositive: -magnitude)
        let reciprocal = math.one / (math.one + e)
        let linear = (-shifted).replacing(with: math.zero, where: shifted .>= math.zero)
        let loss = multiplyAdd(math.log1p(unit: e, inverseOfOnePlus: reciprocal), reciprocalGamma, linear)
        let sigmoidOfMinusZ = reciprocal.replacing(with: e * reciprocal, where: z .>= math.zero)
        let weightT = multiplyAdd(alphaPositive, t, alphaNegative * u)
        return (weightT * loss, -(weightT * s * sigmoidOfMinusZ))
    }
}

/// Poly-1 focal (see `Poly1Term`): the focal kernel's element plus the polynomial term.
struct Poly1VectorTerm<Math: VectorMath, Exponent: FocusingExponent>: SigmoidVectorTerm {
    typealias Vector = Math.Vector
    let modulation: VectorModulation<Math>
    let epsilon: Vector
    let gammaPlusOne: Vector

    init(gamma: Math.Scalar, epsilon: Math.Scalar) {
        modulation = VectorModulation<Math>(gamma: gamma)
        self.epsilon = Vector(repeating: epsilon)
        gammaPlusOne = Vector(repeating: gamma + 1)
    }

    @inline(__always)
    func element(
        x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, weight: Vector, _ math: Math
    ) -> (loss: Vector, derivative: Vector) {
        let logistic = VectorLogistic(x, math)
        let (loss, derivative) = FocalVectorTerm<Math, Exponent>(modulation: modulation).element(
            logistic, t: t, alphaPositive: alphaPositive, alphaNegative: alphaNegative, math)
        let (p, q) = (logistic.p, logistic.q)
        let u = math.one - t
        let m = multiplyAdd(p, u, q * t)
        let power: Vector
        if Exponent.isGeneral {
            // Hard targets: m is q or p, whose logs are the softplus terms at hand.
            let negativeLogM = multiplyAdd(t, logistic.negativeLogQ, u * logistic.negativeLogP)
            let soft = (t .!= math.zero) .& (t .!= math.one)
            power = anyLane(soft) ? modulation.power(m, math, Exponent.self)
                : modulation.power(negativeLog: negativeLogM, base: m, math)
        } else {
            power = modulation.power(m, math, Exponent.self)
        }
        let scaled = weight * epsilon * power
        return (multiplyAdd(scaled, m, loss), multiplyAdd(scaled * gammaPlusOne, p * q * (u - t), derivative))
    }
}

/// The Asymmetric Loss (see `AsymmetricTerm`).
struct AsymmetricVectorTerm<Math: VectorMath>: SigmoidVectorTerm {
    typealias Vector = Math.Vector
    let positive: VectorModulation<Math>
    let negative: VectorModulation<Math>
    /// `p_m^(γ₋ - 1)` for an integer γ₋ from 1 to 9, which takes `p_m^γ₋ · L / p_m` without a
    /// division; `nil` for other γ₋.
    let negativeLower: VectorModulation<Math>?
    let clip: Vector
    let clipIsZero: Bool
    let half = Vector(repeating: 0.5)

    init(gammaPositive: Math.Scalar, gammaNegative: Math.Scalar, clip: Math.Scalar) {
        positive = VectorModulation<Math>(gamma: gammaPositive)
        negative = VectorModulation<Math>(gamma: gammaNegative)
        let isSmallInteger = gammaNegative >= 1 && gammaNegative <= 9 && gammaNegative == gammaNegative.rounded()
        negativeLower = isSmallInteger ? VectorModulation<Math>(gamma: gammaNegative - 1) : nil
        self.clip = Vector(repeating: clip)
        clipIsZero = clip == 0
    }

    @inline(__always)
    func element(
        x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, weight: Vector, _ math: Math
    ) -> (loss: Vector, derivative: Vector) {
        let logistic = VectorLogistic(x, math)
        let (p, q) = (logistic.p, logistic.q)
        let u = math.one - t
        var loss: Vector, derivative: Vector
        if positive.kind == .zero {
            loss = t * logistic.negativeLogP
            derivative = -(t * q)
        } else {
            let positiveFactor = positive.power(negativeLog: logistic.negativeLogQ, base: q, math)
            loss = t * positiveFactor * logistic.negativeLogP
            derivative = -(t * positiveFactor * multiplyAdd(positive.gamma * p, logistic.negativeLogP, q))
        }
        let shifted: Vector, logComplement: Vector, pqOverComplement: Vector
        if clipIsZero {
            (shifted, logComplement, pqOverComplement) = (p, logistic.negativeLogQ, p)
        } else {
            shifted = p - clip  // exact near the kink p = clip
            // L = -log(1 - p_m) through one log of c = 1 - p_m rounded, plus the rounding error
            // e of c (two-sum): -log(c + e) = -log c - e / c. c is 1 - p_m for p_m < 1/2 (where
            // p_m is the more precise), q + clip above (where q is).
            let small = shifted .< half
            let first = math.one.replacing(with: q, where: .!small)
            let second = (-shifted).replacing(with: clip, where: .!small)
            let complement = first + second
            let secondPart = complement - first
            let error = (first - (complement - secondPart)) + (second - secondPart)
            let inverse = math.one / complement
            logComplement = multiplyAdd(-error, inverse, -math.log(positive: complement))
            pqOverComplement = p * q * inverse
        }
        let active = (shifted .> math.zero) .& (u .!= math.zero)
        let safeShifted = shifted.replacing(with: math.one, where: .!active)
        let negativeFactor: Vector
        let negativeDerivative: Vector  // p_m^γ₋ · (γ₋ p q L / p_m + p q / (1 - p_m))
        if let negativeLower {
            let lower = negativeLower.power(safeShifted, math)
            negativeFactor = lower * safeShifted
            negativeDerivative = lower * multiplyAdd(negative.gamma * p * q, logComplement, safeShifted * pqOverComplement)
        } else {
            negativeFactor = clipIsZero
                ? negative.power(negativeLog: logistic.negativeLogP, base: safeShifted, math)
                : negative.power(safeShifted, math)
            let bracket = negative.kind == .zero
                ? pqOverComplement : multiplyAdd(negative.gamma * p * q, logComplement / safeShifted, pqOverComplement)
            negativeDerivative = negativeFactor * bracket
        }
        let activeU = u.replacing(with: math.zero, where: .!active)
        loss = multiplyAdd(activeU * negativeFactor, logComplement.replacing(with: math.zero, where: .!active), loss)
        derivative = multiplyAdd(activeU, negativeDerivative.replacing(with: math.zero, where: .!active), derivative)
        return (weight * loss, weight * derivative)
    }
}

/// Quality Focal Loss (see `QualityTerm`).
struct QualityVectorTerm<Math: VectorMath>: SigmoidVectorTerm {
    typealias Vector = Math.Vector
    let modulation: VectorModulation<Math>

    init(beta: Math.Scalar) { modulation = VectorModulation<Math>(gamma: beta) }

    @inline(__always)
    func element(
        x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, weight: Vector, _ math: Math
    ) -> (loss: Vector, derivative: Vector) {
        let logistic = VectorLogistic(x, math)
        let (p, q) = (logistic.p, logistic.q)
        let u = math.one - t
        let ce = logistic.crossEntropy(t, math)
        let d = multiplyAdd(t, q, -(u * p))
        let distance = unsafeBitCast(unsafeBitCast(d, to: Math.IntVector.self) & math.magnitudeMask, to: Vector.self)
        let factor = weight * modulation.power(distance, math)
        let positive = distance .> math.zero
        // p q / |d| is p for t = 1 and q for t = 0: only soft targets need the division.
        var ratio = p.replacing(with: q, where: t .== math.zero)
        let soft = (t .!= math.zero) .& (t .!= math.one)
        if anyLane(soft) {
            let divided = p * q / distance.replacing(with: math.one, where: .!positive)
            ratio = ratio.replacing(with: divided, where: soft)
        }
        ratio = ratio.replacing(with: math.zero, where: .!positive)
        let magnitude = factor * multiplyAdd(modulation.gamma, ratio * ce, distance)
        let derivative = (-magnitude).replacing(with: magnitude, where: d .< math.zero)
            .replacing(with: math.zero, where: d .== math.zero)
        return (factor * ce, derivative)
    }
}

/// Varifocal Loss (see `VarifocalTerm`).
struct VarifocalVectorTerm<Math: VectorMath>: SigmoidVectorTerm {
    typealias Vector = Math.Vector
    let modulation: VectorModulation<Math>
    let iouWeighted: Bool

    init(gamma: Math.Scalar, iouWeighted: Bool) {
        modulation = VectorModulation<Math>(gamma: gamma)
        self.iouWeighted = iouWeighted
    }

    @inline(__always)
    func element(
        x: Vector, t: Vector, alphaPositive: Vector, alphaNegative: Vector, weight: Vector, _ math: Math
    ) -> (loss: Vector, derivative: Vector) {
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
