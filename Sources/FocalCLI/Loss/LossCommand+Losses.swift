import FocalLoss

extension LossCommand {
    /// The reduction as `FocalLoss` spells it; `nil` for `none`.
    var kernelReduction: FocalReduction? {
        switch effectiveReduction {
        case .none: return nil
        case .mean: return .mean
        case .sum: return normalizer.map { .normalized(by: $0) } ?? .sum
        }
    }

    /// What X holds, as `FocalLoss` spells it.
    var predictionKind: PredictionKind { input == .logits ? .logits : .probabilities }

    /// The sigmoid loss the options describe, computing in `Scalar`: the variant, γ, the parsed
    /// `--alpha` (a list along `classAxis`), the input kind and the threads.
    func sigmoidLoss<Scalar: FocalScalar>(alpha: Alpha?, classAxis: Int?) throws(FocalLossError) -> SigmoidFocalLoss<Scalar> {
        let weighting: SigmoidFocalLoss<Scalar>.Alpha? = switch alpha {
        case nil: nil
        case .unweighted?: SigmoidFocalLoss<Scalar>.Alpha.none
        case .constant(let value)?: .constant(Scalar(value))
        case .perClass(let values)?: .perClass(values.map { Scalar($0) }, classAxis: classAxis ?? self.classAxis)
        }
        return try family.sigmoidLoss(gamma: gamma, alpha: weighting, input: predictionKind, threads: threading.threads)
    }

    /// The softmax loss the options describe, computing in `Scalar`.
    func softmaxLoss<Scalar: FocalScalar>(alpha: Alpha?) throws(FocalLossError) -> SoftmaxFocalLoss<Scalar> {
        let weighting: SoftmaxFocalLoss<Scalar>.Alpha? = switch alpha {
        case nil: nil
        case .unweighted?: SoftmaxFocalLoss<Scalar>.Alpha.none
        case .constant(let value)?: .constant(Scalar(value))
        case .perClass(let values)?: .perClass(values.map { Scalar($0) })
        }
        return try family.softmaxLoss(
            gamma: gamma, alpha: weighting, labelSmoothing: labelSmoothing, input: predictionKind, threads: threading.threads)
    }
}
