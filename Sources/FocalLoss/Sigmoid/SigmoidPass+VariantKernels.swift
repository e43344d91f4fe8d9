// The vector kernel of each sigmoid variant.

extension SigmoidPass {
    /// The vector kernel of the loss's variant over one run, in `Math`'s lanes.
    func runVector<Math: VectorMath>(_ operands: SigmoidVectorKernel<Math>.Operands) -> Double {
        typealias Lane = Math.Scalar
        let gamma = Lane(loss.gamma)
        let kernel = SigmoidVectorKernel<Math>()
        switch loss.variant {
        case .focal:
            return kernel.run(operands, gamma: gamma)
        case .focalStar(let beta):
            return kernel.run(operands, FocalStarVectorTerm<Math>(gamma: gamma, beta: Lane(beta)))
        case .poly1(let epsilon):
            let epsilon = Lane(epsilon)
            switch VectorModulation<Math>(gamma: gamma).kind {
            case .zero: return kernel.run(operands, Poly1VectorTerm<Math, ExponentZero>(gamma: gamma, epsilon: epsilon))
            case .one: return kernel.run(operands, Poly1VectorTerm<Math, ExponentOne>(gamma: gamma, epsilon: epsilon))
            case .two: return kernel.run(operands, Poly1VectorTerm<Math, ExponentTwo>(gamma: gamma, epsilon: epsilon))
            case .three: return kernel.run(operands, Poly1VectorTerm<Math, ExponentThree>(gamma: gamma, epsilon: epsilon))
            case .general: return kernel.run(operands, Poly1VectorTerm<Math, ExponentGeneral>(gamma: gamma, epsilon: epsilon))
            }
        case .asymmetric(let gammaPositive, let gammaNegative, let clip):
            return kernel.run(operands, AsymmetricVectorTerm<Math>(
                gammaPositive: Lane(gammaPositive), gammaNegative: Lane(gammaNegative), clip: Lane(clip)))
        case .quality(let beta):
            return kernel.run(operands, QualityVectorTerm<Math>(beta: Lane(beta)))
        case .varifocal(let iouWeighted):
            return kernel.run(operands, VarifocalVectorTerm<Math>(gamma: gamma, iouWeighted: iouWeighted))
        }
    }
}
