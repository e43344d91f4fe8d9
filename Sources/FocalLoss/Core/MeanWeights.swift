/// The weights of a weighted mean, brought into range when they sum to almost nothing.
///
/// A mean with weights is `Σ w·loss / Σ w`, which does not change when every weight is multiplied
/// by the same factor, and neither does its gradient. With weights whose sum is far below the
/// scalar type's normal range (`Float` weights of 1e-45, say), `1 / Σ w` overflows and each
/// `w·loss` underflows, so the mean would come out as 0 and the gradient as infinity. Multiplying
/// the weights by a power of two that brings their sum to `[1, 2)` is exact and avoids both.
enum MeanWeights {
    /// The weights times a power of two that brings `sum` into `[1, 2)`, with the new sum; `nil`
    /// when the sum is large enough to use as it is (or not positive and finite).
    ///
    /// - Parameters:
    ///   - weights: The weights, counted or not (a weight not counted in `sum`, such as one at an
    ///     ignored position, is capped at the type's largest value rather than overflowing).
    ///   - sum: The sum of the counted weights, in `Double`.
    static func rescaled<Scalar: FocalScalar>(
        _ weights: UnsafeBufferPointer<Scalar>, sum: Double
    ) -> (weights: [Scalar], sum: Double)? {
        // Below the square root of the smallest normal value, products with losses near 1 start
        // to lose bits; that is far below any weight a caller means as a weight.
        let threshold = Double(Scalar.leastNormalMagnitude).squareRoot()
        guard sum > 0, sum < threshold else { return nil }
        let exponent = -Int(sum.exponent)
        // 2^exponent may itself be beyond the type's range (2^149 for Float subnormals): two
        // factors of about its square root, each exact.
        let first = Scalar(sign: .plus, exponent: Scalar.Exponent(exponent / 2), significand: 1)
        let second = Scalar(sign: .plus, exponent: Scalar.Exponent(exponent - exponent / 2), significand: 1)
        let limit = Scalar.greatestFiniteMagnitude
        let scaled = weights.map { min($0 * first * second, limit) }
        return (scaled, Double(sign: .plus, exponent: exponent, significand: sum))
    }
}
