/// The checks the kernels run on their arguments before computing anything.
///
/// Each is one read-only pass over an array that stops at the first bad element; together they
/// cost a small fraction of a loss-and-gradient pass. The `unchecked` entry points skip them.

enum Validation {

    static func gamma<Scalar: FocalScalar>(_ gamma: Scalar) throws(FocalLossError) {
        guard gamma.isFinite, gamma >= 0 else {
            throw .invalidParameter(name: "gamma", value: Double(gamma), requirement: "must be finite and >= 0")
        }
    }


    /// A parameter that may take any finite value (focal-star's `beta`).
    static func finite<Scalar: FocalScalar>(_ value: Scalar, name: String) throws(FocalLossError) {
        guard value.isFinite else {
            throw .invalidParameter(name: name, value: Double(value), requirement: "must be finite")
        }
    }

    /// An exponent of a variant (`beta`, `gammaPositive`, `gammaNegative`): finite and `>= 0`.
    static func exponent<Scalar: FocalScalar>(_ value: Scalar, name: String) throws(FocalLossError) {
        guard value.isFinite, value >= 0 else {
            throw .invalidParameter(name: name, value: Double(value), requirement: "must be finite and >= 0")
        }
    }

    /// Poly-1's `epsilon`: finite and `>= -1`. Below -1 even the unweighted loss is negative as `p_t` nears 1,
    /// where `-log(p_t)` is about `1 - p_t`; an `alpha_t` below 1 moves that bound to `epsilon >= -alpha_t`
    /// (see the article "Choosing a focal-loss variant").
    static func epsilon<Scalar: FocalScalar>(_ value: Scalar) throws(FocalLossError) {
        guard value.isFinite, value >= -1 else {
            throw .invalidParameter(name: "epsilon", value: Double(value), requirement: "must be finite and >= -1")
        }
    }

    static func unitInterval<Scalar: FocalScalar>(_ value: Scalar, name: String) throws(FocalLossError) {
        guard value >= 0, value <= 1 else {
            throw .invalidParameter(name: name, value: Double(value), requirement: "must be in [0, 1]")
        }
    }


    static func reduction(_ reduction: FocalReduction) throws(FocalLossError) {
        if case .normalized(let normalizer) = reduction {
            guard normalizer.isFinite, normalizer > 0 else {
                throw .invalidParameter(name: "normalizer", value: normalizer, requirement: "must be finite and > 0")
            }
        }
    }

    /// Every element finite.
    static func finite<Scalar: FocalScalar>(
        _ values: UnsafeBufferPointer<Scalar>, argument: String, shape: TensorShape
    ) throws(FocalLossError) {
        try elements(values, none: .nonFinite, argument: argument, shape: shape, requirement: "is not finite")
    }

    /// Every element in `[0, 1]` (so not NaN).
    static func unitInterval<Scalar: FocalScalar>(
        _ values: UnsafeBufferPointer<Scalar>, argument: String, shape: TensorShape
    ) throws(FocalLossError) {
        try elements(values, none: .outsideUnitInterval, argument: argument, shape: shape, requirement: "is outside [0, 1]")
    }

    /// Every element finite and `>= 0`.
    static func nonNegative<Scalar: FocalScalar>(
        _ values: UnsafeBufferPointer<Scalar>, argument: String, shape: TensorShape
    ) throws(FocalLossError) {
        try elements(values, none: .negativeOrNonFinite, argument: argument, shape: shape, requirement: "must be finite and >= 0")
    }

    /// No element of `values` shows `failure`; otherwise the first that does is reported.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func elements<Scalar: FocalScalar>(
        _ values: UnsafeBufferPointer<Scalar>, none failure: ElementScan.Failure, argument: String,
        shape: TensorShape, requirement: String
    ) throws(FocalLossError) {
        if let index = ElementScan.first(failure, in: values) {
            throw .invalidElement(
                argument: argument, value: Double(values[index]),
                location: shape.location(ofOffset: index), requirement: requirement)
        }
    }

    /// Every target 0 or 1: the variants defined for hard targets only (focal-star).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func hardTargets<Scalar: FocalScalar>(
        _ targets: UnsafeBufferPointer<Scalar>, shape: TensorShape, variant: String
    ) throws(FocalLossError) {
        var bad = false
        for target in targets { bad = bad || (target != 0 && target != 1) }
        if bad, let index = targets.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .invalidElement(
                argument: "targets", value: Double(targets[index]), location: shape.location(ofOffset: index),
                requirement: "is not 0 or 1 (\(variant) takes hard targets)")
        }
    }

    /// The element count of an argument against the one expected.

    static func count(_ count: Int, expected: Int, argument: String) throws(FocalLossError) {
        guard count == expected else {
            throw .countMismatch(argument: argument, count: count, expected: expected)
        }
    }
}

/// The sum of a buffer in `Double`, in blocks so the rounding error does not grow with the length.

@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func blockedSum<Scalar: FocalScalar>(_ values: UnsafeBufferPointer<Scalar>) -> Double {
    var total = 0.0
    var start = 0
    while start < values.count {
        let end = min(start + 1024, values.count)
        var partial = 0.0
        for index in start..<end { partial += Double(values[index]) }
        total += partial
        start = end
    }
    return total
}
