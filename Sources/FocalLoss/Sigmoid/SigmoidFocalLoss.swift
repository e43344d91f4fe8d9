/// The sigmoid focal loss of Lin et al. (2017), for binary and multi-label classification and
/// for dense per-pixel binary maps.
///
/// Every element of the input is an independent binary problem: with `p = sigmoid(x)` (or `p`
/// given directly), target `t` in `[0, 1]` and `p_t = p·t + (1 - p)·(1 - t)`,
///
///     loss = α_t · (1 - p_t)^γ · ce,   ce = -(t·log p + (1 - t)·log(1 - p)),
///
/// where `α_t = α·t + (1 - α)·(1 - t)` when ``alpha-swift.property`` is given and `1` otherwise.
/// This is the definition of torchvision's `sigmoid_focal_loss`; `γ = 0` without `α` is binary
/// cross-entropy.
///
/// ```swift
/// let focal = try SigmoidFocalLoss<Float>(gamma: 2, alpha: 0.25)
/// let logits: [Float] = [2.5, -1.0, 0.3, -4.0]
/// let targets: [Float] = [1, 0, 1, 0]
/// let (loss, gradient) = try focal.lossAndGradient(logits, targets: targets)
/// ```
///
/// The loss and its gradient come from one fused pass over the data with no temporary arrays;
/// the forms taking an `inout` array or an `UnsafeMutableBufferPointer` write the gradient into
/// memory the caller owns, so a training loop allocates nothing per step.
///
/// ## Validation
/// The checked entry points check every element (logits finite, probabilities and targets in
/// `[0, 1]`, weights finite and `>= 0`) and throw a ``FocalLossError`` naming the first bad one.
/// `Float` and `Double` logits and targets are checked inside the fused pass itself, at almost no cost; a bad
/// element is then reported after the pass, so the outputs (`gradient`, `losses`) may already be
/// partly written when the call throws. Other inputs are scanned before the pass.
/// ``uncheckedLossAndGradient(_:targets:shape:weights:reduction:gradient:)`` skips the element checks.
public struct SigmoidFocalLoss<Scalar: FocalScalar>: Sendable, Hashable {
    /// The class-balance weight α of the sigmoid focal loss.
    ///
    /// The same vocabulary as ``SoftmaxFocalLoss/Alpha`` and FocalTraining's `LossSettings.Alpha`:
    /// ``none``, one ``constant(_:)`` value, or a value ``perClass(_:classAxis:)``.
    public enum Alpha: Sendable, Hashable, ExpressibleByFloatLiteral {
        /// No weighting: every element counts once.
        case none
        /// Weight `α` on the positive term and `1 - α` on the negative term of every element
        /// (the paper uses `α = 0.25` with `γ = 2`; torchvision's `alpha`).
        case constant(Scalar)
        /// One `α` per class for multi-label input, the classes running along `classAxis` of the
        /// input's shape (negative axes count from the end), each with the meaning of
        /// ``constant(_:)`` for its class.
        case perClass([Scalar], classAxis: Int)

        /// A literal is ``constant(_:)``: `alpha: 0.25`.
        ///
        /// - Parameter value: The weight α of the positive term, in `[0, 1]`.
        public init(floatLiteral value: Double) {
            self = .constant(Scalar(value))
        }

        /// Weight `α` on positives and `1 - α` on negatives: the former name of ``constant(_:)``.
        @available(*, deprecated, renamed: "constant")
        public static func balanced(_ value: Scalar) -> Self { .constant(value) }
    }

    /// The focusing parameter γ `>= 0`; `0` gives cross-entropy, the paper uses `2`.
    public let gamma: Scalar
    /// The class-balance weighting.
    public let alpha: Alpha
    /// Whether the kernels are given logits or probabilities.
    public let input: PredictionKind
    /// Which member of the focal-loss family this is (``Variant/focal`` unless made by one of
    /// the variants' factories, such as ``poly1(gamma:alpha:epsilon:threads:)``).
    public let variant: Variant
    /// The most threads a call may use; `nil` (the default) means one per processor. Inputs
    /// below ``FocalThreading/parallelThreshold`` elements always run on the calling thread.
    /// The loss is bit-identical whatever the setting.
    public var threads: Int?

    /// Creates a sigmoid focal loss.
    ///
    /// - Parameters:
    ///   - gamma: The focusing parameter, finite and `>= 0` (default 2).
    ///   - alpha: The class-balance weighting (default none); every α must be in `[0, 1]`.
    ///   - input: Whether predictions are logits (default) or probabilities.
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` for a bad `gamma`
    ///   or `alpha`.
    public init(
        gamma: Scalar = 2, alpha: Alpha = .none, input: PredictionKind = .logits, threads: Int? = nil
    ) throws(FocalLossError) {
        try self.init(gamma: gamma, alpha: alpha, variant: .focal, input: input, threads: threads)
    }

    /// A loss of any variant, its `gamma` and `alpha` checked (the variant's own parameters are
    /// checked by its factory).
    init(
        gamma: Scalar, alpha: Alpha, variant: Variant, input: PredictionKind = .logits, threads: Int?
    ) throws(FocalLossError) {
        try Validation.gamma(gamma)
        switch alpha {
        case .none:
            break
        case .constant(let value):
            try Validation.unitInterval(value, name: "alpha")
        case .perClass(let values, _):
            guard !values.isEmpty else { throw .emptyInput(argument: "alpha") }
            for (index, value) in values.enumerated() {
                try Validation.unitInterval(value, name: "alpha[\(index)]")
            }
        }
        self.gamma = gamma
        self.alpha = alpha
        self.input = input
        self.variant = variant
        self.threads = threads
    }
}
