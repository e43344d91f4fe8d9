/// SplitMix64 (Steele, Lea and Flood, 2014): the small seeded generator of every test target, so
/// random tests see the same inputs on every run and machine.
///
/// It is also `SplitMix64` in `scripts/metrics_reference.py`: the metrics tests rebuild, bit for
/// bit, the inputs scikit-learn was given for the reference values. Its output stream must
/// therefore never change.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state: the seed, advanced by a fixed odd constant at every call.
    public var state: UInt64

    /// A generator whose whole output is determined by `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
