// The vector kernel of each sigmoid variant.

extension SigmoidPass {
    /// The vector kernel of the loss's variant over one run: the focal loss's in either lane
    /// type, the other variants' in `Float` lanes (``usesVectorKernel`` sends them nowhere else).
    func runVector<Math: VectorMath>(_ operands: SigmoidVectorKernel<Math>.Operands) -> Double {
        guard loss.variant != .focal, Math.self == FloatVectorMath.self else {
            return SigmoidVectorKernel<Math>().run(operands, gamma: Math.Scalar(loss.gamma))
        }
        return runVariant(unsafeBitCast(operands, to: SigmoidVectorKernel<FloatVectorMath>.Operands.self))
    }

    /// The `Float` vector kernel of a variant other than focal.
    private func runVariant(_ operands: SigmoidVectorKernel<FloatVectorMath>.Operands) -> Double {
        let gamma = Float(loss.gamma)
        let kernel = SigmoidVectorKernel<FloatVectorMath>()
        switch loss.variant {
        case .focal:
            return kernel.run(operands, gamma: gamma)
        case .focalStar(let beta):
            return kernel.run(operands, FocalStarVectorTerm(gamma: gamma, beta: Float(beta)))
        case .poly1(let epsilon):
            let epsilon = Float(epsilon)
            switch VectorModulation<FloatVectorMath>(gamma: gamma).kind {
            case .zero: return kernel.run(operands, Poly1VectorTerm<ExponentZero>(gamma: gamma, epsilon: epsilon))
            case .one: return kernel.run(operands, Poly1VectorTerm<ExponentOne>(gamma: gamma, epsilon: epsilon))
            case .two: return kernel.run(operands, Poly1VectorTerm<ExponentTwo>(gamma: gamma, epsilon: epsilon))
            case .three: return kernel.run(operands, Poly1VectorTerm<ExponentThree>(gamma: gamma, epsilon: epsilon))
            case .general: return kernel.run(operands, Poly1VectorTerm<ExponentGeneral>(gamma: gamma, epsilon: epsilon))
            }
        case .asymmetric(let gammaPositive, let gammaNegative, let clip):
            return kernel.run(operands, AsymmetricVectorTerm(
                gammaPositive: Float(gammaPositive), gammaNegative: Float(gammaNegative), clip: Float(clip)))
        case .quality(let beta):
            return kernel.run(operands, QualityVectorTerm(beta: Float(beta)))
        case .varifocal(let iouWeighted):
            return kernel.run(operands, VarifocalVectorTerm(gamma: gamma, iouWeighted: iouWeighted))
        }
    }
}
