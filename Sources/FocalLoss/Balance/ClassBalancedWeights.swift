import RealModule

/// Class weights from class counts, for the `alpha` of the losses: the inverse frequency, or the
/// inverse effective number of samples of Cui et al. (2019), "Class-Balanced Loss Based on
/// Effective Number of Samples".
///
/// Both are normalised to sum to the number of classes `C`, so a balanced data set gets weight 1
/// everywhere, and are computed in `Double` before conversion to `Scalar`.
///
/// ```swift
/// let counts = [900, 90, 10]
/// let alpha: [Float] = try ClassBalancedWeights.effectiveNumber(counts: counts, beta: 0.999)
/// let focal = try SoftmaxFocalLoss<Float>(gamma: 2, alpha: .perClass(alpha))
/// ```
///
/// A class with no example has no balanced weight (its inverse frequency is infinite): it is a
/// ``FocalLossError`` naming the class, never NaN or infinity. Leave such a class out, or give it
/// a weight of your choosing.
public enum ClassBalancedWeights {
    /// Weights proportional to `1 / n_c`, summing to `C`.
    ///
    /// - Parameter counts: The number of examples of each class, each `> 0`.
    /// - Returns: One weight per class.
    /// - Throws: ``FocalLossError/emptyInput(argument:)`` for no class, and
    ///   ``FocalLossError/invalidElement(argument:value:location:requirement:)`` naming a class
    ///   with no (or a negative number of) examples.
    public static func inverseFrequency<Scalar: FocalScalar>(counts: [Int]) throws(FocalLossError) -> [Scalar] {
        try check(counts)
        return normalised(counts.map { 1 / Double($0) })
    }

    /// Weights proportional to the inverse effective number of samples, `(1 - β) / (1 - β^n_c)`,
    /// summing to `C`: `β = 0` gives equal weights, and as `β → 1` they tend to the inverse
    /// frequency (the paper uses `β` from 0.9 to 0.9999).
    ///
    /// `1 - β^n` is computed as `-expm1(n·log β)`, exact for `β` near 1 and large counts.
    ///
    /// - Parameters:
    ///   - counts: The number of examples of each class, each `> 0`.
    ///   - beta: In `[0, 1)`.
    /// - Returns: One weight per class.
    /// - Throws: ``FocalLossError`` as ``inverseFrequency(counts:)``, and
    ///   ``FocalLossError/invalidParameter(name:value:requirement:)`` for a `beta` outside `[0, 1)`.
    public static func effectiveNumber<Scalar: FocalScalar>(counts: [Int], beta: Double) throws(FocalLossError) -> [Scalar] {
        guard beta >= 0, beta < 1 else {
            throw .invalidParameter(name: "beta", value: beta, requirement: "must be in [0, 1)")
        }
        try check(counts)
        return normalised(counts.map { count in
            let effective = beta == 0 ? 1 : -Double.expMinusOne(Double(count) * Double.log(beta))
            return (1 - beta) / effective
        })
    }

    /// Throws for no class, or for a class with no example.
    private static func check(_ counts: [Int]) throws(FocalLossError) {
        guard !counts.isEmpty else { throw .emptyInput(argument: "counts") }
        if let index = counts.firstIndex(where: { $0 <= 0 }) {
            throw .invalidElement(
                argument: "counts", value: Double(counts[index]), location: ElementLocation(offset: index, coordinates: [index]),
                requirement: "must be > 0: a class with no example has no balanced weight")
        }
    }

    /// `raw` scaled to sum to its count.
    private static func normalised<Scalar: FocalScalar>(_ raw: [Double]) -> [Scalar] {
        let total = raw.reduce(0, +)
        return raw.map { Scalar($0 * Double(raw.count) / total) }
    }
}
