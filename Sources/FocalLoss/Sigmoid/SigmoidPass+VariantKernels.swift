// The vector kernel of each sigmoid variant.

extension SigmoidPass {
    /// The `Float` vector kernel of the loss's variant over one run.
    func runVector(_ operands: SigmoidVectorKernel.Operands) -> Double {
        let gamma = Float(loss.gamma)
        let kernel = SigmoidVariantVectorKernel()
        switch loss.variant {
        case .focal:
            return SigmoidVectorKernel().run(operands, gamma: gamma)
        case .focalStar(let beta):
            return kernel.run(operands, FocalStarVectorTerm(gamma: gamma, beta: Float(beta)))
        case .poly1(let epsilon):
            let epsilon = Float(epsilon)
            switch VectorModulation(gamma: gamma).kind {
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
