#if canImport(_Differentiation)
import Foundation

/// An imbalanced binary problem: negatives from a standard normal distribution in every
/// feature, the few positives from one shifted by `separation` along each feature.
struct SyntheticData {
    var features: FeatureMatrix
    /// 1 for a positive example, 0 for a negative one.
    var targets: [Float]

    init(count: Int, featureCount: Int, positiveFraction: Double, separation: Float, seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var values: [Float] = []
        var targets: [Float] = []
        values.reserveCapacity(count * featureCount)
        for _ in 0..<count {
            let positive = Double.random(in: 0..<1, using: &generator) < positiveFraction
            for _ in 0..<featureCount {
                values.append(generator.nextGaussian() + (positive ? separation : 0))
            }
            targets.append(positive ? 1 : 0)
        }
        features = FeatureMatrix(rows: count, columns: featureCount, values: values)
        self.targets = targets
    }

    var positiveCount: Int { targets.lazy.filter { $0 == 1 }.count }
}

/// A small seeded generator, so that every run prints the same figures.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal sample (Box-Muller).
    mutating func nextGaussian() -> Float {
        let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &self)
        let v = Double.random(in: 0..<1, using: &self)
        return Float((-2 * log(u)).squareRoot() * cos(2 * Double.pi * v))
    }
}
#endif
