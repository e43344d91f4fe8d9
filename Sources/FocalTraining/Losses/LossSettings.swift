/// Which loss a classifier is trained with, all computed by the fused kernels of `FocalLoss`:
/// binary problems use `SigmoidFocalLoss`-style losses on one logit, multi-class problems the
/// softmax ones.
///
/// `gamma = 0` is cross-entropy; a class weighting turns either into its alpha-balanced form.
public struct LossSettings: Sendable, Hashable, Codable {
    /// The family of the loss.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Cross-entropy (`gamma = 0`, no weighting).
        case crossEntropy = "ce"
        /// Alpha-balanced cross-entropy (`gamma = 0`; weighting ``Alpha/inverseFrequency`` unless given).
        case balancedCrossEntropy = "balanced-ce"
        /// Focal loss (`gamma = 2` and no weighting unless given).
        case focal
        /// Poly-1 focal loss of PolyLoss (FocalLoss's `poly1` variant), both heads: the focal
        /// loss plus `epsilon (1 - p_t)^(gamma + 1)` (`gamma = 2`, `epsilon = 1` unless given).
        case poly1
        /// The Asymmetric Loss (FocalLoss's `asymmetric` variant) with ASL's defaults
        /// (`gammaPositive 0`, `gammaNegative 4`, `clip 0.05`): binary problems only, no `gamma`
        /// or weighting.
        case asl
    }

    /// The class weighting α.
    public enum Alpha: Sendable, Hashable, Codable, CustomStringConvertible {
        /// No weighting.
        case none
        /// Binary: weight `a` on the positive class and `1 - a` on the negative one (the paper's
        /// `alpha = 0.25`). Multi-class: weight `a` on every class.
        case constant(Double)
        /// Class weights from the training counts: proportional to `1 / n_c`, normalised to sum
        /// to the number of classes `C`.
        case inverseFrequency
        /// Class weights from the effective number of samples of Cui et al. (2019):
        /// proportional to `(1 - beta) / (1 - beta^n_c)`, normalised to sum to `C`.
        case effectiveNumber(beta: Double)

        /// `none`, the constant, `auto` (inverse frequency) or `effective:BETA`.
        public var description: String {
            switch self {
            case .none: return "none"
            case .constant(let value): return "\(value)"
            case .inverseFrequency: return "auto"
            case .effectiveNumber(let beta): return "effective:\(beta)"
            }
        }

        /// Parses `none`, a number in `[0, 1]`, `auto` (inverse frequency), `effective` (beta 0.999)
        /// or `effective:BETA` with `BETA` in `[0, 1)`.
        ///
        /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` for other text.
        public init(parsing text: String) throws(TrainingError) {
            let requirement: SettingText = "must be a number in [0, 1], 'auto', 'effective' or 'effective:BETA' with BETA in [0, 1)"
            switch text {
            case "none": self = .none
            case "auto", "inverse": self = .inverseFrequency
            case "effective": self = .effectiveNumber(beta: 0.999)
            default:
                if text.hasPrefix("effective:"), let beta = Double(text.dropFirst(10)), beta >= 0, beta < 1 {
                    self = .effectiveNumber(beta: beta)
                } else if let value = Double(text), value >= 0, value <= 1 {
                    self = .constant(value)
                } else {
                    throw .invalidSetting(parameter: .alpha, value: text, requirement: requirement)
                }
            }
        }

        /// Decodes the text form (``description``).
        public init(from decoder: any Decoder) throws {
            let text = try decoder.singleValueContainer().decode(String.self)
            do {
                self = try Alpha(parsing: text)
            } catch {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
            }
        }

        /// Encodes the text form (``description``).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(description)
        }
    }

    /// The family of the loss.
    public var kind: Kind
    /// The focusing parameter γ `>= 0` (0 for the cross-entropies).
    public var gamma: Double
    /// The class weighting.
    public var alpha: Alpha
    /// Poly-1's `epsilon >= -1` (``Kind/poly1`` only; `nil` otherwise).
    public var epsilon: Double?

    /// Creates loss settings; `gamma` and `alpha` default by kind (see ``Kind``).
    ///
    /// - Throws: ``TrainingError/invalidSetting(parameter:value:requirement:)`` for a negative or
    ///   non-finite `gamma`, a `gamma` other than 0 for a cross-entropy, a weighting with plain
    ///   cross-entropy, or an α out of range.
    public init(kind: Kind, gamma: Double? = nil, alpha: Alpha? = nil, epsilon: Double? = nil) throws(TrainingError) {
        if let epsilon {
            guard kind == .poly1 else {
                throw .invalidSetting(parameter: .loss, value: "epsilon \(epsilon)", requirement: "applies to \(SettingReference.lossKind(.poly1)) only")
            }
            guard epsilon.isFinite, epsilon >= -1 else {
                throw .invalidSetting(parameter: .loss, value: "epsilon \(epsilon)", requirement: "must be finite and >= -1")
            }
        }
        if kind == .asl, gamma != nil || (alpha != nil && alpha != Alpha.none) {
            throw .invalidSetting(parameter: gamma != nil ? .gamma : .alpha, value: gamma.map { "\($0)" } ?? alpha!.description,
                                  requirement: "does not apply to \(SettingReference.lossKind(.asl)) (ASL's own defaults)")
        }
        switch kind {
        case .crossEntropy, .balancedCrossEntropy:
            if let gamma, gamma != 0 {
                throw .invalidSetting(parameter: .gamma, value: "\(gamma)",
                                      requirement: "applies to \(SettingReference.lossKind(.focal)) only (cross-entropy has gamma 0)")
            }
        case .focal, .poly1, .asl:
            break
        }
        if kind == .crossEntropy, let alpha, alpha != .none {
            throw .invalidSetting(parameter: .alpha, value: alpha.description,
                                  requirement: "does not apply to plain cross-entropy; use \(SettingReference.lossKind(.balancedCrossEntropy))")
        }
        let gamma = gamma ?? (kind == .focal || kind == .poly1 ? 2 : 0)
        // Training computes in Float: a gamma beyond Float's range would become infinite there.
        guard gamma.isFinite, gamma >= 0, gamma <= Double(Float.greatestFiniteMagnitude) else {
            throw .invalidSetting(parameter: .gamma, value: "\(gamma)",
                                  requirement: "must be >= 0 and finite in Float (at most \(Float.greatestFiniteMagnitude))")
        }
        let alpha = alpha ?? (kind == .balancedCrossEntropy ? .inverseFrequency : .none)
        switch alpha {
        case .constant(let value) where !(value >= 0 && value <= 1):
            throw .invalidSetting(parameter: .alpha, value: "\(value)", requirement: "must be in [0, 1]")
        case .effectiveNumber(let beta) where !(beta >= 0 && beta < 1):
            throw .invalidSetting(parameter: .alpha, value: "effective:\(beta)", requirement: "beta must be in [0, 1)")
        default: break
        }
        self.kind = kind
        self.gamma = gamma
        self.alpha = alpha
        self.epsilon = kind == .poly1 ? (epsilon ?? 1) : nil
    }

    /// The class weights (summing to the number of classes) for a class-dependent weighting, from
    /// the training counts; `nil` for ``Alpha/none`` and ``Alpha/constant(_:)``.
    public func classWeights(counts: [Int]) -> [Double]? {
        switch alpha {
        case .none, .constant: return nil
        case .inverseFrequency: return ClassWeighting.inverseFrequency(counts: counts)
        case .effectiveNumber(let beta): return ClassWeighting.effectiveNumber(counts: counts, beta: beta)
        }
    }
}
