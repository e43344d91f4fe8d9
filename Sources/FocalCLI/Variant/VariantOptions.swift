import Foundation
import ArgumentParser
import FocalLoss

/// `--variant` and the parameters only some variants have, shared by `focal loss`, `focal curves`
/// and `focal bench` (each command keeps its own `--gamma` and `--alpha`).
struct VariantOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The focal-loss variant: focal, focal-star (FL*), poly1 (Poly-1), asl (asymmetric), qfl (quality), vfl (varifocal); softmax: focal or poly1. Defaults: \(LossVariantName.helpText).",
        valueName: "NAME"))
    var variant: LossVariantName = .focal

    @Option(parsing: .unconditional, help: ArgumentHelp("focal-star: the shift beta (finite); qfl: the exponent beta of |t - p| (>= 0).", valueName: "B"))
    var beta: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("poly1: the weight epsilon of (1 - p_t)^(gamma+1), finite and >= -1.", valueName: "E"))
    var epsilon: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("asl: the exponent of the positives' weight (1 - p), >= 0.", valueName: "G"))
    var gammaPositive: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("asl: the exponent of the negatives' weight p_m, >= 0.", valueName: "G"))
    var gammaNegative: Double?

    @Option(parsing: .unconditional, help: ArgumentHelp("asl: the probability margin of the negatives, in [0, 1).", valueName: "M"))
    var clip: Double?

    @Option(help: ArgumentHelp("vfl: weight positives by their target (IoU): true or false.", valueName: "true|false"))
    var iouWeighted: Bool?

    /// The variant-only parameters given on the command line.
    var givenParameters: [LossVariantName.Parameter] {
        let flags: [(LossVariantName.Parameter, Bool)] = [
            (.beta, beta != nil), (.epsilon, epsilon != nil), (.gammaPositive, gammaPositive != nil),
            (.gammaNegative, gammaNegative != nil), (.clip, clip != nil), (.iouWeighted, iouWeighted != nil),
        ]
        return flags.filter { $0.1 }.map { $0.0 }
    }

    /// Checks that every parameter given belongs to the variant and, by building the loss, that
    /// every value is in range.
    ///
    /// - Parameters:
    ///   - gammaGiven, alphaGiven: Whether the command's `--gamma` and `--alpha` were given.
    ///   - softmax: Whether the softmax form is wanted.
    /// - Throws: A `ValidationError` naming the flag, and for a parameter of another variant,
    ///   the variant's own parameters.
    func validate(gammaGiven: Bool, alphaGiven: Bool, softmax: Bool) throws {
        if softmax, !variant.hasSoftmaxForm {
            throw ValidationError("--variant \(variant.rawValue) is a sigmoid loss; softmax has focal and poly1")
        }
        var given = givenParameters
        if gammaGiven { given.insert(.gamma, at: 0) }
        if alphaGiven { given.insert(.alpha, at: 0) }
        if let foreign = given.first(where: { !variant.parameters.contains($0) }) {
            let own = variant.parameters.map(\.flag).joined(separator: ", ")
            throw ValidationError("\(foreign.flag) does not apply to --variant \(variant.rawValue); its parameters are \(own)")
        }
    }

    /// A number parameter: the one given, or the variant's default.
    func value(_ parameter: LossVariantName.Parameter, softmax: Bool = false) -> Double? {
        let given: Double? = switch parameter {
        case .beta: beta
        case .epsilon: epsilon
        case .gammaPositive: gammaPositive
        case .gammaNegative: gammaNegative
        case .clip: clip
        default: nil
        }
        return given ?? variant.defaultValue(parameter, softmax: softmax)
    }

    /// The sigmoid loss of the variant.
    ///
    /// - Parameters:
    ///   - gamma: `--gamma`, or `nil` for the variant's default.
    ///   - alpha: `--alpha`, or `nil` for the variant's default.
    func sigmoidLoss<Scalar: FocalScalar>(
        gamma: Double?, alpha: SigmoidFocalLoss<Scalar>.Alpha?, input: PredictionKind = .logits, threads: Int?
    ) throws(FocalLossError) -> SigmoidFocalLoss<Scalar> {
        let g = Scalar(gamma ?? variant.defaultValue(.gamma) ?? 2)
        let a = alpha ?? variant.defaultValue(.alpha).map { .constant(Scalar($0)) } ?? .none
        func number(_ parameter: LossVariantName.Parameter) -> Scalar { Scalar(value(parameter) ?? 0) }
        switch variant {
        case .focal: return try SigmoidFocalLoss(gamma: g, alpha: a, input: input, threads: threads)
        case .focalStar: return try .focalStar(gamma: g, beta: number(.beta), alpha: a, threads: threads)
        case .poly1: return try .poly1(gamma: g, alpha: a, epsilon: number(.epsilon), threads: threads)
        case .asl:
            return try .asymmetric(
                gammaPositive: number(.gammaPositive), gammaNegative: number(.gammaNegative), clip: number(.clip), threads: threads)
        case .qfl: return try .quality(beta: number(.beta), threads: threads)
        case .vfl: return try .varifocal(alpha: a, gamma: g, iouWeighted: iouWeighted ?? true, threads: threads)
        }
    }

    /// The softmax loss of the variant (focal or poly1).
    func softmaxLoss<Scalar: FocalScalar>(
        gamma: Double?, alpha: SoftmaxFocalLoss<Scalar>.Alpha?, labelSmoothing: Double, input: PredictionKind = .logits,
        threads: Int?
    ) throws(FocalLossError) -> SoftmaxFocalLoss<Scalar> {
        let g = Scalar(gamma ?? variant.defaultValue(.gamma, softmax: true) ?? 2)
        let a = alpha ?? .none
        if variant == .poly1 {
            return try .poly1(gamma: g, alpha: a, epsilon: Scalar(value(.epsilon, softmax: true) ?? 1),
                              labelSmoothing: Scalar(labelSmoothing), threads: threads)
        }
        return try SoftmaxFocalLoss(gamma: g, alpha: a, labelSmoothing: Scalar(labelSmoothing), input: input, threads: threads)
    }

    /// A parameter error of the library as a usage error naming the flag
    /// (`gammaPositive` → `--gamma-positive`).
    static func usageError(_ error: FocalLossError) -> ValidationError {
        guard case .invalidParameter(let name, let value, let requirement) = error else { return ValidationError("\(error)") }
        let flag = name.replacingOccurrences(of: "([a-z])([A-Z])", with: "$1-$2", options: .regularExpression).lowercased()
        return ValidationError("--\(flag): value \(messageNumber(value)) \(requirement)")
    }
}
