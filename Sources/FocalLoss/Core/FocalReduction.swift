/// How the losses of the individual elements (sigmoid) or positions (softmax) are combined into
/// one number.
///
/// The unreduced, per-element losses have their own entry points
/// (``SigmoidFocalLoss/elementwiseLosses(_:targets:shape:weights:)`` and the softmax ones), since
/// they return an array rather than a number.
///
/// With weights, every element's loss (and gradient) is multiplied by its weight first.
///
/// Sums are accumulated in `Double` whatever the scalar type, so a `Float` mean of losses near
/// `Float.greatestFiniteMagnitude` is still returned; a reduced value that the scalar type cannot
/// hold (a `Float` sum beyond about 3.4e38) is returned as infinity. So is any reduction of an
/// element whose own (weighted) loss is beyond the type's range, such as a `Float` logit of
/// `-3e38` with target 1 and weight 2, even when the mean would be back in range: each element's
/// loss is computed in the scalar type.
public enum FocalReduction: Sendable, Hashable {
    /// The sum of the (weighted) losses.
    case sum
    /// The mean: the sum divided by the number of elements counted, or with weights by the sum
    /// of the weights, so that a 0/1 mask gives the mean over the unmasked elements. When
    /// nothing is counted (every weight 0, every position ignored) the loss is 0, not NaN.
    case mean
    /// The sum divided by a normaliser the caller gives, for example the number of positive
    /// anchors in a detection batch, as RetinaNet does. The normaliser must be finite and `> 0`.
    case normalized(by: Double)
}

extension FocalReduction: CustomStringConvertible {
    /// The reduction as text: `sum`, `mean`, or `sum / N` for ``normalized(by:)``.
    public var description: String {
        switch self {
        case .sum: return "sum"
        case .mean: return "mean"
        case .normalized(let normalizer): return "sum / \(normalizer)"
        }
    }
}

/// What the kernels are given as predictions.
public enum PredictionKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Raw scores before the sigmoid or softmax (the numerically stable, primary path).
    case logits
    /// Sigmoid or softmax outputs, each in `[0, 1]`. They are clamped into
    /// `[ε, 1 - ε]` (see ``FocalScalar/probabilityEpsilon``) so that the loss stays finite; the
    /// gradient is that of the loss at the clamped value, so a confidently wrong probability of
    /// exactly 0 or 1 still gets a large, finite push.
    case probabilities
}
