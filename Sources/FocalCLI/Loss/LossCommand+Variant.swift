import ArgumentParser
import FocalLoss

extension LossCommand {
    /// Checks `--variant` against the other options: the parameters given belong to it, its
    /// values are in range, and the variants other than focal take logits.
    func validateVariant() throws {
        try family.validate(gammaGiven: gamma != nil, alphaGiven: alpha != nil, softmax: kind == .softmax)
        if family.variant != .focal, input == .probabilities {
            throw ValidationError("--variant \(family.variant.rawValue) takes logits; --input probabilities is for --variant focal")
        }
        do {
            switch kind {
            case .sigmoid:
                let _: SigmoidFocalLoss<Double> = try family.sigmoidLoss(gamma: gamma, alpha: nil, threads: nil)
            case .softmax:
                let _: SoftmaxFocalLoss<Double> = try family.softmaxLoss(gamma: gamma, alpha: nil, labelSmoothing: 0, threads: nil)
            }
        } catch {
            throw VariantOptions.usageError(error)
        }
    }
}
