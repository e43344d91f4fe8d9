import ArgumentParser

/// A member of the focal-loss family as the command line names it (`--variant`), with the
/// parameters it takes and their defaults (those of its paper, as FocalLoss's factories).
enum LossVariantName: String, ExpressibleByArgument, CaseIterable {
    case focal
    case focalStar = "focal-star"
    case poly1
    case asl
    case qfl
    case vfl

    /// One parameter flag of a variant.
    enum Parameter: String, CaseIterable {
        case gamma, alpha, beta, epsilon
        case gammaPositive = "gamma-positive"
        case gammaNegative = "gamma-negative"
        case clip
        case iouWeighted = "iou-weighted"

        /// The flag as typed: `--gamma-positive`.
        var flag: String { "--\(rawValue)" }
    }

    /// The flags this variant takes, in the order its formula names them.
    var parameters: [Parameter] {
        switch self {
        case .focal: [.gamma, .alpha]
        case .focalStar: [.gamma, .beta, .alpha]
        case .poly1: [.gamma, .alpha, .epsilon]
        case .asl: [.gammaPositive, .gammaNegative, .clip]
        case .qfl: [.beta]
        case .vfl: [.alpha, .gamma, .iouWeighted]
        }
    }

    /// Whether the softmax loss has this variant.
    var hasSoftmaxForm: Bool { self == .focal || self == .poly1 }

    /// The default of a number parameter (`nil`: none, as `--alpha` of the focal loss), for the
    /// sigmoid form or, where they differ, the softmax form.
    func defaultValue(_ parameter: Parameter, softmax: Bool = false) -> Double? {
        switch (self, parameter) {
        case (.focal, .gamma), (.focalStar, .gamma), (.vfl, .gamma): 2
        case (.poly1, .gamma): softmax ? 0 : 2
        case (.focalStar, .alpha): 0.25
        case (.poly1, .alpha): softmax ? nil : 0.25
        case (.vfl, .alpha): 0.75
        case (.focalStar, .beta): 1
        case (.qfl, .beta): 2
        case (.poly1, .epsilon): 1
        case (.asl, .gammaPositive): 0
        case (.asl, .gammaNegative): 4
        case (.asl, .clip): 0.05
        default: nil
        }
    }

    /// The variants and their parameters with defaults, for `--help`.
    static var helpText: String {
        allCases.map { variant in
            let parameters = variant.parameters.map { parameter -> String in
                if parameter == .iouWeighted { return "--iou-weighted true" }
                guard let value = variant.defaultValue(parameter) else { return "\(parameter.flag) none" }
                let softmax = variant.defaultValue(parameter, softmax: true)
                let shown = messageNumber(value)
                return variant.hasSoftmaxForm && softmax != value
                    ? "\(parameter.flag) \(shown) (softmax \(softmax.map(messageNumber) ?? "none"))"
                    : "\(parameter.flag) \(shown)"
            }
            return "\(variant.rawValue): \(parameters.joined(separator: ", "))"
        }.joined(separator: "; ")
    }
}
