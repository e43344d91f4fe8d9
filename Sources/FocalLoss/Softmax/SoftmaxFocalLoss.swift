/// The multi-class (softmax) focal loss, for classification `(N, C)` and dense prediction
/// `(N, C, d1, ..., dk)` such as segmentation maps.
///
/// For each position, with `p = softmax(x)` over the class axis (or `p` given directly), a target
/// distribution `q` and class weights `a`:
///
///     loss = -Σ_c a_c · q_c · (1 - p_c)^γ · log p_c
///
/// `q` is the one-hot vector of an integer label, `(1 - e)·one_hot + e/C` with label smoothing
/// `e`, or a one-hot or soft target tensor the caller gives. `γ = 0` without class weights is
/// cross-entropy.
///
/// The class axis is a parameter of every call: `1` for channels-first `(N, C, ...)` (PyTorch)
/// and `-1` for class-last `(..., C)` (TensorFlow, Keras, MLX); both give identical results on
/// transposed data.
///
/// ```swift
/// // A batch of 2 segmentation maps of 4 x 4 pixels over 3 classes, channels first.
/// let focal = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: [0.25, 1, 1])
/// let logits = [Float](repeating: 0, count: 2 * 3 * 4 * 4)
/// let mask = [UInt8](repeating: 1, count: 2 * 4 * 4)  // 255 marks unlabelled pixels
/// let (loss, gradient) = try focal.lossAndGradient(
///     logits, shape: [2, 3, 4, 4], labels: mask, ignoreIndex: 255)
/// ```
///
/// Loss and gradient come from one pass over each position's `C` values; the extra memory is
/// `O(C)`, never the size of the input.
///
/// ## Validation
/// The checked entry points check every element (logits finite, probabilities in `[0, 1]`,
/// labels in range or the ignore index, target tensors and weights finite and `>= 0`) and throw
/// a ``FocalLossError`` naming the first bad one. `Float` and `Double` logits with integer labels are checked
/// inside the fused pass itself, at almost no cost; a bad logit is then reported after the pass,
/// so the outputs may already be partly written when the call throws.
public struct SoftmaxFocalLoss<Scalar: FocalScalar>: Sendable, Hashable {
    /// The class weights α of the softmax focal loss.
    ///
    /// The same vocabulary as ``SigmoidFocalLoss/Alpha`` and FocalTraining's `LossSettings.Alpha`:
    /// ``none``, one ``constant(_:)`` value, or a value ``perClass(_:)``.
    public enum Alpha: Sendable, Hashable, ExpressibleByFloatLiteral, ExpressibleByArrayLiteral {
        /// No weighting.
        case none
        /// One weight for every class.
        case constant(Scalar)
        /// One weight per class, in class order; the count must equal the number of classes.
        case perClass([Scalar])

        /// A literal is ``constant(_:)``: `alpha: 0.25`.
        ///
        /// - Parameter value: The weight of every class, finite and `>= 0`.
        public init(floatLiteral value: Double) { self = .constant(Scalar(value)) }
        /// An array literal is ``perClass(_:)``: `alpha: [0.25, 1, 1]`.
        ///
        /// - Parameter elements: One weight per class, in class order, each finite and `>= 0`.
        public init(arrayLiteral elements: Scalar...) { self = .perClass(elements) }

        /// One weight for every class: the former name of ``constant(_:)``.
        @available(*, deprecated, renamed: "constant")
        public static func uniform(_ value: Scalar) -> Self { .constant(value) }
    }

    /// The former name of ``Alpha``.
    @available(*, deprecated, renamed: "Alpha")
    public typealias ClassWeights = Alpha

    /// The focusing parameter γ `>= 0`.
    public let gamma: Scalar
    /// The class weights.
    public let alpha: Alpha
    /// The label smoothing `e` in `[0, 1)`: targets become `(1 - e)·q + e/C`.
    public let labelSmoothing: Scalar
    /// Whether the kernels are given logits (softmax applied over the class axis) or
    /// probabilities.
    public let input: PredictionKind
    /// Which member of the focal-loss family this is (``Variant/focal`` unless made by a
    /// variant's factory, such as ``poly1(gamma:alpha:epsilon:labelSmoothing:threads:)``).
    public let variant: Variant
    /// The most threads a call may use; `nil` (the default) means one per processor. Inputs
    /// below ``FocalThreading/parallelThreshold`` values always run on the calling thread.
    /// The loss is bit-identical whatever the setting.
    public var threads: Int?

    /// Creates a softmax focal loss.
    ///
    /// - Parameters:
    ///   - gamma: The focusing parameter, finite and `>= 0` (default 2).
    ///   - alpha: Class weights (default none); each finite and `>= 0`.
    ///   - labelSmoothing: In `[0, 1)` (default 0); applies to integer labels and target tensors.
    ///   - input: Logits (default) or probabilities.
    ///   - threads: The most threads a call may use (default: one per processor).
    /// - Throws: ``FocalLossError/invalidParameter(name:value:requirement:)`` for a bad value.
    public init(
        gamma: Scalar = 2, alpha: Alpha = .none, labelSmoothing: Scalar = 0,
        input: PredictionKind = .logits, threads: Int? = nil
    ) throws(FocalLossError) {
        try self.init(
            gamma: gamma, alpha: alpha, labelSmoothing: labelSmoothing, variant: .focal, input: input, threads: threads)
    }

    /// A loss of any variant, its shared parameters checked (the variant's own are checked by
    /// its factory).
    init(
        gamma: Scalar, alpha: Alpha, labelSmoothing: Scalar, variant: Variant, input: PredictionKind, threads: Int?
    ) throws(FocalLossError) {
        try Validation.gamma(gamma)
        switch alpha {
        case .none: break
        case .constant(let value):
            guard value.isFinite, value >= 0 else {
                throw .invalidParameter(name: "alpha", value: Double(value), requirement: "must be finite and >= 0")
            }
        case .perClass(let values):
            guard !values.isEmpty else { throw .emptyInput(argument: "alpha") }
            for (index, value) in values.enumerated() where !(value.isFinite && value >= 0) {
                throw .invalidParameter(name: "alpha[\(index)]", value: Double(value), requirement: "must be finite and >= 0")
            }
        }
        guard labelSmoothing >= 0, labelSmoothing < 1 else {
            throw .invalidParameter(name: "labelSmoothing", value: Double(labelSmoothing), requirement: "must be in [0, 1)")
        }
        self.gamma = gamma
        self.alpha = alpha
        self.labelSmoothing = labelSmoothing
        self.input = input
        self.variant = variant
        self.threads = threads
    }
}
